"""Every Chinese name of a code (status, type, level, role, action, event, channel, result
...) in one place: the admin pages, the H5 pages (both through the Jinja global `NAMES`),
the Excel files and the notification log all read them here. What a notification says:
messages.py."""

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
# What happened, as the notification log names it (messages.EVENT_TEXT is what the person reads).
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
