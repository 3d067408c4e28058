"""A case move sent again with its Idempotency-Key (a phone's network retry, a form posted
twice): the timeline entry the first try wrote keeps the key, so the retry finds it in the
case already read and returns the case, without a second entry, notification or counter
move, however late; the same key with another request is 409.

The key kept is derived from the caller and the header, so one person's key never matches
another's entry; the request is kept as a digest of its body (its photos are on the entry).
"""
import hashlib
import json
from datetime import datetime

from functions.cases import views as case_views
from functions.identity.access import actor_id, roles_on
from functions.shared.errors import Forbidden, key_reused
from functions.shared.ids import derived_id


def entry_key(actor: dict, key: str | None) -> str | None:
    """What the entry keeps of the caller's Idempotency-Key (None: no key sent)."""
    return derived_id("case-move", actor_id(actor), key) if key else None


def _digest(body: dict) -> str:
    text = {k: v for k, v in body.items() if k != "photos"}
    canonical = json.dumps(text, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:24]


def stamp(new: dict, key_kept: str | None, body: dict) -> None:
    """Mark the entry the move just added with its key and request."""
    if key_kept:
        new["timeline"][-1].update(retry_key=key_kept, retry_body=_digest(body))


def earlier_move(case: dict, action: str, key_kept: str | None, body: dict, *,
                 photos: bool = True) -> dict | None:
    """The entry this key already made, None if none; 409 if it was another request.
    `photos=False`: the body's photos are not known yet (a form's files not stored)."""
    if not key_kept:
        return None
    for entry in reversed(case.get("timeline") or []):
        if entry.get("retry_key") != key_kept:
            continue
        same = entry.get("action") == action and entry.get("retry_body") == _digest(body) \
            and (not photos or list(body.get("photos") or []) == list(entry.get("photos") or []))
        if not same:
            raise key_reused("move")
        return entry
    return None


def case_after(case: dict, entry: dict, actor: dict, now: datetime) -> dict:
    """The case as it is now, for the caller whose earlier move `entry` is; one who lost
    sight of it by that move (a unit's return) sees it only if nothing happened since."""
    roles = roles_on(case, actor)
    if not roles and (case.get("timeline") or [None])[-1] is entry:
        roles = {entry["actor_role"]}
    if not roles:
        raise Forbidden("you may not see this case")
    return case_views.case_view(case, roles=roles, now=now)
