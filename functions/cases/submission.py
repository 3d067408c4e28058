"""A citizen submits a case through an entry code; retries never create a second case."""
from datetime import datetime, timedelta

from functions.cases import after_write, views as case_views
from functions.identity import throttle
from functions.shared.clock import iso
from functions.shared.config import settings
from functions.identity.access import require_user
from functions.cases.moves import outbox_entries, timeline_entry
from functions.org.categories import CASE_TYPES
from functions.cases.deadlines import deadlines_for
from functions.shared.errors import NotFound, RateLimited, ValidationFailed
from functions.shared.validation import (
    choice_problem, location_problem, phone_problem, photos_problem, text_problem,
)
from functions.org.entry import get_entry_item
from functions.shared.ids import derived_id
from functions.org.calendar import in_force
from functions.org.regions import cached_region, categories_of, limits_of
from functions.cases import repository as case_repository
from functions.storage import keys, prefetch
from functions.cases.retries import read_ahead, request_of, same_request

MAX_CONTENT = 2000


def submit(*, actor: dict, idempotency_key: str | None, body: dict, now: datetime,
           check_content=None) -> tuple[dict, bool]:
    """Create the case (True) or return the one this key already made (False)."""
    actor = require_user(actor)
    key = (idempotency_key or "").strip()
    if not key or len(key) > 100:
        raise ValidationFailed("an Idempotency-Key header (1–100 characters) is required",
                               {"Idempotency-Key": "required, at most 100 characters"})
    case_id = derived_id(actor["user_id"], key)
    entry_code = body.get("entry_code")
    if not isinstance(entry_code, str) or not entry_code.strip():
        raise ValidationFailed("invalid case", {"entry_code": "required"})
    try:
        entry = get_entry_item(entry_code)
        _within_limits(actor["user_id"], now)
    except (NotFound, RateLimited):
        # A retry of a case already stored gets it back, whatever changed since (its
        # deputy deactivated, the citizen's limit reached meanwhile).
        existing = _retried(case_id, entry_code, body, actor)
        if existing is None:
            raise
        return case_views.case_view(existing, roles={"citizen"}, now=now), False
    region = cached_region(entry.region_id)
    fields = _validate(body, actor, categories_of(region))
    case = {
        "id": case_id, "type": fields["type"], "status": "submitted",
        "category": fields["category"], "content": fields["content"],
        "photos": fields["photos"], "location": fields["location"],
        "contact_phone": fields["contact_phone"], "public": fields["public"],
        "created_at": iso(now), "updated_at": iso(now), "entry_code": entry.entry_code,
        "deputy_id": entry.deputy_id, "deputy_name": (entry.card or {}).get("name"),
        "region_id": entry.region_id, "region_name": region.name,
        "owner_id": actor["user_id"], "rehandle_count": 0, "overdue": False,
        "time_limits": limits_of(region).to_dict(), "reminded": [],
    }
    existing = read_ahead(case_id)
    if existing is not None:  # a retry: no content check, no photo claim, no write
        return same_request(existing, case, now), False
    case["deadlines"] = {k: iso(v) for k, v in deadlines_for(
        "submitted", case["type"], now, limits_of(region), in_force(entry.region_id)).items()}
    verdict = check_content(case["content"], actor) if check_content else None
    # Both "risky" and "review" wait for a person at the office before the deputy sees it.
    held = bool(verdict and (verdict.get("risky") or verdict.get("suggest") == "review"))
    case["held_for_review"] = held
    case["timeline"] = [timeline_entry(at=now, actor={"role": "citizen"}, action="submit",
                                       status="submitted")]
    case["outbox"] = outbox_entries("hold" if held else "submit", now)
    if fields["photos"]:
        from functions.cases.photo_claims import attach_photos
        attach_photos(fields["photos"], owner=actor["user_id"], holder=f"case:{case_id}")
    stored = case_repository.create(case)
    if stored:
        after_write.submission_counted(actor["user_id"], now, WINDOWS)
        after_write.case_written(None, stored, now)
        return case_views.case_view(stored, roles={"citizen"}, now=now), True
    existing = case_repository.get(case_id)
    if fields["photos"] and request_of(existing) != request_of(case):
        from functions.cases.photo_claims import let_go  # claimed above, not shown in it
        let_go([p for p in fields["photos"] if p not in (existing.get("photos") or [])],
               owner=actor["user_id"], holder=f"case:{case_id}")
    return same_request(existing, case, now), False


