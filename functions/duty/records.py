"""Duty records: a deputy reports (pending), the office enters (verified), verifies, rejects.

Creates are idempotent: the record id derives from the caller and the Idempotency-Key.
Points come from the region's rules when a record becomes verified and never move after.
"""
from datetime import datetime
from functools import partial

from functions.shared import pagination
from functions.identity.access import actor_id, require_staff, require_user
from functions.shared.clock import iso
from functions.deputies import get_deputy_item
from functions.shared.errors import Forbidden, InvalidTransition, ValidationFailed, key_reused
from functions.shared.validation import choice_problem, photos_problem, text_problem
from functions.shared.ids import derived_id
from . import notices, repository, rules, tallies
from .callers import acting_deputy
from .views import record_view

MAX_TITLE, MAX_TEXT, MAX_PLACE = 100, 2000, 100


def report(*, actor: dict, idempotency_key, body: dict, now: datetime) -> tuple[dict, bool]:
    """A deputy's own record, pending the office's check; (record, created)."""
    deputy = acting_deputy(actor)
    return _create(deputy, body, key=idempotency_key, owner=actor_id(actor), now=now,
                   source="self", status="pending", by=f"deputy:{deputy.deputy_id}")


def enter(*, actor: dict, idempotency_key, body: dict, now: datetime) -> tuple[dict, bool]:
    """A record the office enters for a deputy of its region: verified at once."""
    actor = require_staff(actor, "office")
    deputy_id = body.get("deputy_id")
    if not isinstance(deputy_id, str) or not deputy_id:
        raise ValidationFailed("invalid duty record", {"deputy_id": "required"})
    deputy = get_deputy_item(deputy_id)
    if deputy.region_id != actor["region_id"]:
        raise Forbidden("this deputy belongs to another region")
    return _create(deputy, body, key=idempotency_key, owner=actor_id(actor), now=now,
                   source="office", status="verified", by=f"staff:{actor['username']}")


def _create(deputy, body, *, key, owner, now, source, status, by) -> tuple[dict, bool]:
    key = (key or "").strip() if isinstance(key, str) else ""
    if not key or len(key) > 100:
        raise ValidationFailed("an Idempotency-Key header (1–100 characters) is required",
                               {"Idempotency-Key": "required, at most 100 characters"})
    record_id = "r" + derived_id(owner, "duty", key)
    existing = repository.find(record_id)
    if existing is not None:  # a retry gets the stored record, not checked again as new
        return _repeated(existing, deputy.deputy_id, body), False
    region_rules = repository.region_rules(deputy.region_id)
    fields = _validate(body, owner=owner, today=rules.local_day(now),
                       term_start=region_rules["term_start"])
    record = {"id": record_id, "deputy_id": deputy.deputy_id,
              "region_id": deputy.region_id, "deputy_name": deputy.name, "source": source,
              "status": status, "created_at": iso(now), "created_by": by, **fields}
    if status == "verified":
        record.update(points=rules.points_for(fields["kind"], region_rules["points"]),
                      decided_at=iso(now), decided_by=by)
    from functions.cases import photo_claims
    holder, claimed = f"duty:{record_id}", []
    stored_now = partial(repository.find, record_id)  # read only after a failure
    if fields["photos"]:
        claimed = photo_claims.attach_photos(fields["photos"], owner=owner, holder=holder,
                                             now=now, read_record=stored_now)
    try:
        stored = repository.create(record)
    except Exception:  # failed (503, 500): free again unless the record shows them now
        photo_claims.let_go_after_failure(claimed, stored_now, owner=owner, holder=holder)
        raise
    if stored is None:  # a parallel try of this key wrote it first
        return _repeated(repository.get(record["id"]), deputy.deputy_id, body,
                         let_go=(claimed, owner, holder)), False
    if status == "verified":
        tallies.count(stored, deputy, region_rules["term_start"])
    return record_view(stored), True


