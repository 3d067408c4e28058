"""The Chinese names of a suggestion's statuses, moves, classes and ratings, in one place
(the admin and H5 pages show them)."""
SUGGESTION_LABELS = {
    "status": {"draft": "草稿", "cosigning": "联名征集中", "submitted": "待审核",
               "registered": "已立案", "converted": "转为来信", "assigned": "已交办",
               "in_progress": "办理中", "answered": "已答复", "closed": "已办结"},
    "action": {"create": "起草", "cosign": "联名", "submit": "提交", "register": "立案",
               "convert": "转为来信办理", "return": "退回修改", "assign": "交办",
               "sign": "签收", "contact": "与领衔代表沟通", "opinion": "提出协办意见",
               "answer": "答复", "request_extension": "申请延期",
               "decide_extension": "审批延期", "evaluate": "评价", "overdue": "已逾期",
               "mark_key": "设置重点督办"},
    "classification": {"A": "A 类：已解决或基本解决", "B": "B 类：列入计划解决",
                       "C": "C 类：暂时难以解决、留作参考"},
    "session": {"session": "大会期间", "interim": "闭会期间"},
    "contact": {"phone": "电话", "visit": "走访", "meeting": "座谈"},
    "cosigner": {"invited": "待确认", "signed": "已联名", "declined": "已谢绝"},
    "rating": {"satisfied": "满意", "basically_satisfied": "基本满意", "unsatisfied": "不满意"},
    "extension": {"pending": "待审批", "granted": "已同意", "refused": "未同意"},
}
