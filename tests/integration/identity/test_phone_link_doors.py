"""One citizen, two doors: once the phone is verified in both, cases from either door are
the person's own in both (listed, shown, rated, withdrawn), old cases included."""
from datetime import timedelta

import pytest

from functions.identity import users
from functions.shared import clock
from tests.case_fixtures import assert_error
from tests.h5_client import deputy_of, text, to_replied
from tests.integration.identity.two_doors import PHONE, T0, doors, served_doors  # noqa: F401

pytestmark = pytest.mark.integration


def mine(mini) -> list[str]:
    return [c["id"] for c in mini.ok("GET", "/api/v1/cases/mine")["items"]]


@pytest.fixture(params=["test client", "real HTTP"])
def either(request):
    """The mini-program's calls through Flask's test client, or over real HTTP."""
    return request.getfixturevalue("served_doors" if request.param == "real HTTP" else "doors")


def test_a_wechat_case_is_seen_and_rated_at_the_h5_door_once_the_phone_is_verified(either):
    doors, mini = either, either.mini()
    case_id = doors.submit_mini(mini)  # before the link: it must show too
    verified = doors.verify(mini)
    assert verified.status_code == 200, mini.text_of(verified)
    assert mini.json_of(verified)["user"]["phone"] == PHONE
    assert mini.json_of(verified)["user"]["linked"] is True
    browser = doors.h5()
    assert f"/h5/mine/{case_id}" in text(browser.get("/h5/mine"))
    to_replied(case_id, deputy_of(doors.seeded))
    rated = browser.post_form(f"/h5/mine/{case_id}", f"/h5/mine/{case_id}/rate",
                              {"rating": "satisfied", "comment": "修好了"})
    assert rated.status_code == 303, text(rated)[:300]
    assert mini.ok("GET", f"/api/v1/cases/{case_id}")["case"]["status"] == "closed"


def test_an_h5_case_is_seen_and_withdrawn_in_the_mini_program_after_verifying(either):
    doors, browser = either, either.h5()
    h5_case = doors.submit_h5(browser)
    mini = doors.mini()
    assert_error(mini.get(f"/api/v1/cases/{h5_case}"), 403, "forbidden")  # strangers yet
    assert doors.verify(mini).status_code == 200
    clock.set_now(T0 + timedelta(minutes=5))
    wechat_case = doors.submit_mini(mini)
    assert mine(mini) == [wechat_case, h5_case]
    assert mini.ok("GET", f"/api/v1/cases/{h5_case}")["case"]["contact_phone"] is None
    withdrawn = mini.ok("POST", f"/api/v1/cases/{h5_case}/withdraw")["case"]
    assert withdrawn["status"] == "withdrawn"
    assert f"/h5/mine/{wechat_case}" in text(browser.get("/h5/mine"))  # same browser, at once


def test_a_phone_typed_with_a_country_code_and_dashes_is_the_same_person(doors):
    mini = doors.mini()
    case_id = doors.submit_mini(mini)
    doors.verify(mini)
    browser = doors.h5("+86 139-1234-5678")
    assert f"/h5/mine/{case_id}" in text(browser.get("/h5/mine"))


def test_another_citizens_cases_stay_out_of_both_doors(doors):
    stranger = doors.mini("o-stranger")
    theirs = doors.submit_mini(stranger)
    mini = doors.mini()
    doors.verify(mini)
    browser = doors.h5()
    assert mine(mini) == [] and f"/h5/mine/{theirs}" not in text(browser.get("/h5/mine"))
    assert_error(mini.get(f"/api/v1/cases/{theirs}"), 403, "forbidden")
    assert browser.get(f"/h5/mine/{theirs}").status_code == 403


def every_page(mini, limit: int) -> list[str]:
    seen, cursor = [], None
    while True:
        page = mini.ok("GET", f"/api/v1/cases/mine?limit={limit}" + (
            f"&cursor={cursor}" if cursor else ""))
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            return seen


def test_the_merged_list_pages_newest_first_without_gaps_or_repeats(doors):
    mini, browser = doors.mini(), doors.h5()
    made = []
    for minute in range(5):
        clock.set_now(T0 + timedelta(minutes=minute + 1))
        made.append(doors.submit_mini(mini) if minute % 2 else doors.submit_h5(browser))
    doors.verify(mini)
    assert every_page(mini, 2) == made[::-1]


def test_cases_made_in_the_same_second_at_both_doors_all_show_once(doors):
    mini, browser = doors.mini(), doors.h5()  # the clock stands still: equal created times
    made = {doors.submit_mini(mini) for _ in range(3)} | {doors.submit_h5(browser)
                                                          for _ in range(3)}
    doors.verify(mini)
    for limit in (1, 2, 4):
        seen = every_page(mini, limit)
        assert sorted(seen) == sorted(made), limit


def test_a_retry_after_linking_answers_the_user_without_asking_wechat_again(doors):
    mini = doors.mini()
    doors.verify(mini)
    asked = doors.wechat.phone_exchanges()
    again = mini.ok("POST", "/api/v1/auth/phone", json={"code": "already-used"})
    assert again["user"]["phone"] == PHONE and doors.wechat.phone_exchanges() == asked


def test_the_phone_user_points_back_at_exactly_one_wechat_user(doors):
    mini = doors.mini()
    doors.verify(mini)
    person = users.get_user_item(users.phone_user_id(PHONE))
    assert person.linked_user_id == users.wechat_user_id("o-citizen")
    assert person.roles == {"citizen"} and person.phone == PHONE


def test_news_of_an_h5_case_reaches_the_person_in_wechat_once_linked(doors):
    from functions.notifications import credits
    from tests.fakes.fixtures import TEMPLATES
    browser = doors.h5()
    case_id = doors.submit_h5(browser)
    mini = doors.mini()
    doors.verify(mini)
    credits.add_credits(user_id=users.wechat_user_id("o-citizen"),
                        template_id=TEMPLATES["case_progress"])
    doors.wechat.grant("o-citizen", TEMPLATES["case_progress"])
    to_replied(case_id, deputy_of(doors.seeded))
    asked = [r.json for r in doors.wechat.requests if r.path.endswith("subscribe/send")]
    # The H5 user has no openid: the person's WeChat door is asked (its credit spent).
    assert ("o-citizen", TEMPLATES["case_progress"]) in [(m["touser"], m["template_id"])
                                                          for m in asked]
