"""Full-page cache of the public site, per site and language, invalidated by version stamps.

See ``middleware`` for what is kept and served, ``versions`` for the stamps and
``invalidation`` for what bumps them.
"""
