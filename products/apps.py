from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "products"
    verbose_name = _("Produk dan potensi")

    def ready(self):
        from villages.sections import register_section

        from .sections import PRODUCTS

        register_section(PRODUCTS)
