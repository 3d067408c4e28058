"""Everything done to a suggestion after it is drafted: one read, one version-guarded write.

`act` is the one function every move goes through: who may (access.py), what the body
says (inputs.py), where the machine takes it (machine.py), then the write and what follows
it (after_write.py). A registration claims its number before the write (numbers.py).
A move sent again with its Idempotency-Key is found on the timeline entry its first try
made (functions/workflow/move_retries.py): the suggestion as it is now, nothing done twice.
"""
from datetime import datetime

from functions.shared.capacity import Full, check_room
from functions.identity.access import actor_id
from functions.shared.errors import Conflict, InvalidTransition
from functions.shared.idempotency import usable_key
from functions.shared.moments import iso
from functions.suggestions import after_write, inputs, numbers, repository, views
from functions.suggestions.access import require_action, require_read, roles_on
from functions.suggestions.machine import SUGGESTIONS
from functions.workflow import engine, move_retries

OFFICE_NAME = "人大办"


def get(*, suggestion_id: str, actor: dict | None) -> dict:
    suggestion = repository.get(suggestion_id)
    return views.suggestion_view(suggestion, roles=require_read(suggestion, actor))


# A move judged again on the latest version this many times: each delivery of a
# suggestion's notices writes the item too (a claim and a result per recipient), so two
# co-signers answering at once can each lose a few rounds to the other's notices.
ATTEMPTS = 6


def act(*, suggestion_id: str, action: str, actor: dict, now: datetime,
        body: dict | None = None, idempotency_key: str | None = None) -> dict:
    """Take `action` on the suggestion as `actor` with the request `body`; it after the move.
    Retried with its Idempotency-Key: the suggestion as it is now, the move not made again."""
    body = body or {}
    key_kept = _key_kept(actor, idempotency_key)
    suggestion = repository.get(suggestion_id)
    for attempt in range(ATTEMPTS):
        if move_retries.earlier_move(suggestion, action, key_kept, body, photos=False):
            return _as_now(suggestion, actor)
        role = require_action(suggestion, actor, action)
        card = actor_card(role, suggestion, actor)
        note, details, changes = inputs.read(action, body, suggestion, card, now)
        try:
            if action == "register":
                suggestion = _mark_registering(suggestion, details, now)
            changes.update(_state_changes(action, suggestion, role, card, now, details))
            details["role"] = role
            new = engine.apply(SUGGESTIONS, suggestion, action=action, actor=card, now=now,
                               note=note, details=details, changes=changes)
            move_retries.stamp(new, key_kept, body)
            check_room(new, "suggestion")
            saved = repository.save(new)
            break
        except Full:
            raise
        except Conflict:
            # The drain trimming the outbox, or a move that left the status as it was
            # (another co-signer answering, a co-unit's opinion), is no reason to refuse:
            # the move is judged again on the latest version. A change of status is.
            latest = repository.get(suggestion_id)
            if move_retries.earlier_move(latest, action, key_kept, body, photos=False):
                return _as_now(latest, actor)  # the same request, racing itself
            if attempt == ATTEMPTS - 1 or latest["status"] != suggestion["status"]:
                raise
            suggestion = latest
    after_write.suggestion_written(suggestion, saved, action=action, now=now)
    return views.suggestion_view(saved, roles=roles_on(saved, actor) or {role})


def _key_kept(actor: dict | None, idempotency_key: str | None) -> str | None:
    """What the move's timeline entry keeps of the caller's Idempotency-Key (400 if unusable)."""
    key = usable_key(idempotency_key)
    return move_retries.kept_key("suggestion-move", actor_id(actor), key) if key and actor \
        else None


def _as_now(suggestion: dict, actor: dict) -> dict:
    """A retried move's answer: the suggestion as it is now, as the caller may see it."""
    return views.suggestion_view(suggestion, roles=require_read(suggestion, actor))


def _mark_registering(suggestion: dict, details: dict, now: datetime) -> dict:
    """Before a number is claimed, mark the suggestion (one versioned write): from then on
    it can only be registered (machine.registration_under_way), so a number once claimed
    is never left unused by a concurrent convert or return."""
    if suggestion.get("registering_at"):
        return suggestion
    SUGGESTIONS.next_status(suggestion, "register", details)  # never mark what may not be
    return repository.save({**suggestion, "registering_at": iso(now)})


def _state_changes(action: str, suggestion: dict, role: str, card: dict, now: datetime,
                   details: dict) -> dict:
    """Fields a move sets from the store or the record rather than the body."""
    if action == "cosign":
        mine = [c for c in suggestion.get("cosigners") or [] if c["deputy_id"] == card["id"]]
        if not mine or mine[0]["status"] != "invited":
            raise InvalidTransition("you have already answered this invitation")
        return {}
    if action == "sign":
        signed = list(suggestion.get("signed_units") or [])
        if card["id"] in signed:
            raise InvalidTransition("your unit has already signed for this suggestion")
        return {"signed_units": signed + [card["id"]]}
    if action == "register":
        # Claimed before the write: a retry after a failed write reuses the same number.
        number = numbers.claim(suggestion_id=suggestion["id"],
                               region_id=suggestion["region_id"], now=now)
        return {**number, "registered_at": iso(now), "registering_at": None}
    return {}


def actor_card(role: str, suggestion: dict, actor: dict) -> dict:
    """How the actor appears on the timeline: a role, a public-facing name and an id."""
    if role in ("lead", "cosigner"):
        name = suggestion.get("lead_name") if role == "lead" else next(
            (c.get("name") for c in suggestion.get("cosigners") or []
             if c["deputy_id"] == actor["deputy_id"]), None)
        return {"role": "deputy", "name": name, "id": actor["deputy_id"]}
    if role in ("unit", "co_unit"):
        unit_id = actor["unit_id"]
        name = suggestion.get("unit_name") if role == "unit" else next(
            (u["name"] for u in suggestion.get("co_units") or [] if u["id"] == unit_id), None)
        return {"role": "unit", "name": name, "id": unit_id}
    return {"role": "office", "name": OFFICE_NAME, "id": actor.get("username")}
