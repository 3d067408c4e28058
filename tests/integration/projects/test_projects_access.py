"""Who may do what on a round, what each state refuses, retried creates, and ballot
secrecy: no response ever tells who chose what."""
import pytest

from functions import deputies
from functions.deputies import admin as deputy_admin
from functions.org import regions, units
from functions.identity import staff_accounts
from tests.case_fixtures import assert_error, outcome, refusals_that_differ
from tests.integration.projects_cast import SUPERVISORS, pcast  # noqa: F401

pytestmark = pytest.mark.integration


@pytest.fixture
def outsiders(pcast):
    """The office, a unit and a bound deputy of another region."""
    regions.create_region(region_id="other", name="邻县")
    units.create_unit(name="邻县住建局", region_id="other", unit_id="u-other")
    staff_accounts.create_account(username="office2", password="demo12345", role="office",
                                  region_id="other")
    staff_accounts.create_account(username="unit2", password="demo12345", role="unit",
                                  region_id="other", unit_id="u-other")
    stranger = deputies.register_deputy(name="外县代表", phone="13900000001",
                                        region_id="other", level="county")
    deputy = pcast.anonymous.as_citizen("stranger")
    deputy.token = deputy.ok("POST", "/api/v1/deputy/bind",
                             json={"bind_code": stranger["bind_code"]})["token"]
    return {"office": pcast.staff("office2"), "unit": pcast.staff("unit2"), "deputy": deputy}


def test_only_the_right_people_may_act(pcast, outsiders):
    voting_round, ids = pcast.round_in("voting")
    running, _ = pcast.round_in("in_progress")
    project = pcast.projects(running)[0]["id"]
    pcast.assign(project)
    comment = pcast.deputy(0).ok("POST", f"/api/v1/projects/{project}/comments", 201,
                                 headers=pcast.key(), json={"content": "请公开招标结果。"})["comment"]
    other_unit = pcast.other_unit()
    citizen, office, unit, deputy = pcast.citizen(), pcast.office, pcast.unit, pcast.deputy(0)
    staff_rounds = "/api/v1/staff/project-rounds"
    new_round = {"json": {"year": 2028, "title": "x", "max_choices": 1},
                 "headers": {"Idempotency-Key": "k"}}
    ballot = {"json": {"choices": [ids[0]]}}
    progress = {"json": {"month": "2027-05", "percent": 10, "content": "开工"}}
    text = {"json": {"content": "好"}, "headers": {"Idempotency-Key": "k"}}
    rows = [
        ("deputy creates a round", deputy, "POST", staff_rounds, new_round),
        ("unit creates a round", unit, "POST", staff_rounds, new_round),
        ("admin creates a round", pcast.admin, "POST", staff_rounds, new_round),
        ("deputy opens the vote", deputy, "POST", f"{staff_rounds}/{voting_round}/close-vote", {}),
        ("unit closes the vote", unit, "POST", f"{staff_rounds}/{voting_round}/close-vote", {}),
        ("other office closes the vote", outsiders["office"], "POST",
         f"{staff_rounds}/{voting_round}/close-vote", {}),
        ("deputy reads turnout", deputy, "GET", f"{staff_rounds}/{voting_round}/turnout", {}),
        ("other office reads turnout", outsiders["office"], "GET",
         f"{staff_rounds}/{voting_round}/turnout", {}),
        ("office votes", office, "POST", f"/api/v1/project-rounds/{voting_round}/ballot", ballot),
        ("citizen votes", citizen, "POST", f"/api/v1/project-rounds/{voting_round}/ballot",
         ballot),
        ("other region's deputy votes", outsiders["deputy"], "POST",
         f"/api/v1/project-rounds/{voting_round}/ballot", ballot),
        ("other region's deputy reads the round", outsiders["deputy"], "GET",
         f"/api/v1/project-rounds/{voting_round}", {}),
        ("citizen reads the round before its vote", citizen, "GET",
         f"/api/v1/project-rounds/{voting_round}", {}),
        ("office posts progress", office, "POST", f"/api/v1/projects/{project}/progress",
         progress),
        ("another unit posts progress", other_unit, "POST",
         f"/api/v1/projects/{project}/progress", progress),
        ("deputy posts progress", deputy, "POST", f"/api/v1/projects/{project}/progress",
         progress),
        ("unit comments", unit, "POST", f"/api/v1/projects/{project}/comments", text),
        ("citizen comments", citizen, "POST", f"/api/v1/projects/{project}/comments", text),
        ("other region's deputy comments", outsiders["deputy"], "POST",
         f"/api/v1/projects/{project}/comments", text),
        ("another unit replies", other_unit, "POST",
         f"/api/v1/projects/{project}/comments/{comment['id']}/reply", text),
        ("deputy replies", deputy, "POST",
         f"/api/v1/projects/{project}/comments/{comment['id']}/reply", text),
        ("unit assigns", unit, "POST", f"/api/v1/staff/projects/{project}/assign",
         {"json": {"unit_id": "u-housing", "supervisors": SUPERVISORS}}),
        ("other office assigns", outsiders["office"], "POST",
         f"/api/v1/staff/projects/{project}/assign",
         {"json": {"unit_id": "u-other", "supervisors": SUPERVISORS}}),
        ("office evaluates", office, "POST", f"/api/v1/project-rounds/{running}/evaluation",
         {"json": {"ratings": {project: "satisfied"}}}),
    ]
    assert refusals_that_differ(rows) == {}
    assert outcome(pcast.anonymous.post(staff_rounds, **new_round)) == (401, "unauthorized")


