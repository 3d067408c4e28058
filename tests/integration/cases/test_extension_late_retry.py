"""An extension request or decision sent again with its Idempotency-Key after the case
moved on (answered meanwhile) gets the case back, unchanged, instead of being checked
again as a new move; the same key with another request is 409, a new key is refused."""
import pytest

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