def _repeated(existing: dict, deputy_id: str, body: dict, let_go=None) -> dict:
    """The stored record of a retried key; 409 if the key came with another record (its
    photos too). `let_go`: (photos this request claimed, owner, holder), freed on a 409
    unless the stored record shows them."""
    title = body.get("title")
    asked = (deputy_id, body.get("kind"), title.strip() if isinstance(title, str) else title,
             body.get("date"), body.get("photos") or None)
    if asked != tuple(existing.get(k) or None if k == "photos" else existing.get(k)
                      for k in ("deputy_id", "kind", "title", "date", "photos")):
        if let_go:
            from functions.cases import photo_claims
            claimed, owner, holder = let_go
            shown = existing.get("photos") or []
            photo_claims.let_go([p for p in claimed if p not in shown], owner=owner,
                                holder=holder)
        raise key_reused("record")
    return record_view(existing)


def _validate(body: dict, *, owner: str, today, term_start: str) -> dict:
    from functions.cases.uploads import owns
    photos = body.get("photos") or []
    problems = {
        "kind": choice_problem(body.get("kind"), rules.KINDS),
        "title": text_problem(body.get("title"), field_max=MAX_TITLE),
        "date": rules.date_problem(body.get("date"), today=today, term_start=term_start),
        "content": text_problem(body.get("content"), field_max=MAX_TEXT, required=False),
        "place": text_problem(body.get("place"), field_max=MAX_PLACE, required=False),
        "photos": photos_problem(photos, lambda p: owns(p, owner)),
    }
    problems = {k: v for k, v in problems.items() if v}
    if problems:
        raise ValidationFailed("invalid duty record", problems)
    clean = {k: (body.get(k) or "").strip() or None for k in ("title", "content", "place")}
    return {"kind": body["kind"], "date": body["date"], "photos": photos or None, **clean}


def decide(*, actor: dict, record_id: str, verdict: str, body: dict, now: datetime) -> dict:
    """The office verifies (points fixed now) or rejects (with a reason) a pending record."""
    actor = require_staff(actor, "office")
    record = repository.get(record_id)
    if record["region_id"] != actor["region_id"]:
        raise Forbidden("this record belongs to another region")
    reason = body.get("reason")
    if verdict == "reject":
        problem = text_problem(reason, field_max=500)
        if problem:
            raise ValidationFailed("a reason is required", {"reason": problem})
        reason = reason.strip()
    if not rules.may_decide(record["status"]):
        raise InvalidTransition("this record was already verified or rejected",
                                {"status": record["status"]})
    points, region_rules = None, repository.region_rules(record["region_id"])
    if verdict == "verify":
        points = rules.points_for(record["kind"], region_rules["points"],
                                  cosigner=bool(record.get("cosigner")))
    saved = repository.decide(record, status="verified" if verdict == "verify" else "rejected",
                              points=points, reason=reason if verdict == "reject" else None,
                              at=iso(now), by=f"staff:{actor['username']}")
    if verdict == "verify":
        tallies.count(saved, get_deputy_item(saved["deputy_id"]), region_rules["term_start"])
    notices.owe(event=f"duty_{saved['status']}", region_id=saved["region_id"],
                ref=saved["id"], subject=saved["title"], deputy_id=saved["deputy_id"], now=now)
    return record_view(saved)


def own_records(*, actor: dict, year, now: datetime) -> dict:
    """The deputy's records of a year (all statuses) and the verified totals."""
    actor = require_user(actor, "deputy")
    year = _year(year, now)
    records = list(repository.of_deputy(actor["deputy_id"], year))
    return {"year": year, "items": [record_view(r) for r in reversed(records)],
            "totals": rules.totals_of(records)}


def pending(*, actor: dict, limit, cursor) -> dict:
    """The region's records waiting for a check, oldest first."""
    actor = require_staff(actor, "office")
    return pagination.page(repository.pending_query(actor["region_id"]),
                           scope=f"duty-pending:{actor['region_id']}", limit=limit,
                           cursor=cursor,
                           view=lambda item: record_view(repository.from_item(item)))


def _year(year, now: datetime) -> str:
    problem = rules.year_problem(year)
    if problem:
        raise ValidationFailed("invalid year", {"year": problem})
    return year or str(rules.local_day(now).year)
