"""Verifying a phone: WeChat's refusals as the contract's errors, races, limits, rights."""
import json
import threading

import pytest

from functions.identity import phone_link, phone_login, users
from tests.case_fixtures import Caller, assert_error
from tests.integration.identity.two_doors import PHONE, T0, doors  # noqa: F401

pytestmark = pytest.mark.integration


def code_for(doors, **kwargs):
    return {"code": doors.wechat.phone_code(kwargs.pop("phone", PHONE), **kwargs)}


@pytest.mark.parametrize("arrange, status, code", [
    ("used", 400, "validation_error"), ("other_app", 400, "validation_error"),
    ("foreign", 400, "validation_error"), ("busy", 503, "unavailable"),
    ("throttled", 429, "rate_limited"), ("bad_secret", 503, "unavailable"),
])
def test_wechat_refusals_are_clear_errors_and_link_nothing(doors, arrange, status, code):
    mini = doors.mini()
    body = code_for(doors, **({"appid": "wx-other"} if arrange == "other_app" else
                              {"phone": "61234567", "country_code": "852"}
                              if arrange == "foreign" else {}))
    if arrange == "used":
        doors.wechat.phone_codes.pop(body["code"])
    doors.wechat.busy = arrange == "busy"
    doors.wechat.phone_throttled = arrange == "throttled"
    if arrange == "bad_secret":
        doors.wechat.secret = "rotated"  # our token fetch is refused (40125): ours, not theirs
        doors.wechat.valid_tokens.clear()
    error = assert_error(mini.post("/api/v1/auth/phone", json=body), status, code)
    if status == 400:
        assert "code" in error["fields"]
    assert users.get_user_item(users.phone_user_id(PHONE)) is None
    assert mini.ok("GET", "/api/v1/cases/mine")["items"] == []


@pytest.mark.parametrize("stale", ["expired (42001)", "invalid (40001)"])
def test_a_stale_access_token_is_fetched_again_and_the_exchange_retried(doors, stale):
    assert doors.verify(doors.mini()).status_code == 200  # a token is in the store now
    other = doors.mini("o-second")
    if stale.startswith("expired"):
        doors.wechat.expire_current_token()
    else:  # another instance fetched a new one: WeChat forgot ours
        doors.wechat.valid_tokens.clear()
    fetched = doors.wechat.token_fetches()
    answer = other.post("/api/v1/auth/phone", json=code_for(doors, phone="13800000002"))
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert doors.wechat.token_fetches() == fetched + 1


def test_a_phone_another_wechat_account_verified_is_refused_and_not_taken(doors):
    first, second = doors.mini("o-first"), doors.mini("o-second")
    assert doors.verify(first).status_code == 200
    assert_error(doors.verify(second), 409, "conflict", "phone")
    person = users.get_user_item(users.phone_user_id(PHONE))
    assert person.linked_user_id == users.wechat_user_id("o-first")
    assert users.get_user_item(users.wechat_user_id("o-second")).linked_user_id is None


def test_two_accounts_verifying_one_phone_at_once_link_exactly_one(doors):
    callers = [doors.mini(f"o-racer-{n}") for n in range(4)]
    bodies = [code_for(doors) for _ in callers]
    start, statuses = threading.Barrier(len(callers)), []

    def race(caller, body):
        mine = Caller(doors.app.test_client(), caller.token)
        start.wait()
        statuses.append(mine.post("/api/v1/auth/phone", json=body).status_code)
    threads = [threading.Thread(target=race, args=pair) for pair in zip(callers, bodies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 409, 409, 409]
    winner = users.get_user_item(users.phone_user_id(PHONE)).linked_user_id
    linked = [n for n in range(4) if users.get_user_item(
        users.wechat_user_id(f"o-racer-{n}")).linked_user_id]
    assert [users.wechat_user_id(f"o-racer-{n}") for n in linked] == [winner]


def test_failed_checks_are_limited_per_hour_before_wechat_is_asked(doors):
    mini = doors.mini()
    for _ in range(phone_link.FAILED_PER_HOUR):
        assert_error(mini.post("/api/v1/auth/phone", json={"code": "wrong"}), 400,
                     "validation_error")
    asked = doors.wechat.phone_exchanges()
    error = assert_error(doors.verify(mini), 429, "rate_limited")
    assert error["fields"]["retry_after"] and doors.wechat.phone_exchanges() == asked


def test_only_a_logged_in_wechat_user_verifies_a_phone(doors):
    anonymous = Caller(doors.app.test_client())
    assert_error(anonymous.post("/api/v1/auth/phone", json={"code": "x"}), 401, "unauthorized")
    h5_code = phone_login.request_code(phone="13700000007", now=T0)
    sms = doors.sms.sends()[-1]
    assert "dev_code" not in h5_code and sms["PhoneNumbers"] == "13700000007"
    session = phone_login.verify_code(phone="13700000007", now=T0,
                                      code=json.loads(sms["TemplateParam"])["code"])
    h5_user = anonymous.with_token(session["token"])
    assert_error(h5_user.post("/api/v1/auth/phone", json=code_for(doors)), 403, "forbidden")
    office = anonymous.as_staff("office")
    assert_error(office.post("/api/v1/auth/phone", json=code_for(doors)), 403, "forbidden")


@pytest.mark.parametrize("body", [{}, {"code": ""}, {"code": 5}, {"code": "x" * 129}])
def test_a_missing_or_malformed_code_is_a_validation_error(doors, body):
    mini = doors.mini()
    assert_error(mini.post("/api/v1/auth/phone", json=body), 400, "validation_error", "code")
