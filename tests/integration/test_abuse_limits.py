"""Abuse limits answer 429 rate_limited with retry_after, and count under parallel load."""
from datetime import timedelta

import pytest

from functions import clock
from functions.deputy_binding import BIND_CODE_DAYS, WRONG_PER_ADDRESS, WRONG_PER_USER
from tests.case_fixtures import assert_error, cast  # noqa: F401

pytestmark = pytest.mark.integration

BIND = "/api/v1/deputy/bind"


def test_a_bind_code_expires_after_thirty_days(cast):
    issued = clock.now()
    clock.set_now(issued + timedelta(days=BIND_CODE_DAYS, minutes=1))
    late = cast.anonymous.as_citizen("late-deputy")
    assert_error(late.post(BIND, json={"bind_code": cast.seeded_deputies[0]["bind_code"]}),
                 404, "not_found")


def test_wrong_bind_codes_are_limited_per_user_then_429_even_for_the_right_one(cast):
    guesser = cast.anonymous.as_citizen("guesser")
    for n in range(WRONG_PER_USER):
        assert_error(guesser.post(BIND, json={"bind_code": f"WRONG{n}"}), 404, "not_found")
    refused = guesser.post(BIND, json={"bind_code": cast.seeded_deputies[0]["bind_code"]})
    assert_error(refused, 429, "rate_limited", "retry_after")
    assert int(refused.headers["Retry-After"]) > 0
    other = cast.anonymous.as_citizen("honest")
    other.ok("POST", BIND, json={"bind_code": cast.seeded_deputies[0]["bind_code"]})


def test_wrong_bind_codes_are_limited_per_address_across_users(cast):
    for n in range(WRONG_PER_ADDRESS):
        user = cast.anonymous.as_citizen(f"farm-{n // WRONG_PER_USER}")
        user.post(BIND, json={"bind_code": f"WRONG{n}"},
                  environ_base={"REMOTE_ADDR": "10.9.9.9"})
    fresh = cast.anonymous.as_citizen("farm-new")
    assert_error(fresh.post(BIND, json={"bind_code": "WRONGX"},
                            environ_base={"REMOTE_ADDR": "10.9.9.9"}), 429, "rate_limited")
    assert_error(fresh.post(BIND, json={"bind_code": "WRONGX"},
                            environ_base={"REMOTE_ADDR": "10.9.9.8"}), 404, "not_found")
