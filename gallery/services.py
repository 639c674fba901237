"""Gallery content for other pages (the village home page)."""

from .models import AlbumPage, attach_card_images, with_listing_data


def latest_albums(village_page, limit: int = 3) -> list[AlbumPage]:
    """The village's ``limit`` newest published albums, for cards on its home page.

    Each album carries ``photo_count`` and ``card_image`` (its cover, else its first photo,
    renditions prefetched; None for an album without photos). Three queries whatever the
    limit: the albums, their card images and those images' renditions.
    """
    albums = (
        AlbumPage.objects.descendant_of(village_page)
        .live()
        .public()
        .order_by("-date", "-first_published_at", "-pk")
    )
    return attach_card_images(with_listing_data(albums)[:limit])
