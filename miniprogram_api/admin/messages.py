"""Chinese the admin pages show beside the shared names of functions.messages: field
names, import problems, error titles, notices."""
import re

from functions.notifications.code_names import ACTION_NAMES, NAMES  # noqa: F401 (ACTION_NAMES for pages)
from functions.shared import errors

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
    "year": "年份", "scope": "范围", "holidays": "放假日期", "workdays": "调休上班日期",
    "answer_working_days": "办结时限（工作日）", "working_days": "延期工作日数",
    "grant": "审批意见",
}
IMPORT_PROBLEMS = {
    "required": "不能为空", "invalid": "格式不正确", "too_long": "超过 {limit} 字",
    "duplicate": "与第 {other_row} 行重复", "missing_column": "表头缺少此列",
    "no_rows": "表格中没有数据行", "unreadable": "无法读取，请上传 .xlsx 文件",
}
# What a cell of the import sheet should hold, shown beside each problem.
IMPORT_EXPECTED = {
    "name": "姓名，1–20 字", "phone": "11 位手机号，如 13800000000（可带 +86、空格或短横线）",
    "level": "全国 / 省级 / 市级 / 县级 / 乡镇级", "station": "联络站名称，最多 40 字",
    "group": "代表小组名称，最多 40 字", "file": "用模板填写的 .xlsx 文件",
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

KEY_REUSED = "这张表单已提交过，内容与先前不同：请在下方重新填写后提交"
KEY_IN_USE = "这张表单正在提交中（重复点击或浏览器重发）：请稍候刷新本页查看结果"

# The use cases name a field's problem in English; the pages say what is expected.
_EXPECTED = ((r"^required, at most (\d+) characters$", "必填，最多 {0} 字"),
             (r"^required$", "必填"), (r"at most (\d+) characters", "最多 {0} 字"),
             (r"at least (\d+) characters", "至少 {0} 个字符"),
             (r"mainland mobile number", "11 位手机号，以 1 开头"),
             (r"letters, digits", "3–32 位英文字母、数字、“_”或“.”"),
             (r"required for role unit", "角色为承办单位时必选"),
             (r"distinct unit ids", "最多 5 个，且不能包含主办单位"),
             (r"no (active )?(such )?unit", "请选择本地区在用的承办单位"),
             (r"photo", "最多 9 张 JPG、PNG 或 WEBP 照片，每张不超过 10 MB"),
             (r"a whole number from (\d+) to (\d+)", "{0}–{1} 之间的整数"),
             (r"names distinct, at most (\d+) characters", "名称不重复，每个最多 {0} 字"),
             (r"between (\d+) and (\d+) categories", "{0}–{1} 个类别"),
             (r"^one of ", "请从列表中选择"), (r"^(exists|taken)$", "已被使用"),
             (r"must be text", "须为文字"), (r"^true or false$", "请选择同意或不同意"),
             (r"already extended by (\d+) working days", "已累计延期 {0} 个工作日，不能再申请"),
             (r"a date as YYYY-MM-DD", "日期，如 2026-03-05（2000–2100 年）"),
             (r"on or after from", "不能早于开始日期"),
             (r"an id of at most", "请从列表中选择"), (r"a month as YYYY-MM", "年月，如 2027-05"),
             (r"not before (\d{4}-\d{2})", "不能早于 {0}"),
             (r"percent goes back from (\d+) to (\d+)", "进度从 {0}% 回调到 {1}%，须说明原因"))


def expected(problem) -> str:
    """What a field should hold, in Chinese, from the use case's English problem."""
    for pattern, text in _EXPECTED:
        found = re.search(pattern, str(problem))
        if found:
            return text.format(*found.groups())
    return "格式不正确"


def field_problems(fields: dict | None, names: dict | None = None) -> dict:
    """{field: "姓名：必填，最多 20 字"} for the fields a domain error names; `names`
    gives a page's own label of a field (a unit's `name` is 单位名称)."""
    names = {**FIELD_NAMES, **(names or {})}
    return {f: f"{names.get(f, f)}：{expected(p)}" for f, p in (fields or {}).items()
            if f not in ("retry_after", "existing")}


def describe_error(code: str, fields: dict | None = None, names: dict | None = None) -> str:
    """One Chinese sentence for a domain error and the fields it names."""
    title = ERROR_TITLES.get(code, "操作失败")
    labels = {**FIELD_NAMES, **(names or {})}
    if code == "conflict" and (fields or {}).get("Idempotency-Key") == errors.KEY_IN_USE:
        return KEY_IN_USE  # the same form's first post still runs (a double click)
    if code == "conflict" and "Idempotency-Key" in (fields or {}):
        return KEY_REUSED  # the form was sent before with other content (Back, edit, send)
    named = [labels.get(f, f) for f in (fields or {}) if f not in ("retry_after", "existing")]
    if named and code == "conflict":  # a conflict naming a field is a taken name
        return f"已存在：{'、'.join(named)}"
    if named and code == "validation_error":
        return f"{title}：{'；'.join(field_problems(fields, names).values())}"
    return title


def import_problem(problem: dict) -> str:
    text = IMPORT_PROBLEMS.get(problem["problem"], "有误")
    return text.format(**{k: problem.get(k, "") for k in ("limit", "other_row")})


# The admin pages' `L`: the shared names plus what only these pages show.
LABELS = {**NAMES, "field": FIELD_NAMES, "limit": LIMIT_NAMES}

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
    "calendar_saved": "{year}年的节假日与调休已保存（对此后计算的时限生效）",
    "published": "已审核公开（公开内容已隐去电话、证件号等个人信息）",
    "unpublished": "已撤回公开，公开列表不再显示",
}


def notice(name: str, **values) -> str:
    return NOTICES[name].format(**values)
