"""Every text a notification carries, in one place: what a WeChat subscription message
says and which template it uses, an SMS digest's params, and the calendar warning. The
Chinese names of codes these texts use: code_names.py."""
from functions.notifications.code_names import DEADLINE_NAMES, STATUS_NAMES, SUGGESTION_STATUS_NAMES

# What the person notified reads about an event (code_names.EVENT_NAMES: what the log calls it).
EVENT_TEXT = {
    "case_submit": "您有一件新的群众诉求", "case_release": "您有一件新的群众诉求",
    "case_hold": "有一件诉求待内容审核", "case_accept": "代表已受理您的诉求",
    "case_reply": "代表已答复您的诉求", "case_forward": "代表转来一件诉求待交办",
    "case_reject": "您的诉求未被受理", "case_assign": "有一件诉求交由您单位办理",
    "case_urge": "人大办督办一件诉求", "case_sign": "承办单位已签收您的诉求",
    "case_progress": "您的诉求有新进展", "case_answer": "承办单位已答复您的诉求",
    "case_return": "承办单位退回一件诉求", "case_rate": "群众不满意，诉求退回重办",
    "reminder_due_soon": "诉求办理时限将到", "reminder_overdue": "诉求已逾期",
    "suggestion_invite": "有代表邀请您联名提出建议", "suggestion_cosign": "联名代表已答复邀请",
    "suggestion_submit": "有一件代表建议待审核", "suggestion_register": "您的建议已立案",
    "suggestion_convert": "您的建议已转为来信办理", "suggestion_return": "您的建议被退回修改",
    "suggestion_assign": "有一件代表建议交由您单位办理", "suggestion_sign": "承办单位已签收建议",
    "suggestion_opinion": "协办单位提出了意见", "suggestion_answer": "承办单位已答复建议",
    "suggestion_request_extension": "承办单位申请建议办理延期",
    "suggestion_decide_extension": "人大办已审批延期申请",
    "suggestion_evaluate": "代表已评价建议答复",
    "suggestion_reminder_due_soon": "建议答复期限将到", "suggestion_reminder_overdue": "建议答复已逾期",
    "case_request_extension": "承办单位申请延期答复", "case_decide_extension": "人大办已审批延期申请",
}
# Which subscription template (functions/shared/config.py DEV_TEMPLATES keys) each event uses.
TEMPLATE_OF = {
    "case_submit": "new_case", "case_release": "new_case", "case_assign": "new_case",
    "case_forward": "new_case", "case_return": "new_case", "case_rate": "new_case",
    "case_reply": "case_answered", "case_answer": "case_answered",
    "reminder_due_soon": "deadline_reminder", "reminder_overdue": "deadline_reminder",
    "suggestion_assign": "new_case", "suggestion_submit": "new_case",
    "suggestion_answer": "case_answered",
    "suggestion_reminder_due_soon": "deadline_reminder",
    "suggestion_reminder_overdue": "deadline_reminder",
}


OFFICE_ANSWER_TEXT = "人大办已答复您的诉求"  # the office answered the case itself


def event_text(event: str) -> str:
    """What the person notified reads about the event."""
    return EVENT_TEXT.get(event, "诉求状态更新")


def template_key(event: str) -> str:
    return TEMPLATE_OF.get(event, "case_progress")


# The keyword keys a template has unless WECHAT_TEMPLATE_FIELDS says otherwise.
DEFAULT_FIELDS = {"thing1": "content", "phrase2": "status", "thing3": "event",
                  "time4": "time", "character_string5": "case_id"}


def deadline_text(event: str, case: dict, deadline: str | None) -> str | None:
    """What a notice about deadline `deadline` says of it, by its last day (Beijing time):
    "请于12月7日（周一）前办结答复"; None if the case carries no such deadline."""
    from functions.shared.moments import last_day_text
    at = (case.get("deadlines") or {}).get(deadline) if deadline else None
    if not at:
        return None
    name, day = DEADLINE_NAMES.get(deadline, "办理"), last_day_text(at)
    return f"{name}时限{day}，已逾期" if event.endswith("overdue") else f"请于{day}{name}"


def subscribe_data(event: str, case: dict, when, fields: dict | None = None,
                   deadline: str | None = None) -> dict:
    """`{key: value}` for a template's keyword keys (`thing1` ...), by what each key means;
    `wechat_fields.fit_data` then cuts each value to its kind's limit. A notice about a
    deadline (`deadline`: its name) tells its last day where it tells the event."""
    names = SUGGESTION_STATUS_NAMES if "lead_id" in case else STATUS_NAMES
    due = deadline_text(event, case, deadline)
    told = OFFICE_ANSWER_TEXT if event == "case_answer" and case.get("answered_by") == "office" \
        else event_text(event)
    meanings = {"content": case.get("title") or case.get("content") or "",
                "status": names.get(case.get("status"), "更新"),
                "event": due or told, "deadline": due or "",
                "time": when, "case_id": case.get("id", ""),
                "deputy": case.get("deputy_name") or "", "unit": case.get("unit_name") or ""}
    return {key: meanings.get(meaning, "") for key, meaning in (fields or DEFAULT_FIELDS).items()}


# What an SMS digest calls the records it is about, by the kind of record.
DIGEST_KINDS = {"case": "群众诉求", "suggestion": "代表建议", "project": "民生实事"}


def sms_digest_params(count: int, kinds: dict[str, int] | None = None) -> dict:
    """Params of the one SMS template: "您有${count}件${kind}待处理，请登录码上办查看。";
    `kinds` = how many of each kind of record (a case when not said)."""
    return {"count": str(count), "kind": digest_kind(kinds or {"case": count})}


def digest_kind(kinds: dict[str, int]) -> str:
    """代表建议 for suggestions only, 群众诉求 for cases only; mixed, each with its count."""
    present = [(k, n) for k, n in kinds.items() if n]
    if len(present) == 1:
        return DIGEST_KINDS.get(present[0][0], "事项")
    order = list(DIGEST_KINDS)
    present.sort(key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order))
    listed = "、".join(f"{DIGEST_KINDS.get(k, '其他事项')}{n}件" for k, n in present)
    return f"事项（{listed}）"


def calendar_uncovered(years: list[int]) -> str:
    """What the pages and the health check say when the official calendar runs out."""
    listed = "、".join(f"{y}年" for y in years)
    return (f"未来90天涉及的{listed}法定节假日和调休安排尚未录入，期间按周一至周五计算工作日，"
            "时限可能不准确。请系统管理员按国务院办公厅通知录入。")
