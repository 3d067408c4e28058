"""Notices to deputies: a self-reported record verified or rejected, an activity published.

Each notice is one item, owed once (its id derives from the event), delivered right
after the write that owes it (best effort) and otherwise by the notify drain, which
finds it in the `outbox` index. A send is claimed first (a versioned write); a sender
that died holding the claim is recorded as `unknown`, never resent. WeChat subscription
messages go only where the deputy has a credit (or the template is long-term); the SMS
fallback is not built: the one SMS template speaks of citizens' cases.
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
    """Owe one notice for this event (a repeat is a no-op) and try to deliver it now.
    Never raises: the write that owes it stands either way."""
    try:
        _owe(event, region_id, ref, subject, now, deputy_id)
    except Exception:
        log.exception("duty notice for %s %s not written", event, ref)


def _owe(event, region_id, ref, subject, now, deputy_id) -> None:
    notice_id = "n" + derived_id("duty-notice", event, ref)
    at = iso(now)
    item = DutyNoticeItem(pk=notice_pk(notice_id), sk=keys.META, notice_id=notice_id,
                          region_id=region_id, event=event, deputy_id=deputy_id,
                          audience="deputy" if deputy_id else "deputies",
                          subject=subject[:100], ref=ref, at=at, done=[],
                          outbox_pk=keys.outbox_key(shard_of(notice_id)),
                          outbox_at=f"{at}#{notice_id}")
    try:
        item.save(condition=DutyNoticeItem.pk.does_not_exist())
    except PutError as exc:
        if is_condition_failure(exc):
            return
        raise
    try:
        deliver(notice_id, now)
    except Exception:  # the notice waits in the outbox index; the drain retries it
        log.exception("duty notice %s not delivered at once", notice_id)


def deliver(notice_id: str, now: datetime) -> str:
    """Send a due notice to each of its recipients not yet handled; what happened."""
    try:
        item = DutyNoticeItem.get(notice_pk(notice_id), keys.META, consistent_read=True)
    except DoesNotExist:
        return "gone"
    if not item.outbox_pk or item.outbox_at.split("#")[0] > iso(now):
        return "not_due"
    stale = bool(item.claimed_at)
    item.claimed_at, item.attempts = iso(now), (item.attempts or 0) + 1
    item.outbox_at = f"{iso(now + LEASE)}#{notice_id}"
    if not _save(item):
        return "raced"
    retry = False
    for person in _recipients(item):
        if person["key"] in (item.done or []):
            continue
        result, detail = ("unknown", "the sender stopped during this send; not resent") \
            if stale else _wechat(person, item, now)
        if result == "retry" and item.attempts > len(BACKOFF):
            result, detail = "failed", f"gave up after {item.attempts} attempts: {detail}"
        notification_log.record(case=None, region_id=item.region_id, channel="wechat",
                                recipient=person["key"], event=item.event,
                                payload={"ref": item.ref}, result=result, detail=detail,
                                attempts=item.attempts)
        if result == "retry":
            retry = True
        else:
            item.done = list(item.done or []) + [person["key"]]
    item.claimed_at = None
    if retry:
        later = now + BACKOFF[min(item.attempts, len(BACKOFF)) - 1]
        item.outbox_at = f"{iso(later)}#{notice_id}"
    else:
        item.outbox_pk = item.outbox_at = None
    _save(item)
    return "retry" if retry else "done"


def _save(item: DutyNoticeItem) -> bool:
    try:
        item.save()
    except PutError as exc:
        if is_condition_failure(exc):
            return False  # another sender moved it on
        raise
    return True


def _recipients(item: DutyNoticeItem) -> list[dict]:
    if item.audience == "deputy":
        try:
            deputies = [DeputyItem.get(keys.deputy_pk(item.deputy_id), keys.META)]
        except DoesNotExist:
            deputies = []
    else:
        deputies = DeputyItem.by_gsi1.query(keys.region_deputies_key(item.region_id))
    return [{"key": f"deputy:{d.deputy_id}", "user_id": d.bound_user_id, "openid": d.openid}
            for d in deputies if d.active]


def _wechat(person: dict, item: DutyNoticeItem, now: datetime) -> tuple[str, str]:
    from functions.channels import wechat as channel
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
