from pagecache import invalidation

HEADER = "X-Page-Cache"


def get(client, host, path="/", **extra):
    return client.get(path, HTTP_HOST=host, **extra)


def warm(client, host, path="/"):
    """Render ``path`` once, then check that the next request is served from the cache."""
    first = get(client, host, path)
    assert first.status_code == 200, (host, path, first.status_code)
    # A first render may write (a site's settings row is created on first use); in the
    # tests' transaction its on-commit bump waits, so run it now, as production would have.
    invalidation.flush()
    get(client, host, path)
    second = get(client, host, path)
    assert second[HEADER] == "hit", (host, path)
    return second


def state(client, host, path="/"):
    return get(client, host, path).get(HEADER)
