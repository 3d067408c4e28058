"""A submission's retry: the case its Idempotency-Key already made, and whether the
request repeats it (the same key for another request is 409)."""
import time

from functions.cases import repository as case_repository, views as case_views
from functions.cases.submission_fields import validate
from functions.org.regions import cached_region, categories_of
from functions.shared.errors import NotFound, key_in_use, key_reused

# How long to wait for a parallel try of the same key to write its case: about 1.5 s.
TWIN_WAITS = (0.05, 0.1, 0.15, 0.2, 0.3, 0.3, 0.4)


def stored_case(case_id: str) -> dict | None:
    """The case of this id (derived from the caller and the key), or None."""
    try:
        return case_repository.get(case_id)
    except NotFound:
        return None


def repeats(existing: dict, entry_code: str, body: dict, actor: dict) -> bool:
    """Does this request repeat the one that made `existing`?"""
    return request_of(_as_request(existing, entry_code, body, actor)) == request_of(existing)


def answer_retry(existing: dict, entry_code: str, body: dict, actor: dict, now) -> dict:
    """The stored case's view if this request repeats the one its key made; 409 if the key
    was reused for another request."""
    if not repeats(existing, entry_code, body, actor):
        raise key_reused("case")
    return case_views.case_view(existing, roles={"citizen"}, now=now)


def request_of(case: dict) -> dict:
    """What a retry must repeat for its key to stand for the same case (stored as written)."""
    location = {k: v for k, v in (case.get("location") or {}).items() if v is not None}
    return {"entry_code": case.get("entry_code"), "category": case.get("category"),
            "type": case.get("type"), "content": case.get("content"),
            "photos": list(case.get("photos") or []), "location": location or None,
            "contact_phone": case.get("contact_phone"), "public": bool(case.get("public"))}


def twins_case(case_id: str, waits=TWIN_WAITS) -> dict:
    """The case a parallel try of the same key took the last place for, once it is written
    (read again after each wait); Conflict if it is not written by then (that try failed,
    or is slow): a retry of the request gets the case, or a place."""
    for pause in (0, *waits):
        time.sleep(pause)
        try:
            return case_repository.get(case_id)
        except NotFound:
            continue
    raise key_in_use()


def _as_request(existing: dict, entry_code: str, body: dict, actor: dict) -> dict:
    """This request's fields as a case, to compare with the one its key made."""
    fields = validate(body, actor, categories_of(cached_region(existing["region_id"])))
    return dict(fields, entry_code=entry_code.strip().upper())
