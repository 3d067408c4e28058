"""The whole case loop over real HTTP against the app and a real local store."""
import pytest

from tests.api_client import assert_error

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def test_a_case_travels_from_citizen_to_unit_and_back_until_the_citizen_is_satisfied(
        api, seeded, settings):
    office = api.as_staff("office")
    unit = api.as_staff("unit1")
    deputy_body = office.ok("POST", "/api/v1/staff/deputies", 201, json={
        "name": "赵新民", "phone": "13900000011", "level": "county",
        "station": "城关镇代表联络站", "group": "城关镇代表小组"})["deputy"]
    entry_code, bind_code = deputy_body["entry_code"], deputy_body["bind_code"]

    qr = office.get(f"/api/v1/staff/deputies/{deputy_body['id']}/qr.png")
    assert qr.status_code == 200 and qr.headers["Content-Type"] == "image/png"
    from functions.channels.qr import qr_png
    assert qr.content == qr_png(f"{settings.public_base_url}/q/{entry_code}")

    deputy = api.as_citizen("deputy-zhao")
    bound = deputy.ok("POST", "/api/v1/deputy/bind", json={"bind_code": bind_code})
    assert "deputy" in bound["user"]["roles"] and bound["user"]["deputy_id"] == deputy_body["id"]
    deputy.token = bound["token"]
    from functions.deputies import get_deputy_item
    assert get_deputy_item(deputy_body["id"]).openid == "dev-deputy-zhao"  # for WeChat sends
    assert_error(api.as_citizen("someone-else").post(
        "/api/v1/deputy/bind", json={"bind_code": bind_code}), 404, "not_found")

    citizen = api.as_citizen("citizen-wang")
    opened = citizen.ok("GET", f"/api/v1/entry/{entry_code}")
    assert opened["kind"] == "deputy" and opened["deputy"]["name"] == "赵新民"
    assert len(opened["categories"]) == 8
    photos = [citizen.upload_photo()["file_id"], citizen.upload_photo((0, 90, 200), "PNG")["file_id"]]
    submitted = citizen.ok("POST", "/api/v1/cases", 201, headers={"Idempotency-Key": "k-1"}, json={
        "entry_code": entry_code, "category": "city_construction", "type": "request",
        "content": "东街路灯坏了三个月，晚上很黑。", "photos": photos,
        "location": {"lat": 30.1, "lng": 120.2, "address": "城关镇东街12号"},
        "contact_phone": "13812341234", "public": True})["case"]
    case_id = submitted["id"]
    assert submitted["status"] == "submitted" and len(submitted["photos"]) == 2
    again = citizen.ok("POST", "/api/v1/cases", 200, headers={"Idempotency-Key": "k-1"}, json={
        "entry_code": entry_code, "category": "city_construction", "type": "request",
        "content": "东街路灯坏了三个月，晚上很黑。", "photos": photos,
        "location": {"lat": 30.1, "lng": 120.2, "address": "城关镇东街12号"},
        "contact_phone": "13812341234", "public": True})["case"]
    assert again["id"] == case_id

    inbox = deputy.ok("GET", "/api/v1/deputy/inbox")
    assert [c["id"] for c in inbox["items"]] == [case_id] and inbox["counts"]["submitted"] == 1
    deputy.ok("POST", f"/api/v1/cases/{case_id}/accept")
    deputy.ok("POST", f"/api/v1/cases/{case_id}/forward", json={"note": "涉及路灯维修，请人大办交办"})

    queue = office.ok("GET", "/api/v1/staff/queue?status=forwarded")
    assert [c["id"] for c in queue["items"]] == [case_id]
    assigned = office.ok("POST", f"/api/v1/cases/{case_id}/assign", json={
        "unit_id": "u-housing", "note": "请五个工作日内签收"})["case"]
    assert assigned["status"] == "assigned" and set(assigned["deadlines"]) == {"sign", "answer"}
    published = office.ok("POST", f"/api/v1/cases/{case_id}/publish", json={"public": True})
    assert published["case"]["public_text"] == "东街路灯坏了三个月，晚上很黑。"

    assert [c["id"] for c in unit.ok("GET", "/api/v1/staff/queue")["items"]] == [case_id]
    unit.ok("POST", f"/api/v1/cases/{case_id}/sign")
    progress_photo = unit.upload_photo((20, 160, 20))["file_id"]
    unit.ok("POST", f"/api/v1/cases/{case_id}/progress",
            json={"content": "已安排电工现场查看。", "photos": [progress_photo]})
    unit.ok("POST", f"/api/v1/cases/{case_id}/answer", json={"content": "已更换三盏路灯。"})

    reopened = citizen.ok("POST", f"/api/v1/cases/{case_id}/rating",
                          json={"rating": "unsatisfied", "comment": "还有一盏不亮"})["case"]
    assert reopened["status"] == "assigned" and reopened["rehandle_count"] == 1
    unit.ok("POST", f"/api/v1/cases/{case_id}/sign")
    unit.ok("POST", f"/api/v1/cases/{case_id}/answer", json={"content": "第四盏也已修复。"})
    closed = citizen.ok("POST", f"/api/v1/cases/{case_id}/rating",
                        json={"rating": "satisfied"})["case"]

    assert closed["status"] == "closed" and closed["rating"]["rating"] == "satisfied"
    steps = [(e["actor_role"], e["action"], e["status"]) for e in closed["timeline"]]
    assert steps == [
        ("citizen", "submit", "submitted"), ("deputy", "accept", "accepted"),
        ("deputy", "forward", "forwarded"), ("office", "assign", "assigned"),
        ("unit", "sign", "in_progress"), ("unit", "progress", "in_progress"),
        ("unit", "answer", "answered"), ("citizen", "rate", "assigned"),
        ("unit", "sign", "in_progress"), ("unit", "answer", "answered"),
        ("citizen", "rate", "closed")]
    assert all(e["at"].endswith("Z") for e in closed["timeline"])
    assert closed["timeline"][5]["photos"][0]["file_id"] == progress_photo

    _everyone_involved_sees_the_same_case(citizen, deputy, office, unit, case_id, closed)
    _outsiders_see_nothing(api, case_id)
    _the_public_sees_it_masked(api, case_id)


def _everyone_involved_sees_the_same_case(citizen, deputy, office, unit, case_id, closed):
    for who in (citizen, deputy, office, unit):
        seen = who.ok("GET", f"/api/v1/cases/{case_id}")["case"]
        assert seen["timeline"] == closed["timeline"] or \
            [e["action"] for e in seen["timeline"]] == [e["action"] for e in closed["timeline"]]
        assert seen["contact_phone"] == "13812341234"
        assert "owner_id" not in seen and "outbox" not in seen


def _outsiders_see_nothing(api, case_id):
    assert_error(api.as_citizen("nosy-neighbour").get(f"/api/v1/cases/{case_id}"),
                 403, "forbidden")
    assert_error(api.get(f"/api/v1/cases/{case_id}"), 401, "unauthorized")


def _the_public_sees_it_masked(api, case_id):
    listed = api.ok("GET", "/api/v1/public/cases?region_id=demo")["items"]
    assert [c["id"] for c in listed] == [case_id]
    shown = listed[0]
    assert "contact_phone" not in shown and "location" not in shown and "owner_id" not in shown
    assert "13812341234" not in str(shown)
