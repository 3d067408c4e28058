"""A case the citizen allowed to be public is listed only once the office approved its
public text; personal numbers are masked in it whatever the office typed."""
import pytest

from tests.case_fixtures import assert_error, cast  # noqa: F401

pytestmark = pytest.mark.integration

PUBLIC = "/api/v1/public/cases?region_id=demo"


def listed(cast) -> dict:
    return {c["id"]: c for c in cast.anonymous.ok("GET", PUBLIC)["items"]}


def test_a_public_case_waits_for_the_office_and_starts_from_the_masked_text(cast):
    case_id = cast.case_at("accepted", public=True, approved=False,
                           content="我叫李四，电话 +86 139-1234-5678，身份证11010519491231002X")
    assert case_id not in listed(cast)
    case = cast.publish(case_id)
    assert case["published"] is True
    assert "5678" in case["public_text"] and "1234-5678" not in case["public_text"]
    assert "11010519491231002X" not in case["public_text"]
    assert listed(cast)[case_id]["content"] == case["public_text"]


def test_the_office_edits_the_text_and_what_it_types_is_masked_again(cast):
    case_id = cast.case_at("accepted", public=True, approved=False, content="村口住户王五反映路灯坏了")
    cast.publish(case_id, public_text="村口住户反映路灯坏了，联系 13812345678 或 a.b@qq.com")
    shown = listed(cast)[case_id]["content"]
    assert shown == "村口住户反映路灯坏了，联系 138****5678 或 a***@qq.com"
    assert "王五" not in shown


def test_withdrawing_takes_it_out_of_the_public_list_at_once(cast):
    case_id = cast.case_at("replied", public=True)
    assert case_id in listed(cast)
    assert cast.publish(case_id, public=False)["published"] is False
    assert case_id not in listed(cast)


def test_only_the_office_of_the_region_may_publish(cast):
    case_id = cast.case_at("forwarded", public=True, approved=False)
    body = {"public": True}
    for caller in (cast.citizen(), cast.deputy(), cast.unit, cast.admin):
        assert_error(caller.post(f"/api/v1/cases/{case_id}/publish", json=body),
                     403, "forbidden")
    assert_error(cast.anonymous.post(f"/api/v1/cases/{case_id}/publish", json=body),
                 401, "unauthorized")
    assert case_id not in listed(cast)


def test_a_case_the_citizen_kept_private_cannot_be_published(cast):
    case_id = cast.case_at("accepted")
    assert_error(cast.office.post(f"/api/v1/cases/{case_id}/publish", json={"public": True}),
                 409, "conflict", "public")


def test_bad_publication_bodies_are_400(cast):
    case_id = cast.case_at("accepted", public=True, approved=False)
    path = f"/api/v1/cases/{case_id}/publish"
    for body, field in (({"public": "yes"}, "public"), ({}, "public"),
                        ({"public": True, "public_text": "x" * 2001}, "public_text"),
                        ({"public": True, "public_text": "  "}, "public_text")):
        assert_error(cast.office.post(path, json=body), 400, "validation_error", field)
    assert_error(cast.office.post("/api/v1/cases/nope/publish", json={"public": True}),
                 404, "not_found")


def test_the_admin_case_page_approves_and_withdraws(cast, client):
    from tests.integration.admin_helpers import admin_login
    case_id = cast.case_at("accepted", public=True, approved=False, content="电话13812345678")
    csrf = admin_login(client, "office")
    page = client.get(f"/admin/cases/{case_id}").get_data(as_text=True)
    assert "公开审核" in page and "138****5678" in page and "撤回公开" not in page
    client.post(f"/admin/cases/{case_id}/publish",
                data={"csrf_token": csrf, "public": "1", "public_text": "路灯坏了 13812345678"})
    assert listed(cast)[case_id]["content"] == "路灯坏了 138****5678"
    assert "撤回公开" in client.get(f"/admin/cases/{case_id}").get_data(as_text=True)
    client.post(f"/admin/cases/{case_id}/publish", data={"csrf_token": csrf, "public": "0"})
    assert case_id not in listed(cast)


def test_the_submit_form_says_the_office_reviews_before_anything_is_public(client, seeded):
    from tests.h5_client import H5
    browser = H5(client)
    browser.log_in()
    page = client.get(f"/q/{seeded['deputies'][0]['entry_code']}").get_data(as_text=True)
    assert "公开前由人大办审核" in page
