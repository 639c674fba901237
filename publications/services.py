"""Public documents for other pages (the village home page)."""

from .models import PublicDocumentPage


def latest_documents(village_page, limit: int = 5) -> list[PublicDocumentPage]:
    """The village's ``limit`` most recently published documents, with their files.

    One query. Each item offers ``document.url`` (the download link), ``file_description``
    ("PDF, 42 KB"), ``category_label`` and ``reference`` ("Nomor 3 Tahun 2026").
    """
    return list(
        PublicDocumentPage.objects.descendant_of(village_page)
        .live()
        .public()
        .select_related("document")
        .order_by("-first_published_at", "-pk")[:limit]
    )
