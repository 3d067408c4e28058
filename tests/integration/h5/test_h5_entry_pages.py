"""The H5 entry page `/q/<code>`: the deputy's card, the submit form, idempotent posts."""
import pytest

from functions.cases import lists as case_lists
from functions.shared import clock
from functions.identity import users
from functions.cases.uploads import owns
from tests.h5_client import (PHONE, approve, case_id_of, code, deputy_of, h5,  # noqa: F401
                             hidden, jpeg, move, text)

pytestmark = pytest.mark.integration


def mine():
    actor = {"kind": "user", "user_id": users.phone_user_id(PHONE), "roles": ["citizen"]}
    return case_lists.my_cases(actor=actor, now=clock.now())["items"]


def test_a_visitor_sees_the_deputys_card_and_a_login_box(client, code):
    page = text(client.get(f"/q/{code}"))
    assert "张建国" in page and "县（区）人大代表" in page and "城关镇代表联络站" in page
    assert "获取验证码" in page and 'id="submit-form"' not in page


def test_a_station_code_names_the_station_and_its_cases_go_to_the_office(h5, seeded):
    from functions.org import stations
    from tests.h5_client import OFFICE
    station = stations.add_station(actor=OFFICE, name="东山街道代表联络站")
    page = text(h5.get(f"/q/{station['entry_code']}"))
    assert "东山街道代表联络站" in page and "人大办接收办理" in page
    response = h5.submit(station["entry_code"])
    assert response.status_code == 303 and mine()[0]["deputy_id"] is None


def test_an_unknown_code_is_a_friendly_html_404(client, seeded):
    response = client.get("/q/NOSUCH99")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "二维码无效" in text(response)


def test_a_logged_in_citizen_gets_the_form_with_categories_types_and_their_phone(h5, code):
    page = text(h5.get(f"/q/{code}"))
    assert 'id="submit-form"' in page and "城市建设" in page and "意见建议" in page
    assert hidden(page)["idempotency_key"]
    assert f'value="{PHONE}"' in page


def test_each_render_carries_a_fresh_idempotency_key(h5, code):
    first, second = (hidden(text(h5.get(f"/q/{code}")))["idempotency_key"] for _ in range(2))
    assert first != second


def test_submitting_creates_the_case_with_photos_and_shows_it(h5, code):
    response = h5.submit(code, photos=[(jpeg(), "a.jpg"), (jpeg((0, 0, 0)), "b.jpg")],
                         public="1")
    assert response.status_code == 303 and response.headers["Location"].endswith("?new=1")
    [case] = mine()
    assert case["id"] == case_id_of(response) and case["status"] == "submitted"
    page = text(h5.get(response.headers["Location"]))
    assert "提交成功" in page and "村口路灯坏了三个月" in page and page.count("诉求照片") == 2


def test_photos_are_stored_as_the_citizens_own_uploads(h5, code, seeded):
    from functions.cases import handling
    response = h5.submit(code, photos=[(jpeg(), "a.jpg")])
    actor = {"kind": "user", "user_id": users.phone_user_id(PHONE), "roles": ["citizen"]}
    case = handling.get_case(case_id=case_id_of(response), actor=actor, now=clock.now())
    assert owns(case["photos"][0]["file_id"], users.phone_user_id(PHONE))


def test_posting_the_same_form_twice_makes_one_case(h5, code):
    page = text(h5.get(f"/q/{code}"))
    data = {**hidden(page), "category": "ecology", "type": "suggestion", "content": "河道要清淤"}
    first = h5.client.post(f"/q/{code}", data=dict(data))
    second = h5.client.post(f"/q/{code}", data=dict(data))
    assert first.headers["Location"] == second.headers["Location"]
    assert len(mine()) == 1


def test_a_form_with_a_photo_sent_twice_makes_one_case_and_stores_the_photo_once(h5, code):
    """A double tap without JavaScript, or a browser re-sending the post: files and all."""
    import io
    import os
    from functions.channels import files
    page = text(h5.get(f"/q/{code}"))
    data = {**hidden(page), "category": "ecology", "type": "suggestion", "content": "河道要清淤"}

    def post():
        return h5.client.post(f"/q/{code}", content_type="multipart/form-data",
                              data={**data, "photos": [(io.BytesIO(jpeg()), "a.jpg")]})
    first, second = post(), post()
    assert first.status_code == second.status_code == 303, text(second)[:300]
    assert first.headers["Location"] == second.headers["Location"]
    assert len(mine()) == 1 and text(h5.get(second.headers["Location"])).count("诉求照片") == 1
    assert len(os.listdir(os.path.join(files.active().root, "objects", "uploads"))) == 1


def test_the_same_form_reused_for_other_text_starts_a_fresh_form(h5, code):
    page = text(h5.get(f"/q/{code}"))
    data = {**hidden(page), "category": "ecology", "type": "suggestion"}
    h5.client.post(f"/q/{code}", data={**data, "content": "第一件"})
    again = h5.client.post(f"/q/{code}", data={**data, "content": "第二件"})
    assert again.status_code == 409 and "这张表单已经提交过了" in text(again)
    assert hidden(text(again))["idempotency_key"] != data["idempotency_key"]


