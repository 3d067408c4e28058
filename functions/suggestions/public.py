"""Deputies of the region comment on and like answered suggestions; anyone reads them.

A comment's id derives from the deputy and the Idempotency-Key (one per key, answered
from the store on a retry however late; another text under it is 409); a like is
one item per deputy (attribute_not_exists) and the count one ADD on the tally item.
"""
from datetime import datetime

from pynamodb.exceptions import DoesNotExist, PutError

from functions.identity.access import require_user
from functions.shared.errors import Forbidden, InvalidTransition, ValidationFailed, key_reused
from functions.shared.ids import derived_id
from functions.shared.masking import mask_text
from functions.shared.moments import iso
from functions.shared.validation import text_problem
from functions.storage import suggestion_keys
from functions.storage.conditions import is_condition_failure
from functions.suggestions import repository
from functions.suggestions.access import require_read
from functions.suggestions.items import (
    SuggestionCommentItem, SuggestionLikeItem, SuggestionTallyItem,
)

ANSWERED = frozenset({"answered", "closed"})
MAX_COMMENTS = 100


def _region_deputy(suggestion_id: str, actor: dict):
    """The suggestion and the calling deputy of its region; 403 otherwise."""
    from functions.deputies import get_deputy_item
    actor = require_user(actor, "deputy")
    suggestion = repository.get(suggestion_id)
    deputy = get_deputy_item(actor["deputy_id"])
    if deputy.region_id != suggestion["region_id"]:
        raise Forbidden("only deputies of the suggestion's region may do this")
    return suggestion, deputy


def _answered(suggestion: dict) -> None:
    if suggestion["status"] not in ANSWERED:
        raise InvalidTransition("only an answered suggestion takes comments and likes")


def _deputy_of_region(suggestion_id: str, actor: dict):
    """The answered suggestion and the calling deputy of its region; 403 / 409 otherwise."""
    suggestion, deputy = _region_deputy(suggestion_id, actor)
    _answered(suggestion)
    return suggestion, deputy


def comment(*, suggestion_id: str, actor: dict, idempotency_key: str | None, body: dict,
            now: datetime) -> tuple[dict, bool]:
    """A new comment (True), or the one this key made (False), however late: when the
    checks of a new comment refuse it (the suggestion is handled again), the key's comment
    is read before the refusal is given."""
    key = (idempotency_key or "").strip()
    if not key or len(key) > 100:
        raise ValidationFailed("an Idempotency-Key header (1–100 characters) is required",
                               {"Idempotency-Key": "required, at most 100 characters"})
    suggestion, deputy = _region_deputy(suggestion_id, actor)
    comment_id = derived_id(deputy.deputy_id, suggestion_id, key)[:16]
    pk = suggestion_keys.suggestion_pk(suggestion_id)
    sk = suggestion_keys.suggestion_comment_sk(comment_id)
    try:
        _answered(suggestion)
        problem = text_problem(body.get("content"), field_max=500)
        if problem:
            raise ValidationFailed("invalid comment", {"content": problem})
    except (InvalidTransition, ValidationFailed) as refusal:
        try:
            stored = SuggestionCommentItem.get(pk, sk, consistent_read=True)
        except DoesNotExist:
            raise refusal from None
        return _repeated(stored, body), False
    item = SuggestionCommentItem(
        pk=pk, sk=sk, comment_id=comment_id, deputy_id=deputy.deputy_id,
        deputy_name=deputy.name, content=body["content"].strip(), created_at=iso(now))
    try:
        item.save(condition=SuggestionCommentItem.pk.does_not_exist())
    except PutError as exc:
        if not is_condition_failure(exc):
            raise
        return _repeated(SuggestionCommentItem.get(pk, sk, consistent_read=True), body), False
    return _comment_view(item), True


def _repeated(existing: SuggestionCommentItem, body: dict) -> dict:
    """The stored comment of a retried key; 409 if the key came with another comment."""
    content = body.get("content")
    if (content.strip() if isinstance(content, str) else content) != existing.content:
        raise key_reused("comment")
    return _comment_view(existing)


def comments(*, suggestion_id: str, actor: dict | None) -> dict:
    """The comments of a suggestion the caller may read, oldest first (at most 100)."""
    require_read(repository.get(suggestion_id), actor)
    items = SuggestionCommentItem.query(
        suggestion_keys.suggestion_pk(suggestion_id),
        SuggestionCommentItem.sk.startswith(suggestion_keys.suggestion_comment_sk("")),
        limit=MAX_COMMENTS)
    ordered = sorted((_comment_view(i) for i in items), key=lambda c: (c["created_at"], c["id"]))
    return {"items": ordered, "next_cursor": None, "likes": likes_of(suggestion_id)}


def like(*, suggestion_id: str, actor: dict, now: datetime) -> dict:
    """One like per deputy; liking again changes nothing."""
    _, deputy = _deputy_of_region(suggestion_id, actor)
    try:
        SuggestionLikeItem(pk=suggestion_keys.suggestion_pk(suggestion_id),
                           sk=suggestion_keys.suggestion_like_sk(deputy.deputy_id),
                           deputy_id=deputy.deputy_id, created_at=iso(now)).save(
            condition=SuggestionLikeItem.pk.does_not_exist())
    except PutError as exc:
        if not is_condition_failure(exc):
            raise
        return {"likes": likes_of(suggestion_id), "liked": True}
    tally = SuggestionTallyItem(pk=suggestion_keys.suggestion_pk(suggestion_id),
                                sk=suggestion_keys.SUGGESTION_TALLY_SK)
    tally.update(actions=[SuggestionTallyItem.likes.add(1)])
    return {"likes": int(tally.likes), "liked": True}


def likes_of(suggestion_id: str) -> int:
    try:
        return int(SuggestionTallyItem.get(suggestion_keys.suggestion_pk(suggestion_id),
                                           suggestion_keys.SUGGESTION_TALLY_SK).likes)
    except DoesNotExist:
        return 0


def _comment_view(item: SuggestionCommentItem) -> dict:
    return {"id": item.comment_id, "deputy_id": item.deputy_id,
            "deputy_name": item.deputy_name, "content": mask_text(item.content),
            "created_at": item.created_at}
