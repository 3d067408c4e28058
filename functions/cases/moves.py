"""Applying one action to a case: the new status, timeline entry, deadlines and outbox.

Pure: takes the case as a plain dict and returns a new dict. The storage layer writes
the result in one conditional put, so the timeline and the notifications it owes can
never disagree with the status.
"""
import copy
import secrets
from datetime import datetime

from functions.cases.states import next_status
from functions.shared.errors import InvalidTransition
from functions.shared.moments import iso, parse_iso
from functions.cases.deadlines import TimeLimits, carried_over, deadlines_for
from functions.cases.reminder_rules import is_overdue

# Who hears of each move (the notify drain resolves them to people and channels).
AUDIENCES = {
    "submit": ("deputy",),
    "hold": ("office",),
    "release": ("deputy",),
    "accept": ("citizen",),
    "reply": ("citizen",),
    "forward": ("office",),
    "reject": ("citizen",),
    "withdraw": (),
    "assign": ("unit", "citizen"),
    "urge": ("unit",),
    "sign": ("citizen",),
    "progress": ("citizen",),
    "answer": ("citizen",),
    "return": ("office",),
    "rate": (),
    "close_unrated": (),
}


def timeline_entry(*, at: datetime, actor: dict, action: str, status: str,
                   note: str | None = None, photos=None, extra: dict | None = None) -> dict:
    entry = {"at": iso(at), "actor_role": actor["role"], "action": action, "status": status}
    if actor.get("name"):
        entry["actor_name"] = actor["name"]
    if note:
        entry["note"] = note
    if photos:
        entry["photos"] = list(photos)
    entry.update(extra or {})
    return entry


def outbox_entries(action: str, at: datetime, *, rating: str | None = None,
                   status: str | None = None) -> list[dict]:
    audiences = list(AUDIENCES.get(action, ()))
    if action == "rate" and rating == "unsatisfied":
        audiences = ["unit"] if status == "assigned" else ["office"]
    return [outbox_entry(f"case_{action}", who, at) for who in audiences]


def outbox_entry(event: str, audience: str, at: datetime, **extra) -> dict:
    """One notification owed: an event for an audience, with an id to send it once by."""
    return {"id": secrets.token_hex(6), "event": event, "audience": audience, "at": iso(at),
            **extra}


def apply(case: dict, *, action: str, actor: dict, now: datetime,
          note: str | None = None, photos=None, rating: str | None = None,
          changes: dict | None = None) -> dict:
    """The case after `actor` does `action` at `now`; raises InvalidTransition if not allowed.

    `changes` sets plain fields that come with the move (unit_id on assign, ...).
    """
    if action == "release":
        return _release(case, actor=actor, now=now, note=note)
    new = copy.deepcopy(case)
    old_status = case["status"]
    rehandles = int(case.get("rehandle_count") or 0)
    status = next_status(old_status, action, rating=rating, rehandle_count=rehandles)
    new.update(changes or {})
    if action == "rate":
        new["rating"] = {"rating": rating, "comment": note, "at": iso(now),
                         "of": old_status}
        if status == "assigned":
            new["rehandle_count"] = rehandles + 1
    new["status"] = status
    new["updated_at"] = iso(now)
    limits = TimeLimits.from_dict(case.get("time_limits"))
    if status != old_status or action in ("rate", "return"):
        previous = {k: parse_iso(v) for k, v in (case.get("deadlines") or {}).items()}
        due = carried_over(status, previous)
        due.update(deadlines_for(status, case["type"], now, limits))
        new["deadlines"] = {k: iso(v) for k, v in due.items()}
        new["reminded"] = [r for r in case.get("reminded") or []
                           if r.split(":")[0] in due]
        new["overdue"] = False
    extra = {"rating": rating} if rating else {}
    if action in ("reply", "answer"):
        # Kept on the entry so the figures can always be recounted from the case alone.
        extra["on_time"] = not is_overdue(case.get("deadlines") or {}, now)
    new["timeline"] = list(case.get("timeline") or []) + [timeline_entry(
        at=now, actor=actor, action=action, status=status, note=note, photos=photos,
        extra=extra)]
    new["outbox"] = list(case.get("outbox") or []) + outbox_entries(
        action, now, rating=rating, status=status)
    return new


def _release(case: dict, *, actor: dict, now: datetime, note: str | None) -> dict:
    """The office clears a case held by the content check: it reaches the deputy now."""
    if case["status"] != "submitted" or not case.get("held_for_review"):
        raise InvalidTransition("only a submitted case held for review can be released")
    new = copy.deepcopy(case)
    limits = TimeLimits.from_dict(case.get("time_limits"))
    new["held_for_review"] = False
    new["updated_at"] = iso(now)
    new["deadlines"] = {k: iso(v) for k, v in deadlines_for(
        "submitted", case["type"], now, limits).items()}
    new["reminded"] = []
    new["timeline"] = list(case.get("timeline") or []) + [timeline_entry(
        at=now, actor=actor, action="release", status="submitted", note=note)]
    new["outbox"] = list(case.get("outbox") or []) + outbox_entries("release", now)
    return new