def test_a_missing_content_shows_the_form_again_with_what_was_typed(h5, code):
    response = h5.submit(code, content="  ", contact_phone="1391234")
    page = text(response)
    assert response.status_code == 400
    assert "请填写内容" in page and "联系电话须为11位手机号" in page
    assert 'value="1391234"' in page and mine() == []


def test_a_form_posted_without_its_key_comes_back_with_a_fresh_one_that_submits(h5, code):
    refused = h5.submit(code, idempotency_key="")
    assert refused.status_code == 400 and mine() == []
    fresh = hidden(text(refused))["idempotency_key"]
    assert fresh
    response = h5.client.post(f"/q/{code}", data={
        **hidden(text(refused)), "category": "ecology", "type": "request", "content": "路灯坏了"})
    assert response.status_code == 303 and mine()[0]["id"] == case_id_of(response)


def test_photos_of_a_failed_post_ride_along_as_hidden_ids(h5, code):
    failed = h5.submit(code, content="", photos=[(jpeg(), "a.jpg")])
    carried = hidden(text(failed))["photo_ids"]
    assert "已保存 1 张照片，可再添加 8 张" in text(failed)
    assert 'data-max-photos="8"' in text(failed)  # h5.js refuses a 9th before uploading
    response = h5.client.post(f"/q/{code}", data={
        **hidden(text(failed)), "category": "ecology", "type": "request", "content": "补上内容"})
    assert response.status_code == 303 and mine()[0]["id"] == case_id_of(response)
    assert carried


def test_photos_of_a_form_kept_open_past_their_week_are_dropped_as_expired(h5, code):
    from datetime import timedelta
    from functions.cases.photo_day_claims import ATTACHABLE_DAYS
    day = clock.now()  # the fixture's moment (it logged in then), held still
    clock.set_now(day)
    failed = h5.submit(code, content="", photos=[(jpeg(), "a.jpg")])
    carried = hidden(text(failed))["photo_ids"]
    clock.set_now(day + timedelta(days=ATTACHABLE_DAYS + 1))
    h5.log_in(next_path=f"/q/{code}")  # the login of a week ago has expired
    late = h5.client.post(f"/q/{code}", data={
        **hidden(text(h5.get(f"/q/{code}"))), "photo_ids": carried, "category": "ecology",
        "type": "request", "content": "补上内容"})
    page = text(late)
    assert late.status_code == 400 and "照片已过期，请重新上传" in page
    assert "photo_ids" not in hidden(page) and mine() == []


def test_a_photo_already_in_a_case_is_dropped_from_a_second_form_not_attached_twice(
        h5, code):
    from functions.cases import handling
    first = h5.submit(code, photos=[(jpeg(), "a.jpg")])
    actor = {"kind": "user", "user_id": users.phone_user_id(PHONE), "roles": ["citizen"]}
    case = handling.get_case(case_id=case_id_of(first), actor=actor, now=clock.now())
    taken = case["photos"][0]["file_id"]
    again = h5.submit(code, content="另一件事", photo_ids=taken)
    page = text(again)
    assert again.status_code == 409 and "有照片已用于另一件诉求" in page
    assert "photo_ids" not in hidden(page) and first.status_code == 303 and len(mine()) == 1


def test_a_file_that_is_not_an_image_is_refused(h5, code):
    response = h5.submit(code, photos=[(b"%PDF-1.4 not an image", "x.jpg")])
    assert response.status_code == 400 and "照片最多9张" in text(response) and mine() == []


def test_photos_past_the_days_upload_allowance_are_named_not_the_case_limit(h5, code):
    from functions.cases import upload_allowance, uploads
    user = {"user_id": users.phone_user_id(PHONE)}
    for n in range(upload_allowance.FILES_PER_DAY):
        uploads.store_upload(owner_id=user["user_id"], filename="p.jpg",
                             content_type="image/jpeg", data=jpeg((n, 0, 0), size=(4, 3)))
    response = h5.submit(code, photos=[(jpeg(), "a.jpg")])
    assert response.status_code == 429 and mine() == []
    page = text(response)
    assert "今天上传的照片已达上限" in page and "每人每小时最多提交10件" not in page


def test_more_than_nine_photos_are_refused(h5, code):
    response = h5.submit(code, photos=[(jpeg(), f"{n}.jpg") for n in range(10)])
    assert response.status_code == 400 and mine() == []


def test_a_visitor_posting_the_form_is_sent_to_log_in(client, code):
    response = client.post(f"/q/{code}", data={"content": "x"})
    assert response.status_code == 303 and "/h5/login?next=/q/" in response.headers["Location"]


def test_a_script_in_the_content_is_shown_as_text(h5, code, seeded):
    response = h5.submit(code, content="<script>alert('x')</script>路灯", public="1")
    move(case_id_of(response), (deputy_of(seeded), "accept", {}))  # listed once accepted
    approve(case_id_of(response))
    for path in (response.headers["Location"], "/h5/mine", "/h5/public?region_id=demo"):
        page = text(h5.get(path))
        assert "<script>alert(" not in page, path
        assert "&lt;script&gt;alert(" in page, path
