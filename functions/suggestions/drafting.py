"""A deputy drafts a suggestion, alone or inviting co-signers, perhaps from own cases.

The id derives from the deputy and the Idempotency-Key, and the item is written with
attribute_not_exists: a retried create returns the same suggestion, never a second one,
however late: when the checks of a new draft (draft_checks.py) refuse it (a co-signer
deactivated since), the key's draft is read before the refusal is given.
"""
from datetime import datetime, timedelta

from functions.identity import throttle
from functions.shared.errors import NotFound, RateLimited, ValidationFailed, key_reused
from functions.shared.ids import derived_id
from functions.shared.moments import iso
from functions.suggestions import after_write, draft_checks, repository, views
from functions.workflow import engine

# New drafts a deputy may start in a day: far above real use, a bound on a script.
DRAFTS_PER_DAY, DAY = 20, timedelta(days=1)


def create(*, actor: dict, idempotency_key: str | None, body: dict, now: datetime
           ) -> tuple[dict, bool]:
    """Draft the suggestion (True) or return the one this key already made (False)."""
    from functions.identity.access import require_user
    actor = require_user(actor, "deputy")
    key = (idempotency_key or "").strip()
    if not key or len(key) > 100:
        raise ValidationFailed("an Idempotency-Key header (1–100 characters) is required",
                               {"Idempotency-Key": "required, at most 100 characters"})
    suggestion_id = "s" + derived_id(actor["deputy_id"], key)[:19]
    lead = _deputy(actor["deputy_id"])
    try:
        fields, cosigners = draft_checks.checked(body, lead=lead, actor=actor)
    except ValidationFailed as refusal:  # a late retry (a co-signer gone since) gets its draft
        try:
            stored = repository.get(suggestion_id)  # only a refused draft reads it
        except NotFound:
            raise refusal from None
        return _repeated(stored, body, now), False
    already = _count_draft(actor["deputy_id"], suggestion_id, now)
    if already is not None:  # over today's limit, but this key's draft is stored
        return _repeated(already, body, now), False
    status = "cosigning" if cosigners else "draft"
    suggestion = {
        "id": suggestion_id, "status": status, **fields,
        "region_id": lead.region_id, "lead_id": lead.deputy_id, "lead_name": lead.name,
        "cosigners": cosigners, "created_at": iso(now), "updated_at": iso(now),
        "rehandle_count": 0, "key": False, "timeline": [engine.timeline_entry(
            at=now, actor={"role": "deputy", "name": lead.name}, action="create",
            status=status)],
        "outbox": [engine.outbox_entry("suggestion_invite", "cosigners", now)]
        if cosigners else [],
    }
    stored = repository.create(suggestion)
    if stored is None:
        throttle.give_back(f"drafts#{actor['deputy_id']}", window=DAY, now=now)  # a retry
        return _repeated(repository.get(suggestion_id), body, now), False
    after_write.suggestion_written(None, stored, action="create", now=now, counted=True)
    _link_cases(stored, now)
    return views.suggestion_view(stored, roles={"lead"}), True


def _repeated(existing: dict, body: dict, now: datetime) -> dict:
    """The stored draft of a retried key (409 if the key came with another request);
    the party lists and case links written again, idempotently, in case the first
    attempt stopped before them."""
    if _request_of(existing) != _asked(body):
        raise key_reused("suggestion")
    after_write.suggestion_written(None, existing, action="create", now=now, counted=False)
    _link_cases(existing, now)
    return views.suggestion_view(existing, roles={"lead"})


def _count_draft(deputy_id: str, suggestion_id: str, now: datetime) -> dict | None:
    """Count a new draft against the deputy's day (None); when the day is full, the draft
    this key already stored (a retry gets it back); RateLimited otherwise."""
    try:
        throttle.take(f"drafts#{deputy_id}", limit=DRAFTS_PER_DAY, window=DAY, now=now,
                      message="too many new suggestions today; try again tomorrow")
        return None
    except RateLimited as full:
        try:
            return repository.get(suggestion_id)
        except NotFound:
            raise full from None


def _deputy(deputy_id: str):
    from functions.deputies import get_deputy_item
    return get_deputy_item(deputy_id)


def _link_cases(suggestion: dict, now: datetime) -> None:
    from functions.cases import links
    for case_id in suggestion.get("case_ids") or []:
        links.link_suggestion(case_id=case_id, suggestion_id=suggestion["id"],
                              title=suggestion["title"], now=now)


def _request_of(suggestion: dict) -> dict:
    return {k: suggestion.get(k) for k in ("title", "content", "category", "session",
                                           "case_ids")} | {
        "cosigner_ids": [c["deputy_id"] for c in suggestion.get("cosigners") or []]}


def _asked(body: dict) -> dict:
    """The request as `_request_of` reads the draft it made (the body may be invalid)."""
    asked = {k: body.get(k) for k in ("title", "content", "category", "session")}
    asked = {k: v.strip() if k in ("title", "content") and isinstance(v, str) else v
             for k, v in asked.items()}
    return asked | {k: list(v) if isinstance(v := body.get(k) or [], list) else v
                    for k in ("case_ids", "cosigner_ids")}
