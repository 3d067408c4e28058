"""The duty records of an activity check-in and of a suggestion's registration take the
case record's path (record_reads.py + tally_known.py): everything read in one call, one
conditional write per tally, the ADD and score move when a tally moved meanwhile.
Store calls counted on the real local store (tests/store_call_counter.py)."""
import threading
from datetime import timedelta

import pytest

from functions.duty import rules, rules_cache, tally_store
from functions.shared import clock
from functions.suggestions import after_write
from tests.case_fixtures import cast  # noqa: F401
from tests.integration.duty.test_duty_activities import STARTS, path, publish
from tests.integration.duty_fixtures import fixed_clock, raced_tallies, ranking  # noqa: F401
from tests.store_call_counter import StoreCallCounter
from tests.suggestion_fixtures import scast  # noqa: F401

pytestmark = pytest.mark.integration
TERM = rules.term_key(rules.DEFAULT_TERM_START)
RECORD_WRITES = ["PutItem DUTY", "UpdateItem DUTYTALLY", "UpdateItem DUTYTALLY"]


def ops(calls) -> list[str]:
    return [f"{c.operation} {c.key}" for c in calls]


def check_in(deputy, activity) -> dict:
    return deputy.ok("POST", path(activity, "check-in"),
                     json={"code": activity["check_in_code"]})["record"]


def test_a_check_in_costs_six_calls_and_its_retry_two(cast):
    """Ten before: the caller, the activity, the deputy, the wrong codes, the rules, the
    record, an ADD and a score move per tally; a retry seven (the same reads, the refused
    put, the record). Now the caller; the activity, the deputy, the record a retry finds
    and the wrong codes in one read; the rules and tallies in one; the
    record; one write per tally."""
    activity, deputy = publish(cast.office), cast.deputy()
    clock.set_now(STARTS - timedelta(minutes=30))
    rules_cache.forget_cached()
    with StoreCallCounter() as counter:
        record = check_in(deputy, activity)
        first = ops(counter.take())
        assert check_in(deputy, activity) == record
        again = ops(counter.take())
    assert first == ["GetItem USER", "BatchGetItem ACTIVITY+DEPUTY+DUTY+THROTTLE",
                     "BatchGetItem DUTYRULES+DUTYTALLY", *RECORD_WRITES]
    assert again == ["GetItem USER", "BatchGetItem ACTIVITY+DEPUTY+DUTY+THROTTLE"]
    for period in ("2026", TERM):
        tally = tally_store.get(cast.deputy_id(), period)
        assert (int(tally.points), int(tally.count_inspection)) == (3, 1)


def test_a_registration_makes_every_deputys_record_after_one_read(scast, monkeypatch):
    """Lead and co-signer: 14 calls before (per deputy the deputy, the rules, the record,
    an ADD and a score move per tally), 7 now."""
    draft = scast.draft(0, cosigners=(1,))
    scast.deputy(1).ok("POST", f"/api/v1/suggestions/{draft['id']}/cosign",
                       json={"decision": "sign"})
    scast.act(draft["id"], "submit")
    rules_cache.forget_cached()
    duty_calls, record_duty = [], after_write.record_duty
    with StoreCallCounter() as counter:
        def counted(suggestion, now):
            counter.take()
            made = record_duty(suggestion, now)
            duty_calls.extend(ops(counter.take()))
            return made
        monkeypatch.setattr(after_write, "record_duty", counted)
        scast.act(draft["id"], "register")
    assert duty_calls == ["BatchGetItem DEPUTY+DUTYRULES+DUTYTALLY", *RECORD_WRITES,
                          *RECORD_WRITES]
    points = {r["deputy"]["id"]: r["points"] for r in ranking(scast.anonymous)["items"]}
    assert points == {scast.deputy_id(0): 5, scast.deputy_id(1): 2}


def test_a_check_in_and_a_registration_of_one_deputy_at_once_both_count(scast, raced_tallies):
    """Both read the deputy's tallies before either writes: one conditional write per
    tally wins, the other finds the points moved and takes the ADD and the score's move."""
    activity = publish(scast.office)
    suggestion_id = scast.suggestion_at("submitted")
    clock.set_now(STARTS - timedelta(minutes=30))
    deputy, office = scast.deputy(), scast.office
    fallbacks = raced_tallies
    threads = [threading.Thread(target=check_in, args=(deputy, activity)),
               threading.Thread(target=office.ok, args=(
                   "POST", f"/api/v1/suggestions/{suggestion_id}/register"),
                   kwargs={"json": {}})]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(fallbacks) == ["2026", TERM]
    for period in ("2026", TERM):
        tally = tally_store.get(scast.deputy_id(), period)
        assert (int(tally.points), int(tally.count_inspection),
                int(tally.count_suggestion)) == (8, 1, 1)
        assert {getattr(tally, r) for _, h, r, _ in tally_store.FILTERS.values()
                if getattr(tally, h)} == {rules.score_key(8, scast.deputy_id())}
