"""Bad input is a 400 naming the field (413 when too big, 404 for unknown codes), never a
500, and a refused request writes nothing."""
import pytest

from tests.case_fixtures import (Caller, assert_error, body_of, case_body, cast,  # noqa: F401
                                 image_bytes, outcome)

pytestmark = pytest.mark.integration

MB = 1024 * 1024


def field_errors(caller, rows) -> dict:
    """label → (status, code, the fields named) for each (label, method, path, kwargs) row."""
    seen = {}
    for label, method, path, kwargs in rows:
        response = caller.call(method, path, **kwargs)
        error = (body_of(response) or {}).get("error") or {}
        seen[label] = (response.status_code, error.get("code"), sorted(error.get("fields") or {}))
    return seen


def test_each_invalid_case_is_refused_naming_its_field_and_nothing_is_written(cast):
    citizen = cast.citizen()
    strangers_photo = cast.citizen("stranger").upload_photo()["file_id"]
    invalid = {
        "unknown category": ("category", {"category": "weather"}),
        "unknown type": ("type", {"type": "complaint"}),
        "empty content": ("content", {"content": ""}),
        "whitespace-only content": ("content", {"content": " \n\t　 "}),
        "2001 characters": ("content", {"content": "路" * 2001}),
        "content as a number": ("content", {"content": 12345}),
        "ten photos": ("photos", {"photos": [f"f{i:016x}.{'0' * 20}" for i in range(10)]}),
        "someone else's photo": ("photos", {"photos": [strangers_photo]}),
        "photos as text": ("photos", {"photos": "abc"}),
        "short phone": ("contact_phone", {"contact_phone": "12345"}),
        "phone with a letter": ("contact_phone", {"contact_phone": "1381234123a"}),
        "phone as a number": ("contact_phone", {"contact_phone": 13812341234}),
        "latitude 91": ("location", {"location": {"lat": 91, "lng": 120.2}}),
        "longitude 181": ("location", {"location": {"lat": 30.1, "lng": 181}}),
        "latitude as text": ("location", {"location": {"lat": "30.1", "lng": 120.2}}),
        "latitude as a boolean": ("location", {"location": {"lat": True, "lng": 120.2}}),
        # JSON takes any number; below 1e-130 the store cannot hold one (once a 500).
        "latitude too small to store": ("location", {"location": {"lat": 1e-200, "lng": 0}}),
        "longitude of 5e-324": ("location", {"location": {"lat": 0, "lng": 5e-324}}),
        "location as text": ("location", {"location": "东街"}),
        "public as text": ("public", {"public": "yes"}),
        "public as a number": ("public", {"public": 1}),
        "no entry code": ("entry_code", {"entry_code": None}),
    }
    rows = [(label, "POST", "/api/v1/cases",
             {"json": {**case_body(cast.entry_code()), **change},
              "headers": {"Idempotency-Key": f"bad-{n}"}})
            for n, (label, (_, change)) in enumerate(invalid.items())]
    assert field_errors(citizen, rows) == {
        label: (400, "validation_error", [field]) for label, (field, _) in invalid.items()}
    assert citizen.ok("GET", "/api/v1/cases/mine")["items"] == []
    inbox = cast.deputy().ok("GET", "/api/v1/deputy/inbox")
    assert inbox["items"] == [] and set(inbox["counts"].values()) == {0}


def test_a_body_that_is_not_a_json_object_is_refused_with_400(client):
    citizen = Caller(client).as_citizen("wang")
    bodies = {
        "plain text": {"data": "hello", "content_type": "text/plain"},
        "form fields": {"data": {"content": "路灯"}},
        "broken JSON": {"data": '{"content": ', "content_type": "application/json"},
        "a JSON array": {"json": [{"content": "路灯"}]},
        "a JSON string": {"json": "路灯坏了"},
        "JSON null": {"data": "null", "content_type": "application/json"},
        "nothing": {},
    }
    rows = [(f"{label} to {path}", "POST", path,
             {**kwargs, "headers": {"Idempotency-Key": "k-1"}})
            for path in ("/api/v1/cases", "/api/v1/cases/any-case/reply")
            for label, kwargs in bodies.items()]
    assert field_errors(citizen, rows) == {
        label: (400, "validation_error", ["body"]) for label, *_ in rows}
    assert citizen.ok("GET", "/api/v1/cases/mine")["items"] == []


def test_an_unknown_entry_code_is_404_whether_opened_or_submitted_to(cast):
    citizen = cast.citizen()
    for code in ("ZZZZZZZZ", "no-such-code", "A" * 40):
        assert_error(citizen.get(f"/api/v1/entry/{code}"), 404, "not_found")
        assert_error(citizen.post("/api/v1/cases", json=case_body(code),
                                  headers={"Idempotency-Key": f"k-{code}"}), 404, "not_found")
    assert citizen.ok("GET", "/api/v1/cases/mine")["items"] == []
    assert cast.deputy().ok("GET", "/api/v1/deputy/inbox")["items"] == []


def test_an_upload_that_is_not_an_image_is_refused_naming_the_file(client):
    citizen = Caller(client).as_citizen("wang")
    uploads = {
        "text named .jpg": (b"just some words", "photo.jpg", "image/jpeg"),
        "a GIF": (image_bytes("GIF"), "photo.gif", "image/gif"),
        "a cut-off PNG": (image_bytes("PNG")[:40], "photo.png", "image/png"),
        "an empty file": (b"", "photo.jpg", "image/jpeg"),
    }
    seen = {label: outcome(citizen.upload(*args)) for label, args in uploads.items()}
    assert seen == {label: (400, "validation_error") for label in uploads}
    assert_error(citizen.post("/api/v1/uploads", data={}, content_type="multipart/form-data"),
                 400, "validation_error", "file")


