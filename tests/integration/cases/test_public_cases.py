"""The public list: published cases past the deputy's acceptance, personal data masked."""
import json

import pytest

from tests.case_fixtures import Caller, assert_error, cast  # noqa: F401

pytestmark = pytest.mark.integration

PUBLIC = "/api/v1/public/cases"


def listed(caller, query="region_id=demo") -> list[dict]:
    return caller.ok("GET", f"{PUBLIC}?{query}")["items"]


def test_only_public_cases_past_the_deputys_acceptance_are_listed(cast):
    shown = {cast.case_at(status, public=True) for status in ("accepted", "replied", "closed")}
    for status in ("submitted", "withdrawn", "rejected"):
        cast.case_at(status, public=True)
    cast.case_at("accepted", public=False)
    cast.case_at("closed")
    assert {c["id"] for c in listed(cast.anonymous)} == shown


def test_a_published_case_masks_phone_numbers_and_shows_no_personal_data(cast):
    case_id = cast.case_at("accepted", public=True, content="路灯坏了，请联系我13812341234。",
                           contact_phone="13912345678",
                           location={"lat": 30.1, "lng": 120.2, "address": "城关镇东街12号"})
    cast.step(case_id, "reply", body={"content": "已联系电工15011112222处理。",
                                      "resolution": "resolved_on_spot"})
    [shown] = listed(cast.anonymous)
    assert shown["id"] == case_id
    assert shown["content"] == "路灯坏了，请联系我138****1234。"
    assert shown["timeline"][-1]["note"] == "已联系电工150****2222处理。"
    text = json.dumps(shown, ensure_ascii=False)
    owner_id = cast.anonymous.ok("POST", "/api/v1/auth/wechat",
                                 json={"code": "citizen-wang"})["user"]["id"]
    leaked = [secret for secret in (
        "13812341234", "13912345678", "15011112222", "城关镇东街", "30.1", "120.2", owner_id,
        "contact_phone", "location", "owner", "openid", "dev-citizen", "user_id")
        if secret in text]
    assert leaked == []


def test_filtering_by_category_lists_only_cases_of_that_category(cast):
    ecology = cast.case_at("accepted", public=True, category="ecology")
    cast.case_at("accepted", public=True, category="city_construction")
    assert [c["id"] for c in listed(cast.anonymous, "region_id=demo&category=ecology")] == [
        ecology]
    assert listed(cast.anonymous, "region_id=demo&category=agriculture") == []
    assert listed(cast.anonymous, "region_id=elsewhere") == []


def test_the_public_list_needs_a_region_id(client):
    for query in ("", "?region_id=", "?category=ecology"):
        assert_error(Caller(client).get(f"{PUBLIC}{query}"), 400, "validation_error",
                     "region_id")


def test_limit_one_and_the_cursor_walk_every_published_case_exactly_once(cast):
    published = {cast.case_at("accepted", public=True) for _ in range(3)}
    seen, cursor = [], None
    for _ in range(5):
        page = cast.anonymous.ok("GET", f"{PUBLIC}?region_id=demo&limit=1"
                                 + (f"&cursor={cursor}" if cursor else ""))
        assert len(page["items"]) <= 1
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(published) and cursor is None


def test_a_tampered_or_foreign_cursor_is_refused_with_400(cast):
    for _ in range(2):
        cast.case_at("accepted", public=True, category="ecology")
    cursor = cast.anonymous.ok("GET", f"{PUBLIC}?region_id=demo&limit=1")["next_cursor"]
    assert cursor
    payload, signature = cursor.rsplit(".", 1)
    tampered = {
        "signature changed": f"{payload}.{signature[::-1]}",
        "payload changed": f"{payload[:-2]}xx.{signature}",
        "garbage": "not-a-cursor",
    }
    for label, bad in tampered.items():
        assert_error(cast.anonymous.get(f"{PUBLIC}?region_id=demo&limit=1&cursor={bad}"),
                     400, "validation_error", "cursor")
    for other_list in ("region_id=demo&category=ecology", "region_id=elsewhere"):
        assert_error(cast.anonymous.get(f"{PUBLIC}?{other_list}&limit=1&cursor={cursor}"),
                     400, "validation_error", "cursor")
