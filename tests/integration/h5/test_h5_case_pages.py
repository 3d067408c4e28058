"""H5 case pages: following one's own cases, rating, withdrawing, and the public list."""
from datetime import timedelta

import pytest

from functions.shared import clock
from tests.h5_client import (H5, OFFICE, UNIT, approve, case_id_of, code, deputy_of, h5,  # noqa: F401
                             move, text, to_answered, to_replied)

pytestmark = pytest.mark.integration


@pytest.fixture
def case_id(h5, code):
    return case_id_of(h5.submit(code, contact_phone="13912345678"))


def test_my_cases_need_a_login_and_come_back_after_it(client, seeded):
    response = client.get("/h5/mine")
    assert response.status_code == 303
    assert response.headers["Location"] == "/h5/login?next=/h5/mine"


def test_my_cases_list_each_case_with_its_status_in_chinese(h5, case_id):
    page = text(h5.get("/h5/mine"))
    assert f"/h5/mine/{case_id}" in page and "已提交" in page and "城市建设" in page


def test_a_case_shows_its_timeline_and_offers_withdrawal_while_submitted(h5, case_id):
    page = text(h5.get(f"/h5/mine/{case_id}"))
    assert "提交诉求" in page and 'id="withdraw-form"' in page and 'id="rate-form"' not in page


def test_withdrawing_a_submitted_case(h5, case_id):
    response = h5.post_form(f"/h5/mine/{case_id}", f"/h5/mine/{case_id}/withdraw")
    assert response.status_code == 303
    page = text(h5.get(response.headers["Location"]))
    assert "已撤回" in page and 'id="withdraw-form"' not in page


def test_withdrawing_after_the_deputy_accepted_is_refused_kindly(h5, case_id, seeded):
    page_path = f"/h5/mine/{case_id}"
    token_page = h5.get(page_path)
    move(case_id, (deputy_of(seeded), "accept", {}))
    from tests.h5_client import hidden
    response = h5.client.post(f"{page_path}/withdraw", data=hidden(text(token_page)))
    assert response.status_code == 409 and "当前不能进行此操作" in text(response)
    assert "代表已受理" in text(response)


def test_a_replied_case_is_rated_satisfied_and_closes(h5, case_id, seeded):
    to_replied(case_id, deputy_of(seeded))
    page = text(h5.get(f"/h5/mine/{case_id}"))
    assert "代表已答复" in page and "本周内修复" in page and 'id="rate-form"' in page
    response = h5.post_form(f"/h5/mine/{case_id}", f"/h5/mine/{case_id}/rate",
                            {"rating": "satisfied", "comment": "修得很快"})
    page = text(h5.get(response.headers["Location"]))
    assert "已办结" in page and "您的评价：满意" in page and 'id="rate-form"' not in page


def test_an_answered_case_rated_unsatisfied_goes_back_to_the_unit(h5, case_id, seeded):
    to_answered(case_id, deputy_of(seeded))
    response = h5.post_form(f"/h5/mine/{case_id}", f"/h5/mine/{case_id}/rate",
                            {"rating": "unsatisfied", "comment": "还有一个没修"})
    page = text(h5.get(response.headers["Location"]))
    assert "已交办" in page and "不满意" in page and "还有一个没修" in page


def test_the_citizen_reads_the_deadlines_as_last_days(h5, case_id, seeded):
    from datetime import datetime, timezone
    clock.set_now(datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc))  # Monday 10:00
    move(case_id, (deputy_of(seeded), "accept", {}), (deputy_of(seeded), "forward", {}),
         (OFFICE, "assign", {"unit_id": "u-housing", "answer_working_days": 3}))
    page = text(h5.get(f"/h5/mine/{case_id}"))
    assert "承办单位答复期限：12月3日（周四）前" in page and "T16:00" not in page
    move(case_id, (UNIT, "sign", {}), (UNIT, "answer", {"content": "已修复"}))
    page = text(h5.get(f"/h5/mine/{case_id}"))
    assert "请于12月7日（周一）10:00前评价" in page  # seven days after the answer


def test_a_rating_must_be_chosen(h5, case_id, seeded):
    to_replied(case_id, deputy_of(seeded))
    response = h5.post_form(f"/h5/mine/{case_id}", f"/h5/mine/{case_id}/rate", {})
    assert response.status_code == 400 and "请选择评价" in text(response)


def test_someone_elses_case_is_not_shown(h5, case_id, app):
    other = H5(app.test_client())
    other.log_in(phone="13700000000")
    response = other.get(f"/h5/mine/{case_id}")
    assert response.status_code == 403 and "村口路灯" not in text(response)
    assert f"/h5/mine/{case_id}" not in text(other.get("/h5/mine"))


def test_the_public_list_masks_phone_numbers_and_hides_private_cases(h5, code, seeded):
    public = case_id_of(h5.submit(code, content="请拨打13912345678联系我", public="1"))
    private = case_id_of(h5.submit(code, content="这件不公开"))
    for case_id in (public, private):
        move(case_id, (deputy_of(seeded), "accept", {}))
    approve(public)
    page = text(h5.get("/h5/public?region_id=demo"))
    assert "139****5678" in page and "13912345678" not in page
    assert "这件不公开" not in page and "示例县公开诉求" in page


def test_the_public_list_filters_by_category_and_pages_by_cursor(h5, code, seeded):
    for n in range(11):
        if n == 10:  # a citizen submits at most 10 an hour
            clock.set_now(clock.now() + timedelta(hours=1))
        case_id = case_id_of(h5.submit(code, content=f"第{n}号意见", public="1",
                                       category="ecology" if n else "economy"))
        move(case_id, (deputy_of(seeded), "accept", {}))
        approve(case_id)
    first = text(h5.get("/h5/public?region_id=demo&category=ecology"))
    assert first.count('<li class="card stack">') == 10 and "第0号意见" not in first
    next_link = first.split('href="/h5/public?')[-1].split('"')[0].replace("&amp;", "&")
    assert "cursor=" in next_link
    rest = text(h5.get(f"/h5/public?{next_link}"))
    assert "下一页" not in rest and "回到第一页" in rest
    assert "第0号意见" in text(h5.get("/h5/public?region_id=demo&category=economy"))


def test_the_public_list_needs_a_known_region(client, seeded):
    assert "请选择行政区" in client.get("/h5/public").get_data(as_text=True)
    assert client.get("/h5/public?region_id=nowhere").status_code == 404


def test_a_rating_form_sent_twice_rates_once(h5, case_id, seeded):
    to_answered(case_id, deputy_of(seeded))
    from tests.h5_client import hidden
    fields = {**hidden(text(h5.get(f"/h5/mine/{case_id}"))), "rating": "unsatisfied",
              "comment": "还有一个没修"}
    sent = [h5.client.post(f"/h5/mine/{case_id}/rate", data=fields) for _ in range(2)]
    assert [r.status_code for r in sent] == [303, 303]
    from functions.cases import repository
    stored = repository.get(case_id)
    assert [e["action"] for e in stored["timeline"]].count("rate") == 1
    assert (stored["status"], stored["rehandle_count"]) == ("assigned", 1)
