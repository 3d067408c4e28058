"""What a project notice says: its own WeChat subscription template per event, each with
the keyword layout of the matching template of WeChat's public library (WeChat's field
limits are then applied by `wechat_fields.fit_data`), and the params of its own SMS."""
from functions.notifications import credits as subscriptions
from functions.shared.clock import parse_iso
from functions.notifications.wechat_fields import fit, fit_data
from .messages import NOTICE_TEXTS, STATE_NAMES

# Each event's keyword keys unless WECHAT_TEMPLATE_FIELDS names others for its template id.
# Meanings: content (round or project title), event (what happened), status (the round's
# state), time (the moment of the notice), closes (the planned close), comment (its start),
# case_id (the round or project id).
_OPENING = {"thing1": "content", "thing2": "event", "time3": "time"}
_CLOSING = {"thing1": "content", "thing2": "event", "time3": "closes"}
LAYOUTS = {
    "project_vote_open": _OPENING, "project_evaluation_open": _OPENING,
    "project_vote_closing": _CLOSING, "project_evaluation_closing": _CLOSING,
    "project_progress_due": {"thing1": "content", "thing2": "event", "date3": "time"},
    "project_comment": {"thing1": "content", "thing2": "comment", "time3": "time"},
}
EVENTS = tuple(LAYOUTS)


def wechat_data(event: str, subject: dict, now, layout: dict | None = None) -> dict:
    """WeChat's `data` of one notice: each key filled by what it means, cut to its kind."""
    closes = subject.get("closes")
    meanings = {"content": subject["title"], "event": NOTICE_TEXTS[event],
                "status": STATE_NAMES.get(subject.get("state"), "更新"), "time": now,
                "closes": parse_iso(closes) if closes else now,
                "comment": subject.get("comment") or NOTICE_TEXTS[event],
                "case_id": subject["id"], "deputy": "", "unit": ""}
    return fit_data({key: meanings.get(meaning, "") for key, meaning
                     in (layout or LAYOUTS[event]).items()})


def sms_params(event: str, subject: dict) -> dict:
    """The project SMS template's params: "${event}：${title}，请登录码上办查看。"."""
    return {"event": NOTICE_TEXTS[event], "title": fit("thing", subject["title"])}


# The notices a deputy may still get from a round in each state, soonest first.
_NEXT = {"collecting": ("project_vote_open",),
         "voting": ("project_vote_closing", "project_evaluation_open"),
         "in_progress": ("project_evaluation_open",),
         "evaluating": ("project_evaluation_closing",)}


def templates_to_ask(round_item) -> list[str]:
    """Template ids the mini-program should ask the deputy to allow (one popup: at most
    3) for this round's coming notices; long-term ones need no asking."""
    events = [e for e in _NEXT.get(round_item.state, ())
              if round_item.closes_at or not e.endswith("_closing")]
    ids = [subscriptions.template_for(e) for e in events]
    return [t for t in ids if t and not subscriptions.is_long_term(t)][:3]
