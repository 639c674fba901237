"""The village's product section (/produk/)."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.search import index

from villages.models import PlatformPage

from .common import with_photos
from .potentials import PotentialPage, PotentialPhoto
from .products import Category, ProductPage, ProductPhoto

PRODUCTS_PER_PAGE = 12


class ProductIndexPage(PlatformPage):
    """The village's product section (/produk/): products by category, then its potential."""

    intro = models.TextField(_("ringkasan"), blank=True, max_length=500)

    content_panels = [*PlatformPage.content_panels, FieldPanel("intro")]
    search_fields = [*PlatformPage.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types = ["products.ProductPage", "products.PotentialPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("indeks produk")
        verbose_name_plural = _("indeks produk")

    def products(self):
        """Live products of this section, featured first, then newest."""
        queryset = ProductPage.objects.child_of(self).live().public()
        return with_photos(queryset, ProductPhoto).order_by(
            "-featured", "-first_published_at", "-pk"
        )

    def potentials(self):
        queryset = PotentialPage.objects.child_of(self).live().public()
        return with_photos(queryset, PotentialPhoto).order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        products = self.products()
        # Only categories that have products get a filter link.
        used = set(products.order_by().values_list("category", flat=True).distinct())
        categories = [(value, label) for value, label in Category.choices if value in used]
        # An unknown ?kategori= (an old or mistyped link) shows every product: a buyer
        # should land on products, not on an empty page.
        active = request.GET.get("kategori")
        if active in used:
            products = products.filter(category=active)
        else:
            active = None
        context["products"] = Paginator(products, PRODUCTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context["categories"] = categories
        context["active_category"] = active
        context["potentials"] = self.potentials()
        return context
