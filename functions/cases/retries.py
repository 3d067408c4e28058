"""A submission's retry: the case its Idempotency-Key already made, and whether the
request repeats it (the same key for another request is 409)."""
from datetime import datetime

from functions.cases import views as case_views
from functions.shared.errors import Conflict


def same_request(existing: dict, case: dict, now: datetime) -> dict:
    """The stored case's view if `case` repeats its request; 409 if the key was reused."""
    if request_of(existing) != request_of(case):
        raise Conflict("this Idempotency-Key was already used for a different case",
                       {"Idempotency-Key": "reused with a different request"})
    return case_views.case_view(existing, roles={"citizen"}, now=now)


def request_of(case: dict) -> dict:
    """What a retry must repeat for its key to stand for the same case (stored as written)."""
    location = {k: v for k, v in (case.get("location") or {}).items() if v is not None}
    return {"entry_code": case.get("entry_code"), "category": case.get("category"),
            "type": case.get("type"), "content": case.get("content"),
            "photos": list(case.get("photos") or []), "location": location or None,
            "contact_phone": case.get("contact_phone"), "public": bool(case.get("public"))}
