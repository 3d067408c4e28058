"""What the reminder sweep owes a case: 24 h before each deadline, when it passes, and
every working day after that while it stays overdue.

A reminder is named `<deadline>:<kind>` and recorded in the case's `reminded` list
when sent, so a second or overlapping sweep never sends it again. The daily flag of an
overdue deadline is one entry `<deadline>:again@<when>` that each flag moves on to the
next working morning (the sweep knows the calendar in force; this module does not).
"""
from datetime import datetime, timedelta

from functions.shared.moments import iso, parse_iso

SOON = timedelta(hours=24)
AGAIN = ":again@"
# The citizen's rating deadline is not a reminder: when it passes the case closes unrated.
# A consultation's 24-hour clock has no "due soon" moment distinct from its start.
_NO_SOON = frozenset({"rate", "consultation_answer"})


def again_entry(deadline: str, when: datetime) -> str:
    """The `reminded` entry that schedules the next daily flag of an overdue deadline."""
    return f"{deadline}{AGAIN}{iso(when)}"


def pending_reminders(deadlines: dict, reminded) -> list[dict]:
    """Reminders not yet sent, each `{"name", "deadline", "kind", "at"}`, earliest first."""
    done = set(reminded or [])
    pending = []
    for deadline, when in (deadlines or {}).items():
        at = parse_iso(when)
        kinds = [("overdue", at)] if deadline in _NO_SOON else [("due_soon", at - SOON),
                                                                 ("overdue", at)]
        for kind, moment in kinds:
            name = f"{deadline}:{kind}"
            if name not in done:
                pending.append({"name": name, "deadline": deadline, "kind": kind,
                                "at": iso(moment)})
        again = [r for r in done if r.startswith(f"{deadline}{AGAIN}")]
        if deadline != "rate" and f"{deadline}:overdue" in done:
            # Flagged overdue before daily flags existed: the next one a day after.
            name = min(again) if again else again_entry(deadline, at + timedelta(days=1))
            pending.append({"name": name, "deadline": deadline, "kind": "still_overdue",
                            "at": name.split(AGAIN, 1)[1]})
    return sorted(pending, key=lambda r: r["at"])


def due_now(deadlines: dict, reminded, now: datetime) -> list[dict]:
    """Pending reminders whose moment has come (an overdue one supersedes its due-soon)."""
    stamp = iso(now)
    due = [r for r in pending_reminders(deadlines, reminded) if r["at"] <= stamp]
    overdue = {r["deadline"] for r in due if r["kind"] == "overdue"}
    # A due-soon notice the sweep missed is marked done but not sent: "overdue" says more.
    return [{**r, "silent": r["kind"] == "due_soon" and r["deadline"] in overdue}
            for r in due]


def is_overdue(deadlines: dict, now: datetime, *, ignore=("rate",)) -> bool:
    stamp = iso(now)
    return any(when <= stamp for name, when in (deadlines or {}).items() if name not in ignore)
