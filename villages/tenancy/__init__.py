"""Tenancy by construction: which objects belong to which region, enforced where objects are
loaded (``guard``, ``policies``) and where content is saved (``forms``, ``references``).

- ``registry``: every tenant-owned model is registered once with how its region is found.
- ``ownership``: what a user may see (``visible``) and which region an object belongs to.
- ``policies``: Wagtail permission policies that add "is it theirs" to every object check.
- ``guard``: a middleware refusing any admin URL that names another region's object.
- ``references`` / ``forms``: content may only refer to its own region's objects.
- ``checks``: system checks that every tenant-owned model goes through the above.
"""

from .ownership import may_see, region_of, regions_of, unseen_ids, visible
from .registry import Owner, is_tenant_owned, ownership_of, register, unregister

__all__ = [
    "Owner",
    "is_tenant_owned",
    "may_see",
    "ownership_of",
    "region_of",
    "regions_of",
    "register",
    "unregister",
    "unseen_ids",
    "visible",
]
