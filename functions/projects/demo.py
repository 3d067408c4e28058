"""The demo region's livelihood-project round: four shortlisted candidates, voting open,
so the demo deputies can vote and the office can close the vote and go on from there."""
from datetime import datetime

from functions.shared.clock import now as clock_now
from functions.shared.ids import derived_id
from functions.shared.clock import now as clock_now
from functions.shared.ids import derived_id
from . import rounds, voting

DEMO_CANDIDATES = (
    ("城关镇老旧小区改造", "改造三个老旧小区的供水管网、屋面防水和楼道照明。"),
    ("河西乡农村公路提档升级", "二十公里通村公路拓宽硬化，增设错车道和防护栏。"),
    ("社区老年助餐食堂", "在五个社区建设老年助餐点，为高龄老人提供优惠餐。"),
    ("中小学直饮水改造", "为全县中小学安装直饮水设备并定期检测水质。"),
)


def seed_round(*, region_id: str, office_username: str = "office",
               now: datetime | None = None) -> dict:
    """The demo round of `now`'s year (the one clock's time if not given), created by the
    region's office; returns it."""
    office = {"kind": "staff", "username": office_username, "role": "office",
              "region_id": region_id}
    moment = now or clock_now()
    year = moment.year
    created, _ = rounds.create_round(
        actor=office, idempotency_key=f"demo-round-{year}", now=moment,
        body={"year": year, "title": f"{year}年示例县民生实事项目", "max_choices": 2})
    ids = [rounds.propose(actor=office, round_id=created["id"], now=moment,
                          idempotency_key=derived_id("demo", title),
                          body={"title": title, "description": text})[0]["id"]
           for title, text in DEMO_CANDIDATES]
    rounds.shortlist(actor=office, round_id=created["id"], body={"candidate_ids": ids},
                     now=moment)
    return voting.open_vote(actor=office, round_id=created["id"], now=moment)
