"""Everything done to a case after submission: one read, one version-guarded write.

Two people acting at once both read version n; the second write fails its condition
and gets 409 conflict, so the case item is never half of each.
"""
from datetime import datetime

from functions.cases import after_write, move_inputs, move_retries
from functions.workflow.move_retries import earlier_move, stamp
from functions.cases import views as case_views
from functions.org import calendar as official_calendar
from functions.identity.access import actor_id, require_action, require_read, roles_on
from functions.shared.capacity import check_room
from functions.cases.moves import apply
from functions.shared.errors import Conflict, InvalidTransition
from functions.shared.idempotency import usable_key
from functions.shared.working_days import NO_ENTRIES
from functions.cases import repository as case_repository

# Moves that can start a working-day deadline need the official days entered beyond
# the library (a cached read); the others do not.
NEW_WORKING_DAY_DEADLINES = frozenset({"forward", "assign", "return", "rate", "release",
                                       "decide_extension"})
OFFICE_NAME = "人大办"


def get_case(*, case_id: str, actor: dict, now: datetime) -> dict:
    case = case_repository.get(case_id)
    roles = require_read(case, actor)
    return case_views.case_view(case, roles=roles, now=now)


def check_action(*, case_id: str, action: str, actor: dict,
                 idempotency_key: str | None = None, body: dict | None = None) -> bool:
    """Forbidden (or 404) unless the actor may take `action` on the case now; True if its
    Idempotency-Key already made this move with this `body` (photos aside): nothing to do."""
    from functions.cases.states import allowed_actions
    case = case_repository.get(case_id)
    key_kept = move_retries.entry_key(actor, usable_key(idempotency_key))
    if earlier_move(case, action, key_kept, body or {}, photos=False):
        return True
    require_action(case, actor, action)
    if action not in allowed_actions(case["status"]):
        raise InvalidTransition(f"cannot {action} a {case['status']} case")
    return False


def act(*, case_id: str, action: str, actor: dict, now: datetime, body: dict | None = None,
        idempotency_key: str | None = None) -> dict:
    """Take `action` on the case as `actor` with the request `body`; the case after it.
    Any move retried with its Idempotency-Key returns the case (move_retries.py)."""
    body = body or {}
    key_kept = move_retries.entry_key(actor, usable_key(idempotency_key))
    case = case_repository.get(case_id)
    claimed = []  # photos this request claimed anew: free again if it is refused
    for attempt in range(3):
        done = earlier_move(case, action, key_kept, body)
        if done:
            return move_retries.case_after(case, done, actor, now)
        role = require_action(case, actor, action)
        note, photos, rating, changes = move_inputs.read(action, body, actor, case)
        if action == "answer":  # a rating sends the case back to whoever answered
            changes["answered_by"] = "office" if role == "office" else "unit"
        calendar = official_calendar.in_force(case["region_id"]) \
            if action in NEW_WORKING_DAY_DEADLINES else NO_ENTRIES
        new = apply(case, action=action, actor=_actor_card(role, case, actor), now=now,
                    note=note, photos=photos, rating=rating, changes=changes,
                    calendar=calendar)
        stamp(new, key_kept, body)
        check_room(new)
        if photos:
            from functions.cases.photo_claims import attach_photos
            shown = [p for e in case.get("timeline") or [] for p in e.get("photos") or []]
            claimed += attach_photos(photos, owner=actor_id(actor), holder=f"case:{case_id}",
                                     now=now, shown=shown,
                                     read_record=lambda: case_repository.get(case_id))
        try:
            saved = case_repository.save(new)
            break
        except Conflict:
            # The notify drain only trims the outbox and the reminder sweep only adds
            # notices and its own `overdue` entry: no reason to refuse a person. Another
            # person's move (a timeline entry by anyone but the system) is.
            latest = case_repository.get(case_id)
            done = earlier_move(latest, action, key_kept, body)
            if done:  # the same request, racing itself
                return move_retries.case_after(latest, done, actor, now)
            if attempt == 2 or _someone_else_moved(case, latest):
                from functions.cases.photo_claims import let_go_unshown
                let_go_unshown(claimed, latest, owner=actor_id(actor), holder=f"case:{case_id}")
                raise
            case = latest
        except Exception:  # failed (503, 500): free again unless the case shows them now
            from functions.cases.photo_claims import let_go_after_failure
            let_go_after_failure(claimed, lambda: case_repository.get(case_id),
                                 owner=actor_id(actor), holder=f"case:{case_id}")
            raise
    after_write.case_written(case, saved, now)
    # A unit that returns a case no longer sees it; it still gets the result of its move.
    return case_views.case_view(saved, roles=roles_on(saved, actor) or {role}, now=now)


def _someone_else_moved(read: dict, latest: dict) -> bool:
    before = read.get("timeline") or []
    after = latest.get("timeline") or []
    return after[:len(before)] != before or any(
        entry.get("actor_role") != "system" for entry in after[len(before):])


def _actor_card(role: str, case: dict, actor: dict) -> dict:
    """How the actor appears on the timeline: a role and a public-facing name."""
    if role == "deputy" and actor.get("kind") == "user":
        return {"role": "deputy", "name": case.get("deputy_name")}
    if role in ("unit", "co_unit"):
        return {"role": "unit", "name": case.get("unit_name") if role == "unit" else None}
    if role in ("office", "deputy"):
        return {"role": "office", "name": OFFICE_NAME}
    return {"role": role}
