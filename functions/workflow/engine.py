"""One move of a record: the new status, a timeline entry, deadlines and the outbox.

Pure: takes the record as a plain dict and returns a new dict, which its repository writes
in one conditional put, so the timeline and the notifications it owes can never disagree
with the status.
"""
import copy
import secrets
from datetime import datetime

from functions.notifications.outbox_entries import NEW
from functions.shared.moments import iso, parse_iso
from functions.workflow.machine import Machine


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


def outbox_entry(event: str, audience: str, at: datetime, **extra) -> dict:
    """One notification owed: an event for an audience, with an id to send it once by,
    leased to the deliverer its write triggers (functions/notifications/outbox_entries.py)."""
    return {"id": secrets.token_hex(6), "event": event, "audience": audience, "at": iso(at),
            "claimed_by": NEW, **extra}


def outbox_entries(machine: Machine, action: str, record: dict, at: datetime,
                   details: dict | None = None) -> list[dict]:
    """The notifications `action` owes, one per audience the machine names."""
    return [outbox_entry(f"{machine.event_prefix}{action}", who, at)
            for who in machine.audiences(action, record, details or {})]


def apply(machine: Machine, record: dict, *, action: str, actor: dict, now: datetime,
          note: str | None = None, photos=None, details: dict | None = None,
          changes: dict | None = None) -> dict:
    """The record after `actor` does `action` at `now`; InvalidTransition if not allowed.

    `details` are what decides the move beside the action (a rating); `changes` sets plain
    fields that come with it (unit_id on assign, ...).
    """
    details = dict(details or {})
    status = machine.next_status(record, action, details)
    new = copy.deepcopy(record)
    new.update(changes or {})
    new["status"] = status
    new["updated_at"] = iso(now)
    if status != record["status"] or action in machine.restart_deadlines_on:
        _restart_deadlines(machine, record, new, now)
    effect = machine.effects.get(action)
    extra = effect(record, new, details) if effect else {}
    new["timeline"] = list(record.get("timeline") or []) + [timeline_entry(
        at=now, actor=actor, action=action, status=status, note=note, photos=photos,
        extra=extra)]
    new["outbox"] = list(record.get("outbox") or []) + outbox_entries(
        machine, action, new, now, details)
    return new


def _restart_deadlines(machine: Machine, old: dict, new: dict, now: datetime) -> None:
    """Deadlines of the status entered; a reminder stays sent only for an unchanged one."""
    before = old.get("deadlines") or {}
    previous = {name: parse_iso(when) for name, when in before.items()}
    due = machine.carried_over(new["status"], previous)
    due.update(machine.deadlines(new["status"], old, now))
    new["deadlines"] = {name: iso(when) for name, when in due.items()}
    new["reminded"] = [r for r in old.get("reminded") or []
                       if before.get(r.split(":")[0]) == new["deadlines"].get(r.split(":")[0])]
    new["overdue"] = False
