"""H5 phone login: SMS codes throttled as Aliyun does, hashed, single use, expiring."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.identity import tokens as auth_tokens, phone_login, users
from functions.shared import clock
from functions.shared.errors import RateLimited, Unauthorized, ValidationFailed
from functions.storage.notification_models import NotificationItem

pytestmark = pytest.mark.integration
PHONE = "13912345678"
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=timezone.utc)


def ask(at=T0, phone=PHONE, **options):
    clock.set_now(at)
    return phone_login.request_code(phone=phone, now=at, **options)


def verify(code, at=T0, phone=PHONE):
    clock.set_now(at)
    return phone_login.verify_code(phone=phone, code=code, now=at)


def wrong(code):
    return f"{(int(code) + 1) % 10 ** 6:06d}"


def test_a_dev_mode_code_logs_in_the_phone_user_created_with_the_phone(store):
    answer = ask()
    assert answer["sent_to"] == "139****5678" and len(answer["dev_code"]) == 6
    session = verify(answer["dev_code"])
    claims = auth_tokens.verify(session["token"])
    assert claims["id"] == users.phone_user_id(PHONE) == session["user"]["id"]
    assert session["user"]["roles"] == ["citizen"] and set(claims) == {"kind", "id", "generation"}
    assert users.get_user_item(claims["id"]).phone == PHONE


def test_a_dev_mode_code_is_recorded_for_the_developer_with_a_masked_phone(store):
    from functions.org import regions
    regions.create_region(region_id="demo", name="示例县")  # login starts from its QR page
    answer = ask(region_id="demo")
    [record] = list(NotificationItem.query("REGION#demo"))
    assert (record.channel, record.event, record.result) == ("sms", "verification_code",
                                                              "recorded")
    assert record.recipient == "139****5678"
    assert record.payload == {"code": answer["dev_code"]}


@pytest.mark.parametrize("phone", ["1391234567", "23912345678", "139-1234-567", None, 139])
def test_only_a_mainland_mobile_number_gets_a_code(store, phone):
    with pytest.raises(ValidationFailed) as raised:
        ask(phone=phone)
    assert "phone" in raised.value.fields


def test_a_number_typed_with_country_code_spaces_or_dashes_is_the_same_phone_user(store):
    answer = ask(phone="+86 139-1234-5678")
    assert answer["sent_to"] == "139****5678"
    session = verify(answer["dev_code"], phone="１３９ １２３４ ５６７８")
    assert session["user"]["id"] == users.phone_user_id(PHONE)


def test_one_code_a_minute_per_phone(store):
    ask()
    with pytest.raises(RateLimited) as raised:
        ask(T0 + timedelta(seconds=59))
    assert raised.value.fields["retry_after"] == "2026-03-02T01:01:00Z"
    ask(T0 + timedelta(seconds=60))


def test_five_codes_an_hour_per_phone(store):
    for minute in range(5):
        ask(T0 + timedelta(minutes=minute * 2))
    with pytest.raises(RateLimited) as raised:
        ask(T0 + timedelta(minutes=30))
    assert raised.value.fields["retry_after"] == "2026-03-02T02:00:00Z"
    ask(T0 + timedelta(hours=1))


def test_ten_codes_a_day_per_phone(store):
    for hour in range(10):
        ask(T0 + timedelta(hours=hour * 2))
    with pytest.raises(RateLimited) as raised:
        ask(T0 + timedelta(hours=21))
    assert raised.value.fields["retry_after"] == "2026-03-03T01:00:00Z"


def test_another_phone_is_not_held_up(store):
    ask()
    ask(phone="13912345679")


def test_one_address_may_ask_only_so_often_an_hour(store):
    for n in range(phone_login.IP_LIMIT_PER_HOUR):
        ask(phone=f"1370000{n:04d}", ip="10.0.0.9")
    with pytest.raises(RateLimited):
        ask(phone="13800009999", ip="10.0.0.9")
    ask(phone="13800009999", ip="10.0.0.10")
    ask(T0 + timedelta(hours=1), phone="13800009998", ip="10.0.0.9")


def test_a_wrong_code_says_how_many_tries_are_left(store):
    code = ask()["dev_code"]
    with pytest.raises(Unauthorized) as raised:
        verify(wrong(code))
    assert raised.value.fields == {"code": "wrong", "tries_left": 4}


def test_after_five_wrong_tries_even_the_right_code_is_refused(store):
    code = ask()["dev_code"]
    for _ in range(phone_login.MAX_TRIES):
        with pytest.raises(Unauthorized):
            verify(wrong(code))
    with pytest.raises(RateLimited):
        verify(code)


def test_four_wrong_tries_still_leave_the_right_code_usable(store):
    code = ask()["dev_code"]
    for _ in range(phone_login.MAX_TRIES - 1):
        with pytest.raises(Unauthorized):
            verify(wrong(code))
    assert verify(code)["token"]


def test_a_code_expires_after_five_minutes(store):
    code = ask()["dev_code"]
    with pytest.raises(Unauthorized) as raised:
        verify(code, T0 + timedelta(minutes=5))
    assert raised.value.fields["code"] == "expired"
    assert verify(ask(T0 + timedelta(minutes=5))["dev_code"], T0 + timedelta(minutes=9))


def test_a_code_logs_in_once(store):
    code = ask()["dev_code"]
    verify(code)
    with pytest.raises(Unauthorized):
        verify(code)


def test_a_new_code_replaces_the_old_one(store):
    old = ask()["dev_code"]
    new = ask(T0 + timedelta(minutes=1))["dev_code"]
    if old != new:
        with pytest.raises(Unauthorized):
            verify(old, T0 + timedelta(minutes=1))
    assert verify(new, T0 + timedelta(minutes=1))


def test_the_code_is_stored_only_as_a_hash(store):
    code = ask()["dev_code"]
    item = phone_login._code_item(PHONE)
    assert code not in item.code_hash and len(item.code_hash) == 64


@pytest.mark.parametrize("code", ["12345", "1234567", "abcdef", None])
def test_a_code_must_be_six_digits(store, code):
    ask()
    with pytest.raises(ValidationFailed):
        verify(code)