WINDOWS = (timedelta(hours=1), timedelta(days=1))


def read_ahead_pks(user_id: str, idempotency_key: str | None, now: datetime) -> list[str]:
    """What the request layer reads with the caller: the limit windows and the case this
    key would make (a retry then costs that one read)."""
    key = (idempotency_key or "").strip()
    case = [keys.case_pk(derived_id(user_id, key))] if 0 < len(key) <= 100 else []
    return limit_pks(user_id, now) + case


def limits() -> tuple:
    """(limit, window) pairs of new cases per citizen (a retry is not a new case)."""
    config = settings()
    return tuple(zip((config.cases_per_hour, config.cases_per_day), WINDOWS))


def limit_pks(user_id: str, now: datetime) -> list[str]:
    """The window items counting the citizen's submissions (read with the caller)."""
    return [throttle.window_pk(f"submit#{user_id}", window=window, now=now)
            for window in WINDOWS]


def check_limits(*, actor: dict, idempotency_key: str, now: datetime) -> None:
    """RateLimited if this would be a new case past the citizen's limits (forms call it
    before storing photos, so nothing is stored for a submission that will be refused)."""
    try:
        _within_limits(actor["user_id"], now)
    except RateLimited:
        key = (idempotency_key or "").strip()
        if not key or _stored(derived_id(actor["user_id"], key)) is None:
            raise


def _within_limits(user_id: str, now: datetime) -> None:
    for pk, (limit, window) in zip(limit_pks(user_id, now), limits()):
        read_ahead, item = prefetch.take(pk)
        if not read_ahead:
            item = prefetch.read([(pk, "META")])[pk]
        throttle.refuse_if_full(item, limit=limit, window=window, now=now,
                                message="too many cases submitted, please try again later")


def _stored(case_id: str) -> dict | None:
    try:
        return case_repository.get(case_id)
    except NotFound:
        return None


def _validate(body: dict, actor: dict, categories: list[dict]) -> dict:
    from functions.cases.uploads import owns
    problems = {}
    category_ids = [c["id"] for c in categories]
    problems["category"] = choice_problem(body.get("category"), category_ids)
    problems["type"] = choice_problem(body.get("type"), CASE_TYPES)
    problems["content"] = text_problem(body.get("content"), field_max=MAX_CONTENT)
    photos = body.get("photos") or []
    problems["photos"] = photos_problem(photos, lambda p: owns(p, actor["user_id"]))
    if body.get("location") is not None:
        problems["location"] = location_problem(body["location"])
    phone = body.get("contact_phone")
    if phone not in (None, ""):
        problems["contact_phone"] = phone_problem(phone)
    if not isinstance(body.get("public", False), bool):
        problems["public"] = "true or false"
    problems = {k: v for k, v in problems.items() if v}
    if problems:
        raise ValidationFailed("invalid case", problems)
    location = body.get("location")
    return {"category": body["category"], "type": body["type"],
            "content": body["content"].strip(), "photos": photos,
            "location": dict(location) if location else None,
            "contact_phone": phone.strip() if phone else None,
            "public": bool(body.get("public", False))}


def _retried(case_id: str, entry_code: str, body: dict, actor: dict) -> dict | None:
    """The case this key already made from the same request, if any."""
    try:
        existing = case_repository.get(case_id)
    except NotFound:
        return None
    fields = _validate(body, actor, categories_of(cached_region(existing["region_id"])))
    retry = dict(fields, entry_code=entry_code.strip().upper())
    return existing if request_of(retry) == request_of(existing) else None
