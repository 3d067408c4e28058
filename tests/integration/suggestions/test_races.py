"""Races: registration numbers `<year>-<seq>` (no gap, no repeat under parallel
registration) and co-signers answering at the same moment."""
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from tests.case_fixtures import at_once, outcome
from tests.suggestion_fixtures import live_scast, scast  # noqa: F401

pytestmark = pytest.mark.integration
T0 = datetime(2026, 5, 6, 2, 0, tzinfo=timezone.utc)


def register(cast, sid):
    return cast.office.post(f"/api/v1/suggestions/{sid}/register", json={})


def test_parallel_registrations_get_every_number_once_without_gaps(live_scast):
    clock.set_now(T0)
    ids = [live_scast.suggestion_at("submitted", lead=i % 3) for i in range(12)]
    live_scast.office  # logged in before the race
    responses = at_once(*[lambda sid=sid: register(live_scast, sid) for sid in ids])
    assert [r.status_code for r in responses] == [200] * len(ids)
    numbers = sorted(int(r.json()["suggestion"]["number"].split("-")[1]) for r in responses)
    assert numbers == list(range(1, len(ids) + 1))
    assert {r.json()["suggestion"]["number"].split("-")[0] for r in responses} == {"2026"}


def test_registering_one_suggestion_twice_at_once_takes_one_number(live_scast):
    clock.set_now(T0)
    sid, later = (live_scast.suggestion_at("submitted") for _ in range(2))
    live_scast.office
    results = [outcome(r) for r in at_once(*[lambda: register(live_scast, sid)] * 4)]
    assert sorted(results).count((200, None)) == 1, results
    assert all(code in (None, "conflict", "invalid_transition") for _, code in results)
    assert live_scast.read_suggestion(sid)["number"] == "2026-1"
    assert register(live_scast, later).json()["suggestion"]["number"] == "2026-2"


def test_a_retry_after_a_failed_write_reuses_its_number(scast):
    from functions.suggestions import numbers
    sid = scast.suggestion_at("submitted")
    first = numbers.claim(suggestion_id=sid, region_id="demo", now=T0)
    again = numbers.claim(suggestion_id=sid, region_id="demo", now=T0)
    assert first == again == {"number": "2026-1", "year": 2026, "seq": 1}
    clock.set_now(T0)
    assert scast.act(sid, "register")["number"] == "2026-1"


def test_numbers_run_per_region_and_shanghai_year(scast):
    from functions.suggestions import numbers
    new_year_in_shanghai = datetime(2026, 12, 31, 16, 30, tzinfo=timezone.utc)
    assert numbers.claim(suggestion_id="a", region_id="demo", now=T0)["number"] == "2026-1"
    assert numbers.claim(suggestion_id="b", region_id="demo",
                         now=new_year_in_shanghai)["number"] == "2027-1"
    assert numbers.claim(suggestion_id="c", region_id="other", now=T0)["number"] == "2026-1"


def test_a_claim_left_by_a_dead_request_is_taken_over_after_the_lease(scast):
    from functions.shared.errors import Conflict
    from functions.storage import suggestion_keys
    from functions.suggestions import numbers
    from functions.suggestions.items import SuggestionNumberItem
    SuggestionNumberItem(pk=suggestion_keys.suggestion_pk("x"),
                         sk=suggestion_keys.SUGGESTION_NUMBER_SK,
                         claimed_at="2026-05-06T02:00:00Z").save()
    with pytest.raises(Conflict):
        numbers.claim(suggestion_id="x", region_id="demo", now=T0)
    later = T0.replace(minute=5)
    assert numbers.claim(suggestion_id="x", region_id="demo", now=later)["number"] == "2026-1"


def test_co_signers_answering_at_the_same_moment_are_both_recorded(live_scast):
    sid = live_scast.draft(0, cosigners=(1, 2))["id"]
    first, second = live_scast.deputy(1), live_scast.deputy(2)
    answers = at_once(
        lambda: first.post(f"/api/v1/suggestions/{sid}/cosign", json={"decision": "sign"}),
        lambda: second.post(f"/api/v1/suggestions/{sid}/cosign", json={"decision": "decline"}))
    assert [r.status_code for r in answers] == [200, 200]
    cosigners = live_scast.read_suggestion(sid)["cosigners"]
    assert sorted(c["status"] for c in cosigners) == ["declined", "signed"]


def test_registering_and_converting_at_once_leave_no_unused_number(live_scast):
    clock.set_now(T0)
    racers = [live_scast.suggestion_at("submitted") for _ in range(4)]
    later = live_scast.suggestion_at("submitted")
    office = live_scast.office
    for sid in racers:
        register_, convert_ = at_once(
            lambda: register(live_scast, sid),
            lambda: office.post(f"/api/v1/suggestions/{sid}/convert", json={"reason": "来信"}))
        outcomes = sorted([outcome(register_), outcome(convert_)])
        assert outcomes[0] == (200, None) and outcomes[1][0] == 409, outcomes
    registered = [live_scast.read_suggestion(sid) for sid in racers]
    numbers = sorted(int(s["number"].split("-")[1]) for s in registered if s.get("number"))
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(s["status"] == "registered" for s in registered if s.get("number"))
    assert register(live_scast, later).json()["suggestion"]["number"] == \
        f"2026-{len(numbers) + 1}"


def test_once_registering_has_begun_the_office_can_only_finish_it(scast):
    from functions.suggestions import repository
    sid = scast.suggestion_at("submitted")
    repository.save({**repository.get(sid), "registering_at": "2026-05-06T02:00:00Z"})
    refused = scast.office.post(f"/api/v1/suggestions/{sid}/convert", json={"reason": "来信"})
    assert outcome(refused) == (409, "invalid_transition")
    clock.set_now(T0)
    finished = scast.act(sid, "register")
    assert finished["number"] == "2026-1" and "registering_at" not in finished
