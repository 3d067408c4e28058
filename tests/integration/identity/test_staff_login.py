"""Staff log in with argon2id-hashed passwords; guessing is slow, nobody can lock an owner out."""
import base64
import json
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from functions.shared import clock
from functions.org import regions
from functions.identity import staff_accounts
from functions.identity.login_guard import ACCOUNT_FAILURES, ADDRESS_ATTEMPTS, DELAY
from functions.storage import keys
from functions.storage.models import StaffItem
from tests.case_fixtures import (PASSWORD, Caller, assert_error, cast, live_cast,  # noqa: F401
                                 outcome)

pytestmark = pytest.mark.integration

LOGIN = "/api/v1/staff/login"
START = datetime(2025, 6, 2, 1, 0, tzinfo=timezone.utc)


def login(caller, username, password, address="10.0.0.1"):
    return caller.post(LOGIN, json={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


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


def test_a_login_answers_an_opaque_token_and_the_role_region_and_unit(cast):
    body = cast.anonymous.ok("POST", LOGIN, json={
        "username": "unit1", "password": PASSWORD})
    assert body["token"] and body["expires_at"].endswith("Z")
    assert body["staff"] == {"username": "unit1", "role": "unit", "region_id": "demo",
                             "unit_id": "u-housing"}
    assert "password_hash" not in str(body)
    payload = body["token"].split(".")[0]
    readable = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    assert not {"unit", "demo", "u-housing", "role"} & set(json.loads(readable))


def test_a_wrong_password_or_an_unknown_username_is_401_with_the_same_message(cast):
    wrong = assert_error(login(cast.anonymous, "office", "demo12346"), 401, "unauthorized")
    unknown = assert_error(login(cast.anonymous, "nobody", PASSWORD), 401, "unauthorized")
    assert wrong["message"] == unknown["message"]
    assert_error(login(cast.anonymous, "office", ""), 400, "validation_error", "password")


def test_an_unknown_username_takes_as_long_as_a_wrong_password(store):
    """Real argon2 cost: the unknown name is checked against a dummy hash."""
    from dataclasses import replace
    from miniprogram_api import create_app
    real = replace(store, password_hash_cost="standard")
    caller = Caller(create_app(real).test_client())
    regions.create_region(region_id="demo", name="示例县")
    staff_accounts.create_account(username="clerk", password=PASSWORD, role="office",
                                  region_id="demo")

    def timed(username):
        began = time.perf_counter()
        assert login(caller, username, "wrong-password", f"10.1.0.{len(username)}") \
            .status_code == 401
        return time.perf_counter() - began
    known = statistics.median(timed("clerk") for _ in range(3))
    unknown = statistics.median(timed("nobody-at-all") for _ in range(3))
    assert unknown > known * 0.5, (known, unknown)


def test_an_address_that_failed_waits_while_the_owner_logs_in_from_elsewhere(cast):
    clock.set_now(START)
    tries = [outcome(login(cast.anonymous, "office", f"guess-{n}", "10.0.0.66"))
             for n in range(ACCOUNT_FAILURES)]
    assert tries == [(401, "unauthorized")] * ACCOUNT_FAILURES
    refused = login(cast.anonymous, "office", PASSWORD, "10.0.0.66")
    assert_error(refused, 429, "rate_limited", "retry_after")
    assert int(refused.headers["Retry-After"]) > 0
    assert login(cast.anonymous, "office", PASSWORD, "10.0.0.7").status_code == 200
    assert login(cast.anonymous, "admin", PASSWORD, "10.0.0.66").status_code == 200


def test_the_slow_down_lifts_once_its_time_has_passed(cast):
    clock.set_now(START)
    for n in range(ACCOUNT_FAILURES):
        login(cast.anonymous, "office", f"guess-{n}")
    clock.set_now(START + DELAY - timedelta(seconds=1))
    assert_error(login(cast.anonymous, "office", PASSWORD), 429, "rate_limited")
    clock.set_now(START + DELAY + timedelta(seconds=1))
    assert login(cast.anonymous, "office", PASSWORD).status_code == 200
    assert_error(login(cast.anonymous, "office", "guess-again"), 401, "unauthorized")
    assert login(cast.anonymous, "office", PASSWORD).status_code == 200


def test_a_successful_login_forgets_the_earlier_failures(cast):
    clock.set_now(START)
    for n in range(ACCOUNT_FAILURES - 1):
        login(cast.anonymous, "office", f"guess-{n}")
    assert login(cast.anonymous, "office", PASSWORD).status_code == 200
    for n in range(ACCOUNT_FAILURES - 1):
        login(cast.anonymous, "office", f"guess-{n}")
    assert login(cast.anonymous, "office", PASSWORD).status_code == 200


def test_one_address_gets_only_so_many_wrong_guesses_whatever_the_accounts(cast):
    clock.set_now(START)
    names = ["office", "admin", "unit1", "nobody"]
    for n in range(ADDRESS_ATTEMPTS):
        assert login(cast.anonymous, names[n % 4], f"guess-{n}", "10.0.0.99").status_code \
            in (401, 429)
    assert_error(login(cast.anonymous, "unit1", PASSWORD, "10.0.0.99"), 429, "rate_limited")
    assert login(cast.anonymous, "unit1", PASSWORD, "10.0.0.98").status_code == 200


def test_forty_parallel_guesses_are_all_counted_and_few_are_checked(live_cast):
    """Over real HTTP, at once: atomic counters, no lost failure, never a 500."""
    def guess(n):
        return outcome(live_cast.anonymous.post(
            LOGIN, json={"username": "office", "password": f"guess-{n}"}))
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(guess, range(40)))
    statuses = sorted({status for status, _ in results})
    assert set(statuses) <= {401, 429}, results
    checked = sum(1 for status, _ in results if status == 401)
    assert 0 < checked <= ADDRESS_ATTEMPTS
    stored = StaffItem.get(keys.staff_pk("office"), keys.META, consistent_read=True)
    assert stored.failed_logins == checked  # every real check that failed was counted