def test_a_deactivated_deputy_loses_the_vote_at_once(pcast):
    round_id, ids = pcast.round_in("voting")
    voter = pcast.deputy(2)
    office = {"kind": "staff", "username": "office", "role": "office", "region_id": "demo"}
    deputy_admin.set_active(actor=office, deputy_id=pcast.deputy_id(2), active=False)
    assert_error(voter.post(f"/api/v1/project-rounds/{round_id}/ballot",
                            json={"choices": [ids[0]]}), 403, "forbidden")


@pytest.mark.parametrize("state, who, path, body", [
    ("collecting", "deputy", "/api/v1/project-rounds/{r}/ballot", {"choices": []}),
    ("in_progress", "deputy", "/api/v1/project-rounds/{r}/ballot", {"choices": []}),
    ("voting", "office", "/api/v1/staff/project-rounds/{r}/shortlist", {"candidate_ids": ["x"]}),
    ("voting", "deputy", "/api/v1/project-rounds/{r}/candidates",
     {"title": "晚到", "description": "投票开始后才提出"}),
    ("voting", "office", "/api/v1/staff/project-rounds/{r}/open-vote", None),
    ("collecting", "office", "/api/v1/staff/project-rounds/{r}/close-vote", None),
    ("voting", "office", "/api/v1/staff/project-rounds/{r}/open-evaluation", None),
    ("in_progress", "office", "/api/v1/staff/project-rounds/{r}/close-evaluation", None),
    ("in_progress", "deputy", "/api/v1/project-rounds/{r}/evaluation", {"ratings": {"x": "satisfied"}}),
    ("evaluating", "office", "/api/v1/staff/project-rounds/{r}/open-evaluation", None),
    ("closed", "office", "/api/v1/staff/project-rounds/{r}/close-evaluation", None),
])
def test_a_call_out_of_its_state_is_an_invalid_transition(pcast, state, who, path, body):
    round_id, _ = pcast.round_in(state)
    caller = pcast.office if who == "office" else pcast.deputy(1)
    response = caller.post(path.format(r=round_id), json=body, headers=pcast.key())
    assert_error(response, 409, "invalid_transition")


