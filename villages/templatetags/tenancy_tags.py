"""Template helpers of the tenancy: what may be named to the current user."""

from django import template

from ..tenancy import may_see

register = template.Library()


def _object(item):
    # Bulk-action templates pass objects or {"item": object, "can_edit": …} dicts.
    return item.get("item") if isinstance(item, dict) else item


@register.filter
def seen_by(items, user):
    """The ``items`` that ``user`` may see; the others are never named, only counted."""
    if user is None or getattr(user, "is_superuser", False):
        return list(items)
    return [item for item in items if may_see(user, _object(item), with_ancestors=False)]


@register.filter
def unseen_count(items, user):
    return len(list(items)) - len(seen_by(items, user))
