"""A whole year of livelihood projects over HTTP: propose → shortlist → vote (one deputy
changes their ballot) → close → assign → progress ×2 → comment and reply → evaluate →
the project under 60 % is flagged and evaluated again."""
import pytest

from tests.case_fixtures import assert_error
from tests.integration.projects_cast import CANDIDATES, SUPERVISORS, pcast  # noqa: F401

pytestmark = pytest.mark.integration


def test_a_round_goes_from_proposals_to_a_second_evaluation(pcast):
    office, unit = pcast.office, pcast.unit
    round_id = pcast.new_round()["id"]
    a, b, c, d = [pcast.propose(round_id, who, title, text)["id"] for who, (title, text) in
                  zip((office, pcast.deputy(0), pcast.deputy(1), office), CANDIDATES)]
    round_ = office.ok("POST", f"/api/v1/staff/project-rounds/{round_id}/shortlist",
                       json={"candidate_ids": [a, b, c, d]})["round"]
    assert round_["shortlist"] == [a, b, c, d] and round_["state"] == "collecting"
    assert pcast.move(round_id, "open-vote")["eligible"] == 5

    for deputy, choices in ((0, [a, b]), (1, [a, c]), (2, [a, b]), (3, [c, d]), (4, [d])):
        assert pcast.vote(round_id, deputy, choices)["replaced"] is False
    assert pcast.read_round(round_id, pcast.deputy(3))["mine"]["voted"] is True
    changed = pcast.vote(round_id, 3, [b])
    assert changed["replaced"] is True and changed["chosen"] == 1
    turnout = office.ok("GET", f"/api/v1/staff/project-rounds/{round_id}/turnout")["turnout"]
    assert (turnout["ballots"], turnout["eligible"], turnout["rate"]) == (5, 5, 1.0)
    assert all("votes" not in cand for cand in pcast.read_round(round_id)["candidates"])

    closed = pcast.move(round_id, "close-vote")
    assert closed["state"] == "in_progress" and closed["selected"] == [a, b]
    votes = {cand["id"]: cand["votes"] for cand in pcast.read_round(round_id)["candidates"]}
    assert votes == {a: 3, b: 3, c: 1, d: 1}
    projects = {p["candidate_id"]: p for p in pcast.projects(round_id)}
    homes, roads = projects[a], projects[b]

    for project in (roads, homes):
        assigned = pcast.assign(project["id"])
        assert assigned["unit"]["id"] == "u-housing" and assigned["supervisors"] == SUPERVISORS
    path = f"/api/v1/projects/{homes['id']}/progress"
    unit.ok("POST", path, json={"month": "2027-03", "percent": 30, "content": "完成设计招标。"})
    assert_error(unit.post(path, json={"month": "2027-04", "percent": 20, "content": "返工"}),
                 400, "validation_error", "reason")
    after = unit.ok("POST", path, json={"month": "2027-04", "percent": 60,
                                         "content": "两个小区管网完工。"})["project"]
    assert after["percent"] == 60 and [e["month"] for e in after["progress"]] == \
        ["2027-03", "2027-04"]

    comment = pcast.deputy(1).ok("POST", f"/api/v1/projects/{homes['id']}/comments", 201,
                                 headers=pcast.key(), json={"content": "电梯何时开工？"})["comment"]
    unit.ok("POST", f"/api/v1/projects/{homes['id']}/comments/{comment['id']}/reply",
            json={"content": "预计五月开工。"})
    page = pcast.anonymous.ok("GET", f"/api/v1/projects/{homes['id']}")
    assert page["comments"][0]["reply"]["content"] == "预计五月开工。"
    assert page["project"]["supervisors"]["leader"] == "刘副县长"

    assert pcast.move(round_id, "open-evaluation")["evaluation_projects"]
    ratings = {0: ("satisfied", "unsatisfied"), 1: ("satisfied", "unsatisfied"),
               2: ("basically_satisfied", "satisfied"), 3: ("satisfied", "unsatisfied"),
               4: ("unsatisfied", "satisfied")}
    for deputy, (for_homes, for_roads) in ratings.items():
        pcast.deputy(deputy).ok("POST", f"/api/v1/project-rounds/{round_id}/evaluation",
                                json={"ratings": {homes["id"]: for_homes,
                                                  roads["id"]: for_roads}})
    changed = pcast.deputy(4).ok("POST", f"/api/v1/project-rounds/{round_id}/evaluation",
                                 json={"ratings": {homes["id"]: "satisfied"}})["evaluation"]
    assert changed["ratings"] == {homes["id"]: "satisfied", roads["id"]: "satisfied"}
    pcast.move(round_id, "close-evaluation")
    rated = {p["id"]: p for p in pcast.projects(round_id)}
    assert rated[homes["id"]]["satisfaction_rate"] == 1.0
    assert rated[roads["id"]]["satisfaction_rate"] == 0.4
    assert [p["needs_re_evaluation"] for p in (rated[homes["id"]], rated[roads["id"]])] == \
        [False, True]

    second = pcast.move(round_id, "open-evaluation")
    assert second["evaluation_pass"] == 2 and second["evaluation_projects"] == [roads["id"]]
    assert_error(pcast.deputy(0).post(f"/api/v1/project-rounds/{round_id}/evaluation",
                                      json={"ratings": {homes["id"]: "satisfied"}}),
                 400, "validation_error", "ratings")
    for deputy in range(5):
        pcast.deputy(deputy).ok("POST", f"/api/v1/project-rounds/{round_id}/evaluation",
                                json={"ratings": {roads["id"]: "basically_satisfied"}})
    assert pcast.move(round_id, "close-evaluation")["state"] == "closed"
    final = {p["id"]: p for p in pcast.projects(round_id)}[roads["id"]]
    assert (final["satisfaction_rate"], final["needs_re_evaluation"]) == (1.0, False)
    assert [e["pass"] for e in final["evaluations"]] == [1, 2]

    public = pcast.anonymous.ok("GET", "/api/v1/public/projects?region_id=demo&year=2027")
    assert {p["id"]: p["percent"] for p in public["items"]} == {homes["id"]: 60, roads["id"]: 0}
    assert_error(office.post(f"/api/v1/staff/project-rounds/{round_id}/open-evaluation"),
                 409, "invalid_transition")
    assert_error(pcast.deputy(0).post(f"/api/v1/project-rounds/{round_id}/evaluation",
                                      json={"ratings": {roads["id"]: "satisfied"}}),
                 409, "invalid_transition")
