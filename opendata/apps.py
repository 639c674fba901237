from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_vocabularies(sender, **kwargs):
    from .vocabularies import sync_vocabularies

    sync_vocabularies()


def _categories_visible_to(queryset, user):
    """Standard categories for everyone; a regency's own to the people of that regency."""
    from django.db.models import Q

    from villages import scope

    codes = {r.regency_code for r in scope.user_regions(user) if r.regency_code}
    return queryset.filter(Q(regency__isnull=True) | Q(regency__code__in=codes))


class OpenDataConfig(AppConfig):
    """Open village data: population statistics, APBDes, development projects and indices."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "opendata"
    verbose_name = _("Data desa")

    def ready(self):
        from villages.sections import register_section
        from villages.tenancy import Owner, register
        from villages.tenancy.registry import register_global

        from .sections import SECTIONS

        for section in SECTIONS:
            register_section(section)
        from .models import (
            Account,
            BudgetLine,
            IndexValue,
            PopulationFigure,
            Release,
            StatisticCategory,
        )

        register(Release, Owner.REGION, field="village", noun=_("data desa"))
        for model in (PopulationFigure, BudgetLine, IndexValue):
            register(model, Owner.REGION, field="release__village", noun=_("angka"))
        register(
            StatisticCategory,
            Owner.CUSTOM,
            visible_to=_categories_visible_to,
            region_getter=lambda category: category.regency,
            noun=_("kategori statistik"),
        )
        register_global(Account, "The APBDes chart of accounts is national (Permendagri 20/2018).")
        post_migrate.connect(_sync_vocabularies, sender=self)