def test_an_upload_over_10_mb_is_refused_with_413(client):
    citizen = Caller(client).as_citizen("wang")
    just_over = image_bytes("PNG") + b"\0" * (10 * MB)
    assert_error(citizen.upload(just_over, "big.png", "image/png"), 413, "payload_too_large")
    far_over = b"\0" * (11 * MB)
    assert_error(citizen.upload(far_over, "huge.jpg", "image/jpeg"), 413, "payload_too_large")


def test_each_invalid_step_is_refused_naming_its_field_and_the_case_is_unchanged(cast):
    at = {s: cast.case_at(s) for s in ("submitted", "accepted", "replied", "forwarded",
                                       "assigned", "in_progress")}
    before = {case_id: cast.read(case_id) for case_id in at.values()}
    strangers_photo = cast.citizen("stranger").upload_photo()["file_id"]
    deputy, office, unit, citizen = cast.deputy(), cast.office, cast.unit, cast.citizen()
    steps = [
        ("reply without resolution", deputy, "accepted", "reply", {"content": "答复"},
         ["resolution"]),
        ("reply with a bad resolution", deputy, "accepted", "reply",
         {"content": "答复", "resolution": "ignored"}, ["resolution"]),
        ("empty reply", deputy, "accepted", "reply",
         {"content": "  ", "resolution": "policy_answer"}, ["content"]),
        ("reject without reason", deputy, "submitted", "reject", {}, ["reason"]),
        ("reject with a 501-character reason", deputy, "submitted", "reject",
         {"reason": "理" * 501}, ["reason"]),
        ("an unknown rating", citizen, "replied", "rating", {"rating": "meh"}, ["rating"]),
        ("assign to no unit", office, "forwarded", "assign", {}, ["unit_id"]),
        ("assign to an unknown unit", office, "forwarded", "assign", {"unit_id": "u-none"},
         ["unit_id"]),
        ("co-unit same as lead", office, "forwarded", "assign",
         {"unit_id": "u-housing", "co_unit_ids": ["u-housing"]}, ["co_unit_ids"]),
        ("return without reason", unit, "assigned", "return", {"reason": ""}, ["reason"]),
        ("progress with someone else's photo", unit, "in_progress", "progress",
         {"content": "进展", "photos": [strangers_photo]}, ["photos"]),
        ("answer as a number", unit, "in_progress", "answer", {"content": 42}, ["content"]),
    ]
    seen = {label: field_errors(caller, [(label, "POST", f"/api/v1/cases/{at[status]}/{step}",
                                          {"json": body})])[label]
            for label, caller, status, step, body, _ in steps}
    assert seen == {label: (400, "validation_error", fields)
                    for label, *_, fields in steps}
    assert {case_id: cast.read(case_id) for case_id in at.values()} == before


def test_bad_list_parameters_are_refused_naming_the_parameter(cast):
    rows = [
        ("inbox status", cast.deputy(), "/api/v1/deputy/inbox?status=lost", "status"),
        ("queue status", cast.office, "/api/v1/staff/queue?status=lost", "status"),
        ("limit zero", cast.citizen(), "/api/v1/cases/mine?limit=0", "limit"),
        ("limit text", cast.citizen(), "/api/v1/cases/mine?limit=ten", "limit"),
        ("limit 1000", cast.citizen(), "/public/cases?region_id=demo&limit=1000", "limit"),
        ("foreign cursor", cast.citizen(), "/api/v1/cases/mine?cursor=abc.def", "cursor"),
    ]
    seen = {label: field_errors(caller, [(label, "GET", path if path.startswith("/api")
                                          else f"/api/v1{path}", {})])[label]
            for label, caller, path, _ in rows}
    assert seen == {label: (400, "validation_error", [field]) for label, *_, field in rows}


def test_unknown_submission_fields_are_ignored_and_never_set_what_the_server_decides(cast):
    """The contract's tolerant reader (NewCase in the OpenAPI document says so)."""
    from miniprogram_api.openapi import openapi_document
    assert openapi_document()["components"]["schemas"]["NewCase"]["additionalProperties"] is True
    extra = {"formId": "wx-form-1", "scene": 1011, "status": "closed", "id": "c-forged",
             "deputy_id": cast.deputy_id(1), "region_id": "r-other", "owner_id": "someone",
             "rehandle_count": 7, "public_text": "伪造", "photo": ["not-a-file-id"]}
    case = cast.citizen().ok("POST", "/api/v1/cases", 201, headers={"Idempotency-Key": "x"},
                             json={**case_body(cast.entry_code(0)), **extra})["case"]
    assert (case["status"], case["deputy_id"], case["rehandle_count"]) == (
        "submitted", cast.deputy_id(0), 0)
    assert case["id"] != "c-forged" and case["region_id"] != "r-other" and case["photos"] == []
    assert not {"formId", "scene", "owner_id", "photo"} & set(case)
    assert case.get("public_text") != "伪造"
    stored = cast.read(case["id"])
    assert stored["status"] == "submitted" and "formId" not in stored


def test_a_location_with_unknown_keys_is_refused_as_the_document_says(cast):
    from miniprogram_api.openapi import openapi_document
    location = openapi_document()["components"]["schemas"]["NewCase"]["properties"]["location"]
    assert location["additionalProperties"] is False
    response = cast.citizen().post("/api/v1/cases", headers={"Idempotency-Key": "loc"}, json={
        **case_body(cast.entry_code(0)), "location": {"lat": 30.1, "lng": 120.2, "name": "x"}})
    assert_error(response, 400, "validation_error", "location")
