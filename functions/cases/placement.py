"""Where a case stands for each party: whose inbox, whose queue, whether it is public.

The rules only; the repository turns them into index entries (storage.indexes), the access
checks into who may see it, the counters into whose figures it counts in, the sweep into
whom a reminder goes to. A case held for review (the content check flagged its text) waits
for the office before anyone else: that rule is here and in moves.py's guard, nowhere else.
"""
OFFICE_STATUSES = frozenset({"forwarded"})
UNIT_STATUSES = frozenset({"assigned", "in_progress"})
UNPUBLISHED = frozenset({"submitted", "withdrawn", "rejected"})


def is_held(case: dict) -> bool:
    return bool(case.get("held_for_review"))


def deputy_of(case: dict) -> str | None:
    """The deputy whose case it is (inbox, figures, access); none while the office reviews it."""
    return None if is_held(case) else case.get("deputy_id")


def waiting_on(case: dict) -> tuple[str, str] | None:
    """Whose queue the case is in: ("office", region id), ("unit", unit id) or None."""
    status = case["status"]
    if status in OFFICE_STATUSES or is_held(case) or (
            status == "submitted" and not case.get("deputy_id")):
        return "office", case["region_id"]
    if status in UNIT_STATUSES and case.get("unit_id"):
        return "unit", case["unit_id"]
    return None


def is_published(case: dict) -> bool:
    """Shown on the public list: the citizen allowed it, the office approved its text
    (`published`) and someone has taken it in."""
    return bool(case.get("public")) and bool(case.get("published")) \
        and case["status"] not in UNPUBLISHED and not is_held(case)
