"""Staff log in with argon2id-hashed passwords; five wrong ones lock the account a while."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.shared import clock
from functions.org import regions
from functions.identity import staff_accounts
from functions.identity.staff_accounts import LOCK_MINUTES, MAX_FAILURES
from functions.storage import keys
from functions.storage.models import StaffItem
from tests.case_fixtures import (PASSWORD, Caller, assert_error, cast,  # noqa: F401
                                 outcome)

pytestmark = pytest.mark.integration

LOGIN = "/api/v1/staff/login"
START = datetime(2025, 6, 2, 1, 0, tzinfo=timezone.utc)


def login(caller, username, password):
    return caller.post(LOGIN, json={"username": username, "password": password})


def test_a_staff_password_is_stored_only_as_an_argon2id_hash(client):
    regions.create_region(region_id="demo", name="示例县")
    staff_accounts.create_account(username="admin", password=PASSWORD, role="admin",
                                  region_id="demo")
    admin = Caller(client).as_staff("admin")
    admin.ok("POST", "/api/v1/staff/accounts", 201, json={
        "username": "clerk", "password": "s3cret-pass-9", "role": "office"})
    stored = StaffItem.get(keys.staff_pk("clerk"), keys.META).password_hash
    assert stored.startswith("$argon2id$") and "s3cret-pass-9" not in stored
    assert login(Caller(client), "clerk", "s3cret-pass-9").status_code == 200


def test_a_login_answers_a_token_with_the_role_region_and_unit(cast):
    body = cast.anonymous.ok("POST", LOGIN, json={
        "username": "unit1", "password": PASSWORD})
    assert body["token"] and body["expires_at"].endswith("Z")
    assert body["staff"] == {"username": "unit1", "role": "unit", "region_id": "demo",
                             "unit_id": "u-housing"}
    assert "password_hash" not in str(body)


def test_a_wrong_password_or_an_unknown_username_is_401_with_the_same_message(cast):
    wrong = assert_error(login(cast.anonymous, "office", "demo12346"), 401, "unauthorized")
    unknown = assert_error(login(cast.anonymous, "nobody", PASSWORD), 401, "unauthorized")
    assert wrong["message"] == unknown["message"]
    assert_error(login(cast.anonymous, "office", ""), 400, "validation_error", "password")


def test_after_five_wrong_passwords_even_the_right_one_is_refused_with_429(cast):
    clock.set_now(START)
    tries = [outcome(login(cast.anonymous, "office", f"guess-{n}")) for n in range(MAX_FAILURES)]
    assert tries == [(401, "unauthorized")] * MAX_FAILURES
    assert_error(login(cast.anonymous, "office", PASSWORD), 429, "rate_limited")
    assert_error(login(cast.anonymous, "office", "guess-again"), 429, "rate_limited")
    assert login(cast.anonymous, "admin", PASSWORD).status_code == 200  # only that account


def test_the_lock_lifts_once_its_time_has_passed_and_counting_starts_again(cast):
    clock.set_now(START)
    for n in range(MAX_FAILURES):
        login(cast.anonymous, "office", f"guess-{n}")
    clock.set_now(START + timedelta(minutes=LOCK_MINUTES) - timedelta(seconds=1))
    assert_error(login(cast.anonymous, "office", PASSWORD), 429, "rate_limited")
    clock.set_now(START + timedelta(minutes=LOCK_MINUTES, seconds=1))
    assert login(cast.anonymous, "office", PASSWORD).status_code == 200
    assert_error(login(cast.anonymous, "office", "guess-again"), 401, "unauthorized")
    assert login(cast.anonymous, "office", PASSWORD).status_code == 200


def test_a_successful_login_forgets_the_earlier_failures(cast):
    clock.set_now(START)
    for n in range(MAX_FAILURES - 1):
        login(cast.anonymous, "office", f"guess-{n}")
    assert login(cast.anonymous, "office", PASSWORD).status_code == 200
    for n in range(MAX_FAILURES - 1):
        login(cast.anonymous, "office", f"guess-{n}")
    assert login(cast.anonymous, "office", PASSWORD).status_code == 200
