"""Notices to deputies: a self-reported record verified or rejected, an activity published.

Each notice is one item per deputy, owed once (its id derives from the event and the
deputy), delivered right after the write that owes it (best effort) and otherwise by
the notify drain, which finds it in the `outbox` index; a region-wide one (an activity)
is fanned out by the drain into one per active deputy. A send is claimed first (a
versioned write); a sender that died holding the claim is recorded as `unknown`, never
resent. WeChat subscription messages go only where the deputy has a credit (or the
template is long-term).
"""
import json
import logging
from datetime import datetime, timedelta

from pynamodb.exceptions import DoesNotExist, PutError

from functions import notification_log, subscriptions
from functions.clock import iso, parse_iso
from functions.config import settings
from functions.domain.wechat_fields import fit_data
from functions.ids import derived_id
from functions.storage import keys
from functions.storage.case_repository import shard_of
from functions.storage.conditions import is_condition_failure
from functions.storage.models import DeputyItem
from .messages import NOTICE_STATUS, NOTICE_TEXT
from .models import DutyNoticeItem, notice_pk

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=5)
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))
TEMPLATE_KEYS = ("duty_update", "case_progress")  # a duty template if set, else progress
DEFAULT_FIELDS = {"thing1": "content", "phrase2": "status", "thing3": "event",
                  "time4": "time", "character_string5": "case_id"}
PAGE = "pages/duty/index"


def owe(*, event: str, region_id: str, ref: str, subject: str, now: datetime,
        deputy_id: str | None = None) -> None:
    """Owe one notice for this event (a repeat is a no-op). A deputy's is tried at once;
    one for every deputy of the region is fanned out by the drain, not in the request.
    Never raises: the write that owes it stands either way."""
    try:
        notice_id = _owe(event, region_id, ref, subject, now, deputy_id)
        if notice_id and deputy_id:
            deliver(notice_id, now)
    except Exception:  # the notice waits in the outbox index; the drain retries it
        log.exception("duty notice for %s %s not written or not delivered", event, ref)


def _owe(event, region_id, ref, subject, now, deputy_id) -> str | None:
    """Write the notice unless it exists; its id if written now."""
    notice_id = "n" + derived_id("duty-notice", event, ref, deputy_id or "*")
    at = iso(now)
    item = DutyNoticeItem(pk=notice_pk(notice_id), sk=keys.META, notice_id=notice_id,
                          region_id=region_id, event=event, deputy_id=deputy_id,
                          audience="deputy" if deputy_id else "deputies",
                          subject=subject[:100], ref=ref, at=at,
                          outbox_pk=keys.outbox_key(shard_of(notice_id)),
                          outbox_at=f"{at}#{notice_id}")
    try:
        item.save(condition=DutyNoticeItem.pk.does_not_exist())
    except PutError as exc:
        if is_condition_failure(exc):
            return None
        raise
    return notice_id


def deliver(notice_id: str, now: datetime) -> str:
    """Send a due notice (or fan a region-wide one out into one per deputy)."""
    try:
        item = DutyNoticeItem.get(notice_pk(notice_id), keys.META, consistent_read=True)
    except DoesNotExist:
        return "gone"
    if not item.outbox_pk or item.outbox_at.split("#")[0] > iso(now):
        return "not_due"
    if item.audience == "deputies":
        for deputy in DeputyItem.by_gsi1.query(keys.region_deputies_key(item.region_id)):
            if deputy.active:  # each its own notice: a crash here redoes none twice
                _owe(item.event, item.region_id, item.ref, item.subject,
                     parse_iso(item.at), deputy.deputy_id)
        item.outbox_pk = item.outbox_at = None
        return "fanned_out" if _save(item) else "raced"
    stale = bool(item.claimed_at)
    item.claimed_at, item.attempts = iso(now), (item.attempts or 0) + 1
    item.outbox_at = f"{iso(now + LEASE)}#{notice_id}"
    if not _save(item):  # claimed: another sender got here first
        return "raced"
    result, detail = ("unknown", "the sender stopped during this send; not resent") \
        if stale else _wechat(_recipient(item.deputy_id), item, now)
    if result == "retry" and item.attempts > len(BACKOFF):
        result, detail = "failed", f"gave up after {item.attempts} attempts: {detail}"
    notification_log.record(case=None, region_id=item.region_id, channel="wechat",
                            recipient=f"deputy:{item.deputy_id}", event=item.event,
                            payload={"ref": item.ref}, result=result, detail=detail,
                            attempts=item.attempts)
    item.claimed_at = None
    if result == "retry":
        later = now + BACKOFF[min(item.attempts, len(BACKOFF)) - 1]
        item.outbox_at = f"{iso(later)}#{notice_id}"
    else:
        item.outbox_pk = item.outbox_at = None
    _save(item)
    return result


def _save(item: DutyNoticeItem) -> bool:
    try:
        item.save()
    except PutError as exc:
        if is_condition_failure(exc):
            return False  # another sender moved it on
        raise
    return True


def _recipient(deputy_id: str) -> dict | None:
    try:
        deputy = DeputyItem.get(keys.deputy_pk(deputy_id), keys.META)
    except DoesNotExist:
        return None
    if not deputy.active:
        return None
    return {"user_id": deputy.bound_user_id, "openid": deputy.openid}


def _wechat(person: dict | None, item: DutyNoticeItem, now: datetime) -> tuple[str, str]:
    from functions.channels import wechat as channel
    if person is None:
        return "skipped", "no active deputy"
    if not person["openid"] or not person["user_id"]:
        return "skipped", "the deputy has not bound WeChat"
    template_id = next(filter(None, map(subscriptions.template_for, TEMPLATE_KEYS)), None)
    if not template_id:
        return "skipped", "no subscription template configured for duty notices"
    long_term = subscriptions.is_long_term(template_id)
    if not long_term and not subscriptions.consume_credit(user_id=person["user_id"],
                                                          template_id=template_id):
        return "skipped", "no subscription credit: the deputy has not allowed this message"
    meanings = {"content": item.subject, "status": NOTICE_STATUS[item.event],
                "event": NOTICE_TEXT[item.event], "time": parse_iso(item.at),
                "case_id": item.ref, "deputy": "", "unit": ""}
    layout = settings().wechat_template_fields.get(template_id) or DEFAULT_FIELDS
    data = fit_data({key: meanings.get(meaning, "") for key, meaning in layout.items()})
    if not channel.wechat_configured():
        return "recorded", json.dumps({"touser": person["openid"], "template_id": template_id,
                                       "page": PAGE, "data": data}, ensure_ascii=False)
    outcome = channel.send_subscribe_message(openid=person["openid"], template_id=template_id,
                                             data=data, page=PAGE)
    if outcome.ok:
        return "sent", "ok"
    if outcome.retryable and not long_term:
        subscriptions.add_credits(user_id=person["user_id"], template_id=template_id)
    return ("retry" if outcome.retryable else "failed"), f"{outcome.code}: {outcome.message}"
