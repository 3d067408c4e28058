"""A year of duty records for the demo deputies, so the ranking and archives look real."""
import random
from datetime import timedelta

from functions.shared import clock
from functions.duty import activities, records, rules
from infra.seed import DEMO_REGION

TITLES = {
    "meeting": ("出席县人代会", "列席县人大常委会会议", "出席代表小组例会"),
    "inspection": ("视察城区污水管网改造", "调研农村饮水安全", "视察县第一中学新校区建设"),
    "suggestion": ("提出关于改善城东交通的建议", "提出关于农产品冷链建设的建议"),
    "voter_contact": ("到联络站接待选民", "走访河西乡困难群众"),
    "group_activity": ("代表小组集中学习", "代表小组专题调研"),
}
PLACES = ("城关镇代表联络站", "河西乡代表联络站", "县人大常委会", "东山街道")


def create_demo_duty(deputies: list[dict], months: int = 12) -> int:
    """Office-entered records over the past `months`, a few pending ones, an activity."""
    now, chance = clock.now(), random.Random(14)
    office = {"kind": "staff", "username": "office", "role": "office", "region_id": DEMO_REGION}
    today = rules.local_day(now)
    made = 0
    for n, deputy in enumerate(deputies):
        for month in range(months):
            for slot in range(chance.randint(1, 3 - n % 2)):
                kind = chance.choice(rules.KINDS)
                day = today - timedelta(days=30 * month + chance.randint(0, 27))
                records.enter(actor=office, idempotency_key=f"demo-{n}-{month}-{slot}", now=now,
                              body={"deputy_id": deputy["id"], "kind": kind,
                                    "title": chance.choice(TITLES[kind]),
                                    "date": day.isoformat(), "place": chance.choice(PLACES)})
                made += 1
        as_deputy = {"kind": "user", "user_id": f"demo-deputy-{n}", "roles": ["deputy"],
                     "deputy_id": deputy["id"]}
        records.report(actor=as_deputy, idempotency_key=f"demo-own-{n}", now=now, body={
            "kind": "inspection", "title": "调研城关镇老旧小区加装电梯",
            "date": (today - timedelta(days=2)).isoformat(), "place": "城关镇",
            "content": "走访三个小区，收集居民意见十二条。"})
        made += 1
    start = now.replace(microsecond=0) + timedelta(days=3)
    activities.publish(actor=office, idempotency_key="demo-activity", now=now, body={
        "kind": "inspection", "title": "视察县城污水处理厂提标改造", "place": "县污水处理厂",
        "starts_at": clock.iso(start), "ends_at": clock.iso(start + timedelta(hours=3)),
        "capacity": 20})
    return made
