"""A few demo cases at different steps, so the pages and the dashboard show something."""
from datetime import timedelta

from functions.shared import clock
from functions.cases import handling, submission
from functions.identity import users
from infra.seed import DEMO_REGION

CITIZEN_OPENID = "dev-demo-citizen"
STORIES = (
    ("city_construction", "request", "东街路灯坏了三个月，晚上很黑，老人出门不方便。", "answered"),
    ("agriculture", "suggestion", "建议在河西乡建一个农产品冷库，方便果农错峰销售。", "forwarded"),
    ("social_affairs", "consultation", "请问城乡居民医保今年什么时候开始缴费？", "replied"),
    ("ecology", "request", "城关镇东河边有人倾倒建筑垃圾，请尽快清理。", "submitted"),
)


def create_demo_cases(deputies: list[dict]) -> list[str]:
    """Walk each story through the real use cases; the ids of the cases made."""
    now = clock.now() - timedelta(hours=len(STORIES))
    citizen_id = users.find_or_create(user_id=users.wechat_user_id(CITIZEN_OPENID),
                                      openid=CITIZEN_OPENID).user_id
    citizen = {"kind": "user", "user_id": citizen_id, "roles": ["citizen"]}
    office = {"kind": "staff", "username": "office", "role": "office", "region_id": DEMO_REGION}
    unit = {"kind": "staff", "username": "unit1", "role": "unit", "region_id": DEMO_REGION,
            "unit_id": "u-housing"}
    made = []
    for n, (category, kind, content, goal) in enumerate(STORIES):
        deputy = deputies[n % len(deputies)]
        case, _ = submission.submit(actor=citizen, idempotency_key=f"demo-{n}", now=now, body={
            "entry_code": deputy["entry_code"], "category": category, "type": kind,
            "content": content, "public": True, "contact_phone": "13800138000"})
        as_deputy = {"kind": "user", "user_id": "demo-deputy", "roles": ["deputy"],
                     "deputy_id": deputy["id"]}
        steps = {"submitted": [],
                 "replied": [("accept", as_deputy, None), ("reply", as_deputy, {
                     "content": "今年缴费期为9月至12月，可在微信医保小程序缴纳。",
                     "resolution": "policy_answer"})],
                 "forwarded": [("accept", as_deputy, None),
                               ("forward", as_deputy, {"note": "需县农业农村局研究"})],
                 "answered": [("accept", as_deputy, None),
                              ("forward", as_deputy, {"note": "请交住建局"}),
                              ("assign", office, {"unit_id": "u-housing"}),
                              ("sign", unit, None),
                              ("answer", unit, {"content": "已更换路灯三盏。"})]}[goal]
        for action, actor, body in steps:
            now += timedelta(minutes=10)
            handling.act(case_id=case["id"], action=action, actor=actor, now=now, body=body)
        made.append(case["id"])
    return made
