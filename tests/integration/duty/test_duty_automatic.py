"""Records the system makes: one voter_contact per case, one per suggestion deputy."""
from collections import Counter

import pytest

from functions.shared import clock
from functions.duty import automatic, recount
from functions.duty.models import DutyRecordItem, record_pk
from functions.cases import repository as case_repository
from functions.storage.models import DeputyItem
from tests.case_fixtures import at_once, cast, live_cast  # noqa: F401
from tests.integration.duty_fixtures import fixed_clock, ranking  # noqa: F401
from tests.store_call_counter import StoreCallCounter

pytestmark = pytest.mark.integration
OWN = "/api/v1/deputy/duty-records"


def contacts(deputy) -> list[dict]:
    return [r for r in deputy.ok("GET", OWN)["items"] if r["kind"] == "voter_contact"]


def test_a_reply_and_a_forward_each_make_one_verified_voter_contact(cast):
    replied, forwarded = cast.case_at("replied"), cast.case_at("forwarded")
    cast.case_at("accepted")  # accepting alone is no contact yet
    records = {r["ref"]: r for r in contacts(cast.deputy())}
    assert set(records) == {replied, forwarded}
    assert {(r["via"], r["status"], r["points"], r["source"]) for r in records.values()} == {
        ("reply", "verified", 1, "case"), ("forward", "verified", 1, "case")}
    assert ranking(cast.anonymous)["items"][0]["counts"]["voter_contact"] == 2


def test_later_moves_of_the_case_make_no_second_record(cast):
    case_id = cast.case_at("closed")  # forwarded, assigned, signed, answered, rated
    assert [r["ref"] for r in contacts(cast.deputy())] == [case_id]


def test_the_same_write_seen_twice_makes_one_record(cast):
    case_id = cast.case_at("replied")
    case = case_repository.get(case_id)
    before = dict(case, status="accepted", timeline=case["timeline"][:-1])
    automatic.after_case_write(before, case)
    automatic.after_case_write(before, case)
    assert len(contacts(cast.deputy())) == 1
    assert ranking(cast.anonymous)["items"][0]["points"] == 1


def test_racing_replies_make_one_case_move_and_one_record(live_cast):
    case_id = live_cast.case_at("accepted")
    deputy = live_cast.deputy()
    body = {"content": "已答复。", "resolution": "policy_answer"}
    answers = at_once(*[lambda: deputy.post(f"/api/v1/cases/{case_id}/reply", json=body)
                        for _ in range(4)])
    assert sorted(r.status_code for r in answers).count(200) == 1
    assert [r["ref"] for r in contacts(deputy)] == [case_id]


def test_the_recount_makes_a_record_a_crash_skipped(cast):
    case_id = cast.case_at("replied")
    DutyRecordItem(pk=record_pk(automatic.case_record_id(case_id)), sk="META").delete(
        add_version_condition=False)
    assert contacts(cast.deputy()) == []
    result = recount.recount_region("demo", now=clock.now())
    assert result["made"] == 1
    assert [r["ref"] for r in contacts(cast.deputy())] == [case_id]
    assert ranking(cast.anonymous)["items"][0]["points"] == 1
    assert recount.recount_region("demo", now=clock.now())["made"] == 0


def test_a_registered_suggestion_scores_its_lead_and_cosigners_once(cast):
    lead, cosigner = cast.deputy_id(0), cast.deputy_id(1)
    for _ in range(2):
        automatic.suggestion_registered(suggestion_id="s1", title="加装路灯", region_id="demo",
                                        lead_id=lead,
                                        cosigner_ids=[cosigner], now=clock.now())
    points = {r["deputy"]["id"]: r["points"] for r in ranking(cast.anonymous)["items"]}
    assert points == {lead: 5, cosigner: 2}
    assert DeputyItem.get(f"DEPUTY#{lead}", "META").name == "张建国"


def test_the_recount_makes_missed_records_with_one_write_each_and_tallies_them_once(cast):
    case_ids = [cast.case_at("replied") for _ in range(3)]
    for case_id in case_ids:
        DutyRecordItem(pk=record_pk(automatic.case_record_id(case_id)), sk="META").delete(
            add_version_condition=False)
    with StoreCallCounter() as counter:
        assert recount.recount_region("demo", now=clock.now())["made"] == 3
        calls = Counter(f"{c.operation} {c.key}" for c in counter.take())
    assert calls["PutItem DUTY"] == 3  # the records; no read of the deputy or rules each
    assert calls["GetItem DEPUTY"] == 0 and calls["GetItem DUTYRULES"] <= 3  # one a deputy
    assert calls["UpdateItem DUTYTALLY"] == 0  # the tallies are written whole, once
    assert ranking(cast.anonymous)["items"][0]["points"] == 3
