from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = _("Berita")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from villages.sections import register_section
        from villages.tenancy import Owner, register
        from villages.tenancy.policies import TenantPermissionPolicy

        from .models import NewsCategory
        from .sections import NEWS

        register_section(NEWS)
        # A category belongs to the village its form names; operators hold the category
        # permissions for the model, the policy applies them to their own village's only.
        register(NewsCategory, Owner.REGION, field="region", owner_in_form=True, noun=_("kategori"))
        register_permission_policy(NewsCategory, TenantPermissionPolicy(NewsCategory))
