"""Every Chinese text a notification carries, in one place."""

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
DEADLINE_NAMES = {
    "accept": "受理", "consultation_answer": "答复咨询", "assign": "交办",
    "sign": "签收", "answer": "办结答复", "rate": "评价",
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
}
# Which subscription template (functions.shared.config DEV_TEMPLATES keys) each event uses.
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


def event_text(event: str) -> str:
    return EVENT_TEXT.get(event, "诉求状态更新")


def template_key(event: str) -> str:
    return TEMPLATE_OF.get(event, "case_progress")


# The keyword keys a template has unless WECHAT_TEMPLATE_FIELDS says otherwise.
DEFAULT_FIELDS = {"thing1": "content", "phrase2": "status", "thing3": "event",
                  "time4": "time", "character_string5": "case_id"}


def subscribe_data(event: str, case: dict, when, fields: dict | None = None) -> dict:
    """`{key: value}` for a template's keyword keys (`thing1` ...), by what each key means;
    `wechat_fields.fit_data` then cuts each value to its kind's limit."""
    names = SUGGESTION_STATUS_NAMES if "lead_id" in case else STATUS_NAMES
    meanings = {"content": case.get("title") or case.get("content") or "",
                "status": names.get(case.get("status"), "更新"),
                "event": event_text(event), "time": when, "case_id": case.get("id", ""),
                "deputy": case.get("deputy_name") or "", "unit": case.get("unit_name") or ""}
    return {key: meanings.get(meaning, "") for key, meaning in (fields or DEFAULT_FIELDS).items()}


def sms_digest_params(count: int) -> dict:
    """Params of the one SMS template: "您有${count}件群众诉求待处理，请登录码上办查看"."""
    return {"count": str(count)}
