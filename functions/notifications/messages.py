"""Every Chinese name of a code (status, type, level, event, channel, result ...) and
every text a notification carries, in one place: the admin pages, the H5 pages (both
through the Jinja global `NAMES`), the Excel files and the messages all read them here."""

STATUS_NAMES = {
    "submitted": "已提交", "accepted": "代表已受理", "replied": "代表已答复",
    "forwarded": "已转人大办", "assigned": "已交办", "in_progress": "办理中",
    "answered": "已办结答复", "closed": "已办结", "withdrawn": "已撤回", "rejected": "不予受理",
}
SUGGESTION_STATUS_NAMES = {
    "draft": "草稿", "cosigning": "联名征集中", "submitted": "待审核", "registered": "已立案",
    "converted": "转为来信", "assigned": "已交办", "in_progress": "办理中",
    "answered": "已答复", "closed": "已办结",
}
TYPE_NAMES = {"consultation": "咨询", "request": "反映问题", "suggestion": "意见建议"}
RATING_NAMES = {"satisfied": "满意", "basically_satisfied": "基本满意", "unsatisfied": "不满意"}
LEVEL_NAMES = {"national": "全国", "provincial": "省级", "city": "市级", "county": "县级",
               "township": "乡镇级"}
DEPUTY_TITLES = {"national": "全国人大代表", "provincial": "省人大代表", "city": "市人大代表",
                 "county": "县（区）人大代表", "township": "乡镇人大代表"}
ENTRY_KINDS = {"station": "代表联络站", "office": "人大办"}
ROLE_NAMES = {"admin": "系统管理员", "office": "人大办", "unit": "承办单位"}
ACTOR_NAMES = {"citizen": "群众", "deputy": "代表", "office": "人大办", "unit": "承办单位",
               "system": "系统", "admin": "管理员"}
ACTION_NAMES = {
    "submit": "提交诉求", "accept": "受理", "reply": "答复", "forward": "转交人大办",
    "reject": "不予受理", "withdraw": "撤回", "assign": "交办", "urge": "督办", "sign": "签收",
    "progress": "办理进展", "answer": "办结答复", "return": "退回人大办", "rate": "评价",
    "close_unrated": "逾期未评价，自动办结", "hold": "内容待审核", "release": "审核通过",
    "overdue": "已逾期", "request_extension": "申请延期", "decide_extension": "延期审批",
}
EXTENSION_NAMES = {"pending": "待审批", "granted": "已同意", "refused": "未同意",
                   "lapsed": "已失效（已办结或退回）"}
RESOLUTION_NAMES = {"policy_answer": "政策解答", "resolved_on_spot": "现场解决"}
# Why a case waits in a queue (functions/cases/summary.py), and a unit's tabs.
QUEUE_REASON_NAMES = {
    "new_submission": "新提交", "new_forward": "代表转来", "unit_returned": "单位退回",
    "unsatisfied": "群众不满意", "rehandle_limit": "超过重办次数",
    "extension_requested": "申请延期",
    "new_assignment": "新交办", "rehandle": "不满意重办",
}
UNIT_TAB_NAMES = {"assigned": "待签收", "in_progress": "办理中", "done": "已办结"}
DEADLINE_NAMES = {
    "accept": "受理", "consultation_answer": "答复咨询", "assign": "交办",
    "sign": "签收", "answer": "办结答复", "rate": "评价",
}
CHANNEL_NAMES = {"wechat": "微信订阅消息", "sms": "短信"}
RESULT_NAMES = {"sent": "已发送", "recorded": "已记录（开发模式）", "failed": "发送失败",
                "skipped": "未发送", "retry": "稍后重试", "unknown": "结果不明（不重发）"}
# Why, in words, from the start of the channel's own (English) detail.
RESULT_REASONS = {"no subscription credit": "对方未允许此订阅消息",
                  "no WeChat identity": "对方未绑定微信", "gave up after": "多次重试后放弃",
                  "the sender stopped": "发送中断，结果不明，不再重发",
                  "sender stopped": "发送中断，结果不明，不再重发"}
# What happened, as the notification log names it (EVENT_TEXT is what the person reads).
EVENT_NAMES = {
    "case_submit": "新诉求", "case_release": "新诉求（审核通过）", "case_hold": "诉求待内容审核",
    "case_accept": "代表受理", "case_reply": "代表答复", "case_forward": "代表转交人大办",
    "case_reject": "不予受理", "case_assign": "交办", "case_urge": "督办", "case_sign": "签收",
    "case_progress": "办理进展", "case_answer": "办结答复", "case_return": "退回人大办",
    "case_rate": "群众评价", "reminder_due_soon": "时限将到提醒", "reminder_overdue": "逾期提醒",
    "case_request_extension": "延期申请", "case_decide_extension": "延期审批",
    "sms_digest": "待办汇总短信", "verification_code": "登录验证码",
    "duty_verified": "履职记录已核实", "duty_rejected": "履职记录未通过",
    "activity_published": "新的履职活动", "duty_pending": "履职记录待核实",
    "project_vote_open": "民生实事票决开始", "project_vote_closing": "民生实事票决即将截止",
    "project_evaluation_open": "民生实事测评开始",
    "project_evaluation_closing": "民生实事测评即将截止",
    "project_progress_due": "民生实事进展待报送", "project_comment": "民生实事新评论",
    "suggestion_invite": "建议联名邀请", "suggestion_cosign": "建议联名答复",
    "suggestion_submit": "建议待审核", "suggestion_register": "建议立案",
    "suggestion_convert": "建议转为来信", "suggestion_return": "建议退回修改",
    "suggestion_assign": "建议交办", "suggestion_sign": "建议签收",
    "suggestion_opinion": "建议协办意见", "suggestion_answer": "建议答复",
    "suggestion_request_extension": "建议延期申请", "suggestion_decide_extension": "建议延期审批",
    "suggestion_evaluate": "建议答复评价", "suggestion_reminder_due_soon": "建议答复期限将到",
    "suggestion_reminder_overdue": "建议答复逾期提醒",
}
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
NAMES = {"status": STATUS_NAMES, "type": TYPE_NAMES, "rating": RATING_NAMES,
         "level": LEVEL_NAMES, "deputy_title": DEPUTY_TITLES, "kind": ENTRY_KINDS,
         "role": ROLE_NAMES, "actor": ACTOR_NAMES, "action": ACTION_NAMES,
         "resolution": RESOLUTION_NAMES, "deadline": DEADLINE_NAMES, "channel": CHANNEL_NAMES,
         "result": RESULT_NAMES, "event": EVENT_NAMES, "extension": EXTENSION_NAMES,
         "queue_reason": QUEUE_REASON_NAMES, "unit_tab": UNIT_TAB_NAMES}


def result_reason(detail: str | None) -> str | None:
    """The reason a channel gave for a result, in Chinese, if it is a known one."""
    return next((text for start, text in RESULT_REASONS.items()
                 if (detail or "").startswith(start)), None)
# Which subscription template (functions.config DEV_TEMPLATES keys) each event uses.
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
