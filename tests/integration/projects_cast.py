"""The livelihood-project tests' cast: the demo region's office and unit, five bound
deputies (the three seeded ones and two more the office registers), and a round walked
to any state."""
import itertools

import pytest

from tests.case_fixtures import Cast, Caller, LiveApi

EXTRA_DEPUTIES = ({"name": "赵丽华", "phone": "13800000004", "level": "county"},
                  {"name": "陈志强", "phone": "13800000005", "level": "county"})
ROUND = {"year": 2027, "title": "2027年示例县民生实事", "max_choices": 2}
CANDIDATES = (("老旧小区改造", "改造城关镇三个老旧小区的管网和电梯。"),
              ("农村公路提档", "河西乡二十公里农村公路拓宽硬化。"),
              ("社区食堂", "在五个社区建老年助餐食堂。"),
              ("学校饮水", "为全县中小学安装直饮水设备。"))
SUPERVISORS = {"leader": "刘副县长", "deputy_group": "城关镇代表小组", "office": "人大城建环保工委"}


class ProjectCast(Cast):
    """`Cast` plus the two extra deputies and the project round's steps."""

    def __init__(self, anonymous, seeded):
        super().__init__(anonymous, seeded)
        self._ids = itertools.count(1)
        for body in EXTRA_DEPUTIES:
            self.seeded_deputies.append(self.office.ok(
                "POST", "/api/v1/staff/deputies", 201, json=body)["deputy"])

    def key(self) -> dict:
        return {"Idempotency-Key": f"key-{next(self._ids)}"}

    def new_round(self, **overrides) -> dict:
        return self.office.ok("POST", "/api/v1/staff/project-rounds", 201, headers=self.key(),
                              json={**ROUND, **overrides})["round"]

    def propose(self, round_id: str, caller, title: str, description: str) -> dict:
        return caller.ok("POST", f"/api/v1/project-rounds/{round_id}/candidates", 201,
                         headers=self.key(),
                         json={"title": title, "description": description})["candidate"]

    def move(self, round_id: str, move: str) -> dict:
        return self.office.ok("POST", f"/api/v1/staff/project-rounds/{round_id}/{move}")["round"]

    def vote(self, round_id: str, deputy: int, choices: list[str]) -> dict:
        return self.deputy(deputy).ok("POST", f"/api/v1/project-rounds/{round_id}/ballot",
                                      json={"choices": choices})["ballot"]

    def read_round(self, round_id: str, caller=None) -> dict:
        return (caller or self.office).ok("GET", f"/api/v1/project-rounds/{round_id}")

    def round_in(self, state: str) -> tuple[str, list[str]]:
        """A new round in `state`; its candidate ids (all shortlisted). Voting: deputies
        0–3 chose the first two candidates, so both become projects."""
        round_id = self.new_round()["id"]
        ids = [self.propose(round_id, self.deputy(i % 2) if i % 2 else self.office, t, d)["id"]
               for i, (t, d) in enumerate(CANDIDATES)]
        if state == "collecting":
            return round_id, ids
        self.office.ok("POST", f"/api/v1/staff/project-rounds/{round_id}/shortlist",
                       json={"candidate_ids": ids})
        self.move(round_id, "open-vote")
        if state == "voting":
            return round_id, ids
        for deputy in range(4):
            self.vote(round_id, deputy, ids[:2])
        self.move(round_id, "close-vote")
        if state == "in_progress":
            return round_id, ids
        self.move(round_id, "open-evaluation")
        if state == "evaluating":
            return round_id, ids
        self.move(round_id, "close-evaluation")
        return round_id, ids

    def projects(self, round_id: str) -> list[dict]:
        return self.read_round(round_id)["projects"]

    def two_under_way(self) -> tuple[str, str]:
        """Two projects of a round in progress, both assigned to the unit."""
        round_id, _ = self.round_in("in_progress")
        first, second = [p["id"] for p in self.projects(round_id)][:2]
        self.assign(first), self.assign(second)
        return first, second

    def assign(self, project_id: str, unit_id: str = "u-housing") -> dict:
        return self.office.ok("POST", f"/api/v1/staff/projects/{project_id}/assign",
                              json={"unit_id": unit_id, "supervisors": SUPERVISORS})["project"]


@pytest.fixture
def pcast(seeded, client):
    return ProjectCast(Caller(client), seeded)


@pytest.fixture
def live_pcast(seeded, live_server):
    return ProjectCast(LiveApi(live_server), seeded)
