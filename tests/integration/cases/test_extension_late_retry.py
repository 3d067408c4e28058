"""An extension request or decision sent again with its Idempotency-Key after the case
moved on (answered meanwhile) gets the case back, unchanged, instead of being checked
again as a new move; the same key with another request is 409, a new key is refused."""
import pytest

from functions.cases import repository as case_repository
from tests.case_fixtures import assert_error, cast  # noqa: F401
from tests.integration.cases.test_extensions import T0, ask, decide, signed  # noqa: F401

pytestmark = pytest.mark.integration


def test_a_request_and_a_decision_resent_after_the_answer_change_nothing(cast, signed):
    ask(cast, signed)
    decide(cast, signed)
    answered = cast.step(signed, "answer")
    request, decision = ask(cast, signed), decide(cast, signed)
    assert (request.status_code, decision.status_code) == (200, 200)
    assert request.get_json()["case"]["timeline"] == answered["timeline"]
    assert decision.get_json()["case"]["deadlines"] == answered["deadlines"]
    assert_error(ask(cast, signed, key="ext-2"), 409, "invalid_transition")


def test_another_request_or_decision_under_a_used_key_is_a_conflict(cast, signed):
    ask(cast, signed)
    assert_error(ask(cast, signed, working_days=10), 409, "conflict", "Idempotency-Key")
    decide(cast, signed, reason="同意")
    assert_error(decide(cast, signed, grant=False, reason="同意"), 409, "conflict",
                 "Idempotency-Key")
    assert ask(cast, signed).status_code == 200
    assert decide(cast, signed, reason="同意").status_code == 200


def request_entries(cast, case_id) -> int:
    return [e["action"] for e in cast.read(case_id)["timeline"]].count("request_extension")


def test_another_account_reusing_a_key_makes_its_own_request(cast, signed):
    """Keys are the caller's own: a colleague at the same unit whose client happens to send
    the same Idempotency-Key (and body) asks anew, not answered with the first request."""
    ask(cast, signed)
    decide(cast, signed, grant=False, reason="时限内可以办结")
    colleague = cast.other_unit("u-housing")  # a second account of the lead unit
    again = colleague.post(f"/api/v1/cases/{signed}/extension",
                           headers={"Idempotency-Key": "ext-1"},
                           json={"working_days": 5, "reason": "需协调供电公司，现场勘察需时"})
    assert again.status_code == 200
    assert again.get_json()["case"]["extension"]["status"] == "pending"
    assert request_entries(cast, signed) == 2


def test_retries_after_later_requests_and_decisions_change_nothing(cast, signed):
    ask(cast, signed)
    decide(cast, signed, grant=False, reason="时限内可以办结")
    ask(cast, signed, key="ext-2", working_days=3)
    granted = decide(cast, signed, key="dec-2").get_json()["case"]
    written = case_repository.get(signed)["version"]
    request, decision = ask(cast, signed), decide(cast, signed, grant=False,
                                                   reason="时限内可以办结")
    assert (request.status_code, decision.status_code) == (200, 200)
    assert decision.get_json()["case"]["timeline"] == granted["timeline"]
    kept = cast.read(signed)
    assert (kept["extension"]["status"], kept["extension"]["granted_days"]) == ("granted", 3)
    assert kept["deadlines"] == granted["deadlines"]
    assert case_repository.get(signed)["version"] == written  # not written: nothing owed


def test_a_retry_of_a_request_stored_before_entries_kept_keys_adds_nothing(cast, signed):
    """A case written before every move's entry kept its key has the raw key in its
    `extension` map alone: a retry of it is not recognised, but the one-request-at-a-time
    rule refuses it (409), so nothing is asked or decided twice (see the commit message)."""
    ask(cast, signed)
    _as_stored_before(signed, request_key="ext-1")
    assert_error(ask(cast, signed), 409, "invalid_transition")
    decide(cast, signed)
    _as_stored_before(signed, decision_key="dec-1")
    assert_error(decide(cast, signed), 409, "invalid_transition")
    assert request_entries(cast, signed) == 1
    assert not {"request_key", "decision_key"} & set(cast.read(signed)["extension"])


def _as_stored_before(case_id: str, **legacy_keys) -> None:
    case = case_repository.get(case_id)
    for entry in case["timeline"]:
        entry.pop("retry_key", None)
        entry.pop("retry_body", None)
    case["extension"] = {**case["extension"], **legacy_keys}
    case_repository.save(case)

