"""Notifications of livelihood projects: to the region's deputies when voting or
evaluation opens and a day before it closes; to the lead unit when its monthly progress
is due (first working day of the month) and when a deputy comments.

Each notice owed is one item with a derived id (a retried move or a second sweep owes
nothing new), delivered at once by the request and retried by `notice_sweep.run` (every 15 minutes:
`python -m functions.projects.notice_sweep`) until every recipient is finished. Sends go
through `notice_send`: a WeChat subscription message with the event's own template
(same credits, dev-mode recording and notification log as the case notices), else one SMS
with the project template.
"""
from datetime import datetime, timedelta

from functions.notifications import log as notification_log
from functions.shared import time_budget
from functions.shared.clock import iso, parse_iso
from functions.shared.ids import derived_id
from functions.storage import indexes
from functions import deputies
from functions.identity import staff_contacts
from . import keys, notice_send, repository
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
    if created:  # at once, within the request's few seconds; the sweep sends the rest
        deliver(notice_id, now, time_budget.for_request())
    return created


def _recipients(audience: dict) -> list[dict]:
    """Each person the notice goes to: key, user id spending the credit, openid, phone."""
    if "deputies" in audience:
        return [{"key": f"deputy:{d.deputy_id}", "user_id": d.bound_user_id,
                 "openid": d.openid, "phone": d.phone}
                for d in deputies.region_deputy_items(audience["deputies"]) if d.active]
    return [{"key": f"staff:{s['username']}", "user_id": None, "openid": s["openid"],
             "phone": s["phone"]}
            for s in staff_contacts.active_accounts(unit_id=audience["unit"])]


def deliver(notice_id: str, now: datetime, budget=None) -> bool:
    """Send what is left of one notice while `budget` (if any) allows; True when it is
    finished. Before each send the notice records the recipients finished and the one
    in flight, so a sender that dies leaves exactly that one `unknown` (never resent)
    and the next sender goes on with the rest; one holding the claim less than LEASE
    ago is left alone."""
    notice = repository.find(ProjectNoticeItem, keys.notice_pk(notice_id), keys.META)
    if notice is None or not indexes.project_notices_due.holds(notice):
        return True
    if notice.claimed_at and parse_iso(notice.claimed_at) + LEASE > now:
        return False
    dead_send = notice.in_flight if notice.claimed_at else None
    notice.claimed_at, notice.attempts = iso(now), int(notice.attempts or 0) + 1
    if not repository.save_if_unchanged(notice):
        return False  # another sender claimed it first
    done, retry, stopped = list(notice.done or []), False, False
    if dead_send and dead_send not in done:
        _log(notice, dead_send, "wechat", "unknown",
             "the sender stopped during this send; not resent", now)
        done.append(dead_send)
    for person in _recipients(notice.audience):
        if person["key"] in done:
            continue
        if budget is not None and not budget.can_claim():
            stopped = True  # the rest waits for the sweep
            break
        notice.done, notice.in_flight = done, person["key"]
        if not repository.save_if_unchanged(notice):
            return False  # a sender that took us for dead goes on from here
        for channel, result, detail in notice_send.send(notice, person, now, budget):
            if result == "retry" and notice.attempts >= MAX_ATTEMPTS:
                result, detail = "failed", f"gave up after {notice.attempts} attempts: {detail}"
            _log(notice, person["key"], channel, result, detail, now)
        if result == "retry":
            retry = True
        else:
            done.append(person["key"])
    notice.done, notice.claimed_at, notice.in_flight = done, None, None
    if retry or stopped:
        when = now if stopped and not retry else now + RETRY
        indexes.project_notices_due.put_on(notice, keys.NOTICES_DUE, f"{iso(when)}#{notice_id}")
    else:
        indexes.project_notices_due.take_off(notice)
    repository.save_if_unchanged(notice)
    return not (retry or stopped)


def _log(notice, key: str, channel: str, result: str, detail: str, now: datetime) -> None:
    notification_log.record(case=None, region_id=notice.region_id, channel=channel,
                            recipient=key, event=notice.event, result=result, detail=detail,
                            attempts=int(notice.attempts), now=now,
                            payload={"notice": notice.notice_id, **notice.subject})


def round_subject(round_item) -> dict:
    return {"id": round_item.round_id, "title": round_item.title, "state": round_item.state,
            **({"closes": round_item.closes_at} if round_item.closes_at else {}),
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


def commented(project, comment, now: datetime) -> None:
    """A deputy commented: the lead unit hears of it (with the comment's first words)."""
    if project.unit_id:
        owe(event="project_comment", region_id=project.region_id, now=now,
            audience={"unit": project.unit_id}, once=comment.comment_id,
            subject={**project_subject(project), "comment": comment.content[:20]})
