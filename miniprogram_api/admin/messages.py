"""Every Chinese word the admin pages show that does not sit in a template."""
from functions.notifications.messages import DEADLINE_NAMES, EVENT_TEXT, STATUS_NAMES
from functions.deputies.sheet_import import LEVEL_NAMES
from functions.cases.export import RATING_NAMES, TYPE_NAMES

ROLE_NAMES = {"admin": "系统管理员", "office": "人大办", "unit": "承办单位"}
ACTOR_NAMES = {"citizen": "群众", "deputy": "代表", "office": "人大办", "unit": "承办单位",
               "system": "系统", "admin": "管理员"}
ACTION_NAMES = {
    "submit": "提交诉求", "accept": "受理", "reply": "答复", "forward": "转交人大办",
    "reject": "不予受理", "withdraw": "撤回", "assign": "交办", "urge": "督办", "sign": "签收",
    "progress": "办理进展", "answer": "办结答复", "return": "退回人大办", "rate": "评价",
    "close_unrated": "逾期未评价，自动办结", "hold": "内容待审核", "release": "审核通过",
    "overdue": "已逾期",
}
RESOLUTION_NAMES = {"policy_answer": "政策解答", "resolved_on_spot": "现场解决"}
CHANNEL_NAMES = {"wechat": "微信订阅消息", "sms": "短信"}
RESULT_NAMES = {"sent": "已发送", "recorded": "已记录（开发模式）", "failed": "失败",
                "skipped": "已跳过", "retry": "稍后重试", "unknown": "结果不明（不重发）"}
FIELD_NAMES = {
    "name": "姓名", "phone": "手机号", "level": "层级", "station": "联络站", "group": "代表小组",
    "username": "用户名", "password": "密码", "role": "角色", "unit_id": "承办单位",
    "co_unit_ids": "协办单位", "note": "说明", "content": "内容", "reason": "理由",
    "resolution": "答复方式", "photos": "照片", "file": "文件", "period": "时间段",
    "categories": "诉求类别", "status": "状态", "channel": "渠道", "limit": "每页条数",
    "cursor": "翻页", "deputy_accept_days": "代表受理时限", "rating_days": "评价时限",
    "consultation_answer_hours": "咨询答复时限", "office_assign_days": "交办时限",
    "unit_sign_days": "签收时限", "unit_answer_days": "办结时限", "body": "表单",
    "suggestion_answer_months": "建议答复时限",
}
IMPORT_PROBLEMS = {
    "required": "不能为空", "invalid": "格式不正确", "too_long": "超过 {limit} 字",
    "duplicate": "与第 {other_row} 行重复", "missing_column": "表头缺少此列",
    "no_rows": "表格中没有数据行", "unreadable": "无法读取，请上传 .xlsx 文件",
}
LIMIT_NAMES = {"deputy_accept_days": ("代表受理", "工作日"),
               "consultation_answer_hours": ("代表答复咨询", "小时"),
               "office_assign_days": ("人大办交办", "工作日"),
               "unit_sign_days": ("承办单位签收", "工作日"),
               "unit_answer_days": ("承办单位办结答复", "工作日"),
               "rating_days": ("群众评价（逾期自动办结）", "天"),
               "suggestion_answer_months": ("代表建议答复（自交办起）", "个月")}
ERROR_TITLES = {
    "validation_error": "填写有误", "unauthorized": "请先登录", "forbidden": "没有权限",
    "not_found": "找不到该内容", "invalid_transition": "当前状态不能进行此操作",
    "conflict": "内容已被他人修改，请刷新后重试", "payload_too_large": "文件太大",
    "rate_limited": "操作过于频繁，请稍后再试", "unavailable": "服务暂不可用",
}


def describe_error(code: str, fields: dict | None = None) -> str:
    """One Chinese sentence for a domain error and the fields it names."""
    title = ERROR_TITLES.get(code, "操作失败")
    named = [FIELD_NAMES.get(f, f) for f in (fields or {}) if f != "retry_after"]
    if named and code == "conflict":  # a conflict naming a field is a taken name
        return f"已存在：{'、'.join(named)}"
    return f"{title}：{'、'.join(named)}" if named and code == "validation_error" else title


def import_problem(problem: dict) -> str:
    text = IMPORT_PROBLEMS.get(problem["problem"], "有误")
    return text.format(**{k: problem.get(k, "") for k in ("limit", "other_row")})


LABELS = {"status": STATUS_NAMES, "deadline": DEADLINE_NAMES, "level": LEVEL_NAMES,
          "role": ROLE_NAMES, "actor": ACTOR_NAMES, "action": ACTION_NAMES,
          "type": TYPE_NAMES, "rating": RATING_NAMES, "resolution": RESOLUTION_NAMES,
          "channel": CHANNEL_NAMES, "result": RESULT_NAMES, "field": FIELD_NAMES,
          "limit": LIMIT_NAMES, "event": EVENT_TEXT}

# Short notices the pages flash after an action (or show on a failed login).
NOTICES = {
    "login_missing": "请输入用户名和密码", "login_wrong": "用户名或密码错误",
    "login_locked": "登录失败次数过多，请 15 分钟后再试", "logged_out": "已退出登录",
    "case_done": "已{action}", "deputy_saved": "代表信息已保存",
    "deputy_created": "已新增代表，绑定码 {bind_code}", "deputy_active": "已恢复该代表",
    "deputy_inactive": "已停用该代表", "bind_code": "新的绑定码：{bind_code}（旧码已作废）",
    "imported": "已导入 {count} 名代表", "station_added": "已生成联络站二维码",
    "unit_added": "已新增承办单位", "unit_toggled": "承办单位状态已更新",
    "account_added": "已新增账号", "account_toggled": "账号状态已更新",
    "password_reset": "密码已重置", "settings_saved": "类别与时限已保存（对新诉求生效）",
    "rollup_refreshed": "排行与热词已重新统计",
}


def notice(name: str, **values) -> str:
    return NOTICES[name].format(**values)
