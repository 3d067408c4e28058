"""Where a suggestion stands for each party: whose queue, whether it is public, who reads it."""
OFFICE_STATUSES = frozenset({"submitted"})
PUBLIC_STATUSES = frozenset({"registered", "assigned", "in_progress", "answered", "closed"})
UNIT_STATUSES = frozenset({"assigned", "in_progress"})


def waits_on_office(suggestion: dict) -> bool:
    """Submitted ones wait for review; handled ones with an extension request for a decision."""
    pending = (suggestion.get("extension") or {}).get("status") == "pending"
    return suggestion["status"] in OFFICE_STATUSES or (
        pending and suggestion["status"] in UNIT_STATUSES)


def is_public(suggestion: dict) -> bool:
    return suggestion["status"] in PUBLIC_STATUSES


def year_of(suggestion: dict) -> int | None:
    number = suggestion.get("number")
    return int(number.split("-")[0]) if number else None
