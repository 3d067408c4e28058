"""Lists of suggestions, each one Query on the index made for it (no scans)."""
from functions.identity.access import require_staff, require_user
from functions.shared.errors import ValidationFailed
from functions.shared.moments import SHANGHAI
from functions.shared.pagination import page
from functions.storage import suggestion_keys
from functions.suggestions import parties, repository, views
from functions.suggestions.access import roles_on
from functions.suggestions.machine import STATUSES


def _status(status):
    if status in (None, ""):
        return None
    if status not in STATUSES:
        raise ValidationFailed("invalid status", {"status": f"one of {', '.join(STATUSES)}"})
    return status


def _party_page(kind: str, party_id: str, actor: dict, status, limit, cursor) -> dict:
    """A deputy's or unit's suggestions, newest first; `status` is a key range of its
    own index, so a page is full (parties.py)."""
    items, next_cursor = parties.page(kind, party_id, status=status, limit=limit,
                                      cursor=cursor)
    rows = []
    for item in items:
        suggestion = repository.from_item(item)
        rows.append(views.suggestion_view(suggestion, roles=roles_on(suggestion, actor)))
    return {"items": rows, "next_cursor": next_cursor}


def deputy_suggestions(*, actor: dict, status=None, limit=None, cursor=None) -> dict:
    """Led, co-signed and invited ones."""
    actor = require_user(actor, "deputy")
    return _party_page("deputy", actor["deputy_id"], actor, _status(status), limit, cursor)


def staff_suggestions(*, actor: dict, status=None, limit=None, cursor=None) -> dict:
    """The office: those waiting on it (review, extension requests); a unit: its own."""
    actor = require_staff(actor, "office", "unit")
    status = _status(status)
    if actor["role"] == "unit":
        return _party_page("unit", actor["unit_id"], actor, status, limit, cursor)
    scope = suggestion_keys.office_suggestions_key(actor["region_id"])
    return page(repository.office_query(actor["region_id"], status),
                scope=f"{scope}|{status}", limit=limit, cursor=cursor,
                view=lambda item: views.suggestion_view(repository.from_item(item),
                                                        roles={"office"}))


def public_suggestions(*, region_id=None, year=None, now=None, limit=None,
                       cursor=None) -> dict:
    """Registered suggestions of a region and year (default this year), by number."""
    problems = {}
    if year in (None, "") and now is not None:
        year = now.astimezone(SHANGHAI).year
    if not isinstance(region_id, str) or not region_id.strip():
        problems["region_id"] = "required"
    try:
        year = int(year)
        if not 2000 <= year <= 2100:
            raise ValueError
    except (TypeError, ValueError):
        problems["year"] = "a year such as 2026"
    if problems:
        raise ValidationFailed("invalid query", problems)
    scope = suggestion_keys.public_suggestions_key(region_id, year)
    return page(repository.public_query(region_id, year), scope=scope, limit=limit,
                cursor=cursor, view=lambda item: views.public_view(repository.from_item(item)))
