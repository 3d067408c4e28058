"""Items read ahead with the caller's principal in one BatchGetItem, used once.

A request needs the caller's current account item and usually one more item (the case,
the entry code). Reading both in one call keeps a mini-program request within its store
budget; the use case then takes its item from here instead of reading it again. Taking
removes it, so a retry after a lost race always reads afresh. The request layer clears
what is left at the end of each request.
"""
from contextvars import ContextVar

from .models import BaseItem

_MISSING = object()
_ahead: ContextVar[dict | None] = ContextVar("prefetched_items", default=None)


def read(pairs: list[tuple[str, str]]) -> dict[str, BaseItem | None]:
    """{pk: item or None} for these (pk, sk) keys: one GetItem or one BatchGetItem."""
    if len(pairs) == 1:
        pk, sk = pairs[0]
        return {pk: _get_one(pk, sk)}
    found = {item.pk: item for item in BaseItem.batch_get(pairs, consistent_read=True)}
    return {pk: found.get(pk) for pk, _ in pairs}


def _get_one(pk: str, sk: str) -> BaseItem | None:
    from pynamodb.exceptions import DoesNotExist
    try:
        return BaseItem.get(pk, sk, consistent_read=True)
    except DoesNotExist:
        return None


def keep(items: dict[str, BaseItem | None]) -> None:
    """Hold these items (None: known not to exist) for the rest of this request."""
    _ahead.set({pk: (_MISSING if item is None else item) for pk, item in items.items()})


def take(pk: str):
    """(True, item or None) if read ahead for this request, else (False, None)."""
    ahead = _ahead.get()
    if not ahead or pk not in ahead:
        return False, None
    item = ahead.pop(pk)
    return True, (None if item is _MISSING else item)


def forget() -> None:
    _ahead.set(None)
