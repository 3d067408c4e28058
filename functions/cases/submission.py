"""A citizen submits a case through an entry code; retries never create a second case."""
from datetime import datetime

from functions.cases import (after_write, photo_claims, photo_day_claims, submission_limits,
                             views as case_views)
from functions.shared.clock import iso
from functions.identity.access import require_user
from functions.cases.moves import outbox_entries, timeline_entry
from functions.cases.deadlines import deadlines_for
from functions.shared.idempotency import sent_key
from functions.shared.errors import NotFound, RateLimited, ValidationFailed
from functions.org.entry import get_entry_item
from functions.shared.ids import derived_id
from functions.org.calendar import in_force
from functions.org.regions import cached_region, categories_of, limits_of
from functions.cases import repository as case_repository
from functions.storage import keys
from functions.cases.submission_retries import (
    answer_retry, repeats, request_of, stored_case, twins_case,
)
from functions.cases.submission_fields import validate


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
    # Read with the caller (read_ahead_pks): a retry of a stored case is answered from it
    # and never counts against the limits.
    stored_before = stored_case(case_id)
    try:
        entry = get_entry_item(entry_code)
    except NotFound:
        # A retry of a case already stored gets it back, whatever changed since (its
        # deputy deactivated meanwhile).
        if stored_before is None or not repeats(stored_before, entry_code, body, actor):
            raise
        return case_views.case_view(stored_before, roles={"citizen"}, now=now), False
    if stored_before is not None:
        return answer_retry(stored_before, entry_code, body, actor, now), False
    region = cached_region(entry.region_id)
    fields = validate(body, actor, categories_of(region))
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
    case["deadlines"] = {k: iso(v) for k, v in deadlines_for(
        "submitted", case["type"], now, limits_of(region), in_force(entry.region_id)).items()}
    # PhotoExpired, RateLimited or PhotoTaken: nothing counted, nothing claimed.
    try:
        claimed = submission_limits.take_with_photos(actor["user_id"], now, case["photos"],
                                                     holder=f"case:{case_id}", case_id=case_id)
    except submission_limits.TwinHoldsThePlace:
        return answer_retry(twins_case(case_id), entry_code, body, actor, now), False
    try:
        verdict = check_content(case["content"], actor) if check_content else None
        # Both "risky" and "review" wait for a person at the office before the deputy sees it.
        held = bool(verdict and (verdict.get("risky") or verdict.get("suggest") == "review"))
        case["held_for_review"] = held
        case["timeline"] = [timeline_entry(at=now, actor={"role": "citizen"},
                                           action="submit", status="submitted")]
        case["outbox"] = outbox_entries("hold" if held else "submit", now)
        other_days = photo_day_claims.of_other_days(case["photos"], now)
        # Uploaded on another UTC day (just before midnight): claimed on that day's item.
        claimed += photo_claims.attach_photos(other_days, owner=actor["user_id"],
                                              holder=f"case:{case_id}", now=now,
                                              read_record=lambda: stored_case(case_id))
        photo_claims.keep_files([p for p in case["photos"] if p not in other_days], now)
        stored = case_repository.create(case)
    except (photo_day_claims.PhotoTaken, photo_claims.PhotoExpired):
        # Refused (a photo taken, or removed unattached): what it claimed is free again.
        submission_limits.give_back(actor["user_id"], now, case_id)
        photo_claims.let_go(claimed, owner=actor["user_id"], holder=f"case:{case_id}")
        raise
    except Exception:  # failed (503, 500): free again unless a parallel try's case shows them
        photo_claims.let_go_after_failure(claimed, lambda: stored_case(case_id),
                                          owner=actor["user_id"], holder=f"case:{case_id}")
        submission_limits.give_back(actor["user_id"], now, case_id)
        raise
    if stored:
        after_write.case_written(None, stored, now)
        return case_views.case_view(stored, roles={"citizen"}, now=now), True
    # A parallel try of the same key wrote it first: this one is not a new case.
    submission_limits.give_back(actor["user_id"], now, case_id)
    existing = case_repository.get(case_id)
    if fields["photos"] and request_of(existing) != request_of(case):
        photo_claims.let_go([p for p in fields["photos"]
                             if p not in (existing.get("photos") or [])],
                            owner=actor["user_id"], holder=f"case:{case_id}")
    return answer_retry(existing, entry_code, body, actor, now), False


def read_ahead_pks(user_id: str, idempotency_key: str | None) -> list[str]:
    """The case this key would make, read with the caller: a retry is known at once."""
    key = sent_key(idempotency_key)
    return [keys.case_pk(derived_id(user_id, key))] if key else []


def case_of_key(*, actor: dict, idempotency_key: str | None) -> dict | None:
    """The case this caller's Idempotency-Key already made, or None (one GetItem)."""
    key = sent_key(idempotency_key)
    return stored_case(derived_id(actor["user_id"], key)) if key else None


def check_limits(*, actor: dict, idempotency_key: str, now: datetime) -> None:
    """RateLimited if this would be a new case past the citizen's limits (forms call it
    before storing photos, so nothing is stored for a submission that will be refused)."""
    try:
        submission_limits.refuse_if_full(actor["user_id"], now)
    except RateLimited:
        key = (idempotency_key or "").strip()
        if not key or stored_case(derived_id(actor["user_id"], key)) is None:
            raise
