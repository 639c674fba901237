import pytest


@pytest.fixture
def page_cache(settings, django_capture_on_commit_callbacks):
    """The page cache on, and ``committed()``: a block whose transaction "commits" (its
    on-commit callbacks run, as they do in production after every write)."""
    settings.PAGE_CACHE_ENABLED = True

    def committed():
        return django_capture_on_commit_callbacks(execute=True)

    return committed
