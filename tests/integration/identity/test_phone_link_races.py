"""Verifying a phone while something else happens to the same people at the same moment."""
import threading

import pytest

from functions.identity import users
from tests.case_fixtures import Caller
from tests.integration.identity.two_doors import PHONE, doors  # noqa: F401

pytestmark = pytest.mark.integration
OTHER_PHONE = "13800000002"


def at_once(*calls) -> list:
    """Run the calls in threads released together; their results in order."""
    start, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(n, call):
        start.wait()
        results[n] = call()
    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_one_account_verifying_two_numbers_at_once_keeps_one_and_frees_the_other(doors):
    mini = doors.mini()
    bodies = [{"code": doors.wechat.phone_code(p)} for p in (PHONE, OTHER_PHONE)]
    statuses = at_once(*(lambda b=b: Caller(doors.app.test_client(), mini.token).post(
        "/api/v1/auth/phone", json=b).status_code for b in bodies))
    # Usually 200 and 409; 200 twice if one finished before the other read the caller.
    assert 200 in statuses and set(statuses) <= {200, 409}
    me = users.get_user_item(users.wechat_user_id("o-citizen"))
    kept, other = (PHONE, OTHER_PHONE) if me.phone == PHONE else (OTHER_PHONE, PHONE)
    assert me.linked_user_id == users.phone_user_id(kept)
    assert users.get_user_item(users.phone_user_id(kept)).linked_user_id == me.user_id
    freed = users.get_user_item(users.phone_user_id(other))
    assert freed is None or freed.linked_user_id is None  # another account may verify it


def test_h5_login_and_verification_of_the_same_number_at_once_meet_in_one_person(doors):
    mini = doors.mini()
    case_id = doors.submit_mini(mini)
    browsers = at_once(lambda: doors.h5(), lambda: doors.verify(mini))
    assert browsers[1].status_code == 200
    person = users.get_user_item(users.phone_user_id(PHONE))
    assert person.linked_user_id == users.wechat_user_id("o-citizen")
    assert person.roles == {"citizen"} and person.created_at
    assert f"/h5/mine/{case_id}" in browsers[0].get("/h5/mine").get_data(as_text=True)
