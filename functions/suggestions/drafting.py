"""A deputy drafts a suggestion, alone or inviting co-signers, perhaps from own cases.

The id derives from the deputy and the Idempotency-Key, and the item is written with
attribute_not_exists: a retried create returns the same suggestion, never a second one.
"""
from datetime import datetime, timedelta

from functions.identity import throttle
from functions.shared.errors import Conflict, NotFound, RateLimited, ValidationFailed
from functions.shared.ids import derived_id
from functions.shared.moments import iso
from functions.shared.validation import choice_problem, text_problem
from functions.suggestions import after_write, repository, views
from functions.workflow import engine

SESSIONS = ("session", "interim")
MAX_COSIGNERS, MAX_CASES = 20, 10
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
    fields = _validate(body, lead)
    cosigners = _cosigners(fields.pop("cosigner_ids"), lead)
    _check_cases(fields["case_ids"], actor)
    counted = _count_draft(actor["deputy_id"], suggestion_id, now)
    if not counted:  # over today's limit, but this key's draft is already stored
        return views.suggestion_view(repository.get(suggestion_id), roles={"lead"}), False
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
        existing = repository.get(suggestion["id"])
        if _request_of(existing) != _request_of(suggestion):
            raise Conflict("this Idempotency-Key was already used for a different suggestion",
                           {"Idempotency-Key": "reused with a different request"})
        stored, created = existing, False
    else:
        created = True
    # Repeated on a retry: the party items and case links are idempotent writes.
    after_write.suggestion_written(None, stored, action="create", now=now, counted=created)
    _link_cases(stored, now)
    return views.suggestion_view(stored, roles={"lead"}), created


def _count_draft(deputy_id: str, suggestion_id: str, now: datetime) -> bool:
    """Count a new draft against the deputy's day (True); False when the day is full but
    this draft is already stored (a retry gets it back); RateLimited otherwise."""
    try:
        throttle.take(f"drafts#{deputy_id}", limit=DRAFTS_PER_DAY, window=DAY, now=now,
                      message="too many new suggestions today; try again tomorrow")
        return True
    except RateLimited as full:
        try:
            repository.get(suggestion_id)
        except NotFound:
            raise full from None
        return False


def _deputy(deputy_id: str):
    from functions.deputies import get_deputy_item
    return get_deputy_item(deputy_id)


def _validate(body: dict, lead) -> dict:
    from functions.org.regions import cached_region, categories_of
    categories = [c["id"] for c in categories_of(cached_region(lead.region_id))]
    problems = {"title": text_problem(body.get("title"), field_max=100),
                "content": text_problem(body.get("content"), field_max=8000),
                "category": choice_problem(body.get("category"), categories),
                "session": choice_problem(body.get("session"), SESSIONS)}
    for name, limit in (("case_ids", MAX_CASES), ("cosigner_ids", MAX_COSIGNERS)):
        value = body.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value) \
                or len(value) > limit or len(set(value)) != len(value):
            problems[name] = f"a list of up to {limit} distinct ids"
    problems = {k: v for k, v in problems.items() if v}
    if problems:
        raise ValidationFailed("invalid suggestion", problems)
    return {"title": body["title"].strip(), "content": body["content"].strip(),
            "category": body["category"], "session": body["session"],
            "case_ids": list(body.get("case_ids") or []),
            "cosigner_ids": list(body.get("cosigner_ids") or [])}


def _cosigners(deputy_ids: list[str], lead) -> list[dict]:
    """Invitations to active deputies of the lead's region (never the lead)."""
    from functions.deputies import get_deputy_item
    invited, wrong = [], []
    for deputy_id in deputy_ids:
        try:
            item = get_deputy_item(deputy_id)
        except NotFound:
            item = None
        if item is None or item.region_id != lead.region_id or not item.active \
                or deputy_id == lead.deputy_id:
            wrong.append(deputy_id)
            continue
        invited.append({"deputy_id": deputy_id, "name": item.name, "status": "invited"})
    if wrong:
        raise ValidationFailed("only other deputies of your region can be invited",
                               {"cosigner_ids": f"not a deputy of your region: {', '.join(wrong)}"})
    return invited


def _check_cases(case_ids: list[str], actor: dict) -> None:
    """Linked cases must be the deputy's own: ones it may read as their deputy."""
    from functions.cases import links
    wrong = [c for c in case_ids if not links.deputy_may_link(c, actor)]
    if wrong:
        raise ValidationFailed("only your own cases can be linked",
                               {"case_ids": f"not a case of yours: {', '.join(wrong)}"})


def _link_cases(suggestion: dict, now: datetime) -> None:
    from functions.cases import links
    for case_id in suggestion.get("case_ids") or []:
        links.link_suggestion(case_id=case_id, suggestion_id=suggestion["id"],
                              title=suggestion["title"], now=now)


def _request_of(suggestion: dict) -> dict:
    return {k: suggestion.get(k) for k in ("title", "content", "category", "session",
                                           "case_ids")} | {
        "cosigner_ids": [c["deputy_id"] for c in suggestion.get("cosigners") or []]}