def test_progress_before_assignment_and_after_close_and_a_second_reply_are_refused(pcast):
    round_id, _ = pcast.round_in("in_progress")
    project = pcast.projects(round_id)[0]["id"]
    body = {"month": "2027-05", "percent": 10, "content": "开工"}
    assert_error(pcast.unit.post(f"/api/v1/projects/{project}/progress", json=body),
                 409, "invalid_transition")
    pcast.assign(project)
    pcast.unit.ok("POST", f"/api/v1/projects/{project}/progress", json=body)
    comment = pcast.deputy(0).ok("POST", f"/api/v1/projects/{project}/comments", 201,
                                 headers=pcast.key(), json={"content": "何时完工？"})["comment"]
    reply = f"/api/v1/projects/{project}/comments/{comment['id']}/reply"
    pcast.unit.ok("POST", reply, json={"content": "九月。"})
    assert_error(pcast.unit.post(reply, json={"content": "十月。"}), 409, "invalid_transition")
    pcast.move(round_id, "open-evaluation")
    pcast.move(round_id, "close-evaluation")
    assert_error(pcast.unit.post(f"/api/v1/projects/{project}/progress", json=body),
                 409, "invalid_transition")


def test_a_retried_create_returns_the_same_object_and_a_reused_key_is_a_conflict(pcast):
    path, key = "/api/v1/staff/project-rounds", {"Idempotency-Key": "round-2027"}
    body = {"year": 2027, "title": "民生实事", "max_choices": 3}
    first = pcast.office.ok("POST", path, 201, headers=key, json=body)["round"]
    assert pcast.office.ok("POST", path, 200, headers=key, json=body)["round"] == first
    assert_error(pcast.office.post(path, headers=key, json={**body, "max_choices": 4}),
                 409, "conflict")
    assert_error(pcast.office.post(path, json=body), 400, "validation_error")
    candidates = f"/api/v1/project-rounds/{first['id']}/candidates"
    idea = {"title": "路灯", "description": "村道装路灯"}
    made = pcast.deputy(0).ok("POST", candidates, 201, headers=key, json=idea)["candidate"]
    assert pcast.deputy(0).ok("POST", candidates, 200, headers=key, json=idea)["candidate"] == made
    assert len(pcast.read_round(first["id"])["candidates"]) == 1


@pytest.mark.parametrize("body, field", [
    ({"year": "2027", "title": "t", "max_choices": 2}, "year"),
    ({"year": 2027, "title": " ", "max_choices": 2}, "title"),
    ({"year": 2027, "title": "t", "max_choices": 0}, "max_choices"),
    ({"year": 2027, "title": "t", "max_choices": True}, "max_choices"),
])
def test_bad_round_input_is_a_validation_error(pcast, body, field):
    assert_error(pcast.office.post("/api/v1/staff/project-rounds", json=body,
                                   headers=pcast.key()), 400, "validation_error", field)


def test_no_response_tells_who_chose_what(pcast):
    round_id, ids = pcast.round_in("voting")
    seen = []
    for deputy in range(5):
        response = pcast.deputy(deputy).post(f"/api/v1/project-rounds/{round_id}/ballot",
                                             json={"choices": ids[deputy % 3:deputy % 3 + 2]})
        assert response.status_code == 200
        assert not [c for c in ids if c in response.get_data(as_text=True)]
    readers = [pcast.office, pcast.admin, pcast.unit, pcast.deputy(0), pcast.anonymous]
    paths = [f"/api/v1/project-rounds/{round_id}",
             f"/api/v1/staff/project-rounds/{round_id}/turnout",
             "/api/v1/staff/project-rounds", "/api/v1/staff/notifications"]
    pcast.move(round_id, "close-vote")
    paths += ["/api/v1/public/projects?region_id=demo", f"/api/v1/project-rounds/{round_id}"]
    paths += [f"/api/v1/projects/{p['id']}" for p in pcast.projects(round_id)]
    for reader in readers:
        seen += [reader.get(path).get_data(as_text=True) for path in paths]
    seen.append(pcast.office.post(f"/api/v1/staff/project-rounds/{round_id}/recount")
                .get_data(as_text=True))
    voters = [pcast.deputy_id(i) for i in range(5)] + \
        [d["name"] for d in pcast.seeded_deputies]
    # Who was told the vote opened is no secret; who chose which candidate is.
    linked = [text[:200] for text in seen
              if any(v in text for v in voters) and any(c in text for c in ids)]
    assert linked == []
    assert not [text for text in seen if '"choices"' in text]
