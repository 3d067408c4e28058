"""Notifications of livelihood projects: to the region's deputies when voting or
evaluation opens and a day before it closes; to the lead unit when its monthly progress
is due (first working day of the month) and when a deputy comments.

Each notice owed is one item with a derived id (a retried move or a second sweep owes
nothing new), delivered at once by the request and retried by `notice_sweep.run` (every 15 minutes:
`python -m functions.projects.notice_sweep`) until every recipient is finished. Sends go
through WeChat subscription messages with the same credits, dev-mode recording and
notification log as the case notices; SMS carry only the case digest, so none here.
"""
import json
from datetime import datetime, timedelta

from functions.notifications import log as notification_log, credits as subscriptions
from functions.channels import wechat as channel
from functions.shared.clock import iso, parse_iso
from functions.shared.config import settings
from functions.notifications.wechat_fields import fit_data
from functions.shared.ids import derived_id
from functions.notifications.messages import DEFAULT_FIELDS
from functions.storage import indexes
from functions import deputies
from functions.identity import staff_contacts
from . import keys, repository
from .messages import NOTICE_TEXTS, STATE_NAMES
from .models import ProjectNoticeItem

LEASE, RETRY = timedelta(minutes=5), timedelta(minutes=15)
MAX_ATTEMPTS = 5


def owe(*, event: str, region_id: str, audience: dict, subject: dict, once: str,
        now: datetime) -> bool:
    """Record a notice (once per `once`) and try to deliver it now; False if it was owed
    already (the sweep retries what is left of it)."""
    notice_id = "pn" + derived_id(event, once)
    created = repository.create(ProjectNoticeItem(
        pk=keys.notice_pk(notice_id), sk=keys.META, notice_id=notice_id, region_id=region_id,
        event=event, audience=audience, subject=subject, done=[], created_at=iso(now),
        **indexes.project_notices_due.entry(keys.NOTICES_DUE, f"{iso(now)}#{notice_id}")))
    if created:
        deliver(notice_id, now)
    return created


def _recipients(audience: dict) -> list[tuple[str, str | None, str | None]]:
    """(key, user id spending the credit, openid) of each person the notice goes to."""
    if "deputies" in audience:
        return [(f"deputy:{d.deputy_id}", d.bound_user_id, d.openid)
                for d in deputies.region_deputy_items(audience["deputies"]) if d.active]
    return [(f"staff:{s['username']}", None, s["openid"])
            for s in staff_contacts.active_accounts(unit_id=audience["unit"])]


def _send(notice, user_id, openid, now) -> tuple[str, str]:
    """One WeChat subscription message → (result, detail) as the case notices log them."""
    template_id = subscriptions.template_for(notice.event) or \
        subscriptions.template_for("case_progress")
    if not template_id:
        return "skipped", f"no subscription template configured for {notice.event}"
    if not openid:
        return "skipped", "no WeChat identity"
    if not subscriptions.is_long_term(template_id) and not (
            user_id and subscriptions.consume_credit(user_id=user_id, template_id=template_id)):
        return "skipped", "no subscription credit: the user has not allowed this message"
    meanings = {"content": notice.subject["title"], "event": NOTICE_TEXTS[notice.event],
                "status": STATE_NAMES.get(notice.subject.get("state"), "更新"), "time": now,
                "case_id": notice.subject["id"], "deputy": "", "unit": ""}
    layout = settings().wechat_template_fields.get(template_id) or DEFAULT_FIELDS
    data = fit_data({key: meanings.get(meaning, "") for key, meaning in layout.items()})
    if not channel.wechat_configured():
        return "recorded", json.dumps({"touser": openid, "template_id": template_id,
                                       "page": notice.subject["page"], "data": data},
                                      ensure_ascii=False)
    outcome = channel.send_subscribe_message(openid=openid, template_id=template_id,
                                             data=data, page=notice.subject["page"])
    if outcome.ok:
        return "sent", "ok"
    if outcome.retryable and user_id and not subscriptions.is_long_term(template_id):
        subscriptions.add_credits(user_id=user_id, template_id=template_id)
    return ("retry" if outcome.retryable else "failed"), f"{outcome.code}: {outcome.message}"


def deliver(notice_id: str, now: datetime) -> bool:
    """Send what is left of one notice; True when it is finished. A sender holding the
    claim less than LEASE ago is left alone; one that died mid-send is not resent."""
    notice = repository.find(ProjectNoticeItem, keys.notice_pk(notice_id), keys.META)
    if notice is None or not indexes.project_notices_due.holds(notice):
        return True
    stale = bool(notice.claimed_at)
    if stale and parse_iso(notice.claimed_at) + LEASE > now:
        return False
    notice.claimed_at, notice.attempts = iso(now), int(notice.attempts or 0) + 1
    if not repository.save_if_unchanged(notice):
        return False  # another sender claimed it first
    done, retry = list(notice.done or []), False
    for key, user_id, openid in _recipients(notice.audience):
        if key in done:
            continue
        result, detail = ("unknown", "the sender stopped during this send; not resent") \
            if stale else _send(notice, user_id, openid, now)
        if result == "retry" and notice.attempts >= MAX_ATTEMPTS:
            result, detail = "failed", f"gave up after {notice.attempts} attempts: {detail}"
        notification_log.record(case=None, region_id=notice.region_id, channel="wechat",
                                recipient=key, event=notice.event, result=result,
                                detail=detail, attempts=int(notice.attempts),
                                payload={"notice": notice_id, **notice.subject}, now=now)
        retry = retry or result == "retry"
        if result != "retry":
            done.append(key)
    notice.done, notice.claimed_at = done, None
    if retry:
        indexes.project_notices_due.put_on(notice, keys.NOTICES_DUE,
                                           f"{iso(now + RETRY)}#{notice_id}")
    else:
        indexes.project_notices_due.take_off(notice)
    repository.save_if_unchanged(notice)
    return not retry


def round_subject(round_item) -> dict:
    return {"id": round_item.round_id, "title": round_item.title, "state": round_item.state,
            "page": f"pages/projects/round?id={round_item.round_id}"}


def project_subject(project) -> dict:
    return {"id": project.project_id, "title": project.title, "state": "in_progress",
            "page": f"pages/projects/detail?id={project.project_id}"}


def opened(round_item, now: datetime) -> None:
    """Voting or evaluation just opened: every active deputy of the region hears of it."""
    event = "project_vote_open" if round_item.state == "voting" else "project_evaluation_open"
    owe(event=event, region_id=round_item.region_id, now=now,
        audience={"deputies": round_item.region_id}, subject=round_subject(round_item),
        once=f"{round_item.round_id}#{round_item.state}#{round_item.evaluation_pass}")


def commented(project, comment_id: str, now: datetime) -> None:
    """A deputy commented: the lead unit hears of it."""
    if project.unit_id:
        owe(event="project_comment", region_id=project.region_id, now=now,
            audience={"unit": project.unit_id}, subject=project_subject(project),
            once=comment_id)
