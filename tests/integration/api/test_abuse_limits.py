"""Abuse limits answer 429 rate_limited with retry_after, and count under parallel load."""
from datetime import datetime, timedelta, timezone

import pytest

from functions.shared import clock
from functions.identity.binding import BIND_CODE_DAYS, WRONG_PER_ADDRESS, WRONG_PER_USER
from tests.case_fixtures import assert_error, case_body, cast, live_cast  # noqa: F401

pytestmark = pytest.mark.integration

BIND = "/api/v1/deputy/bind"


def test_a_bind_code_expires_after_thirty_days(cast):
    issued = clock.now()
    clock.set_now(issued + timedelta(days=BIND_CODE_DAYS, minutes=1))
    late = cast.anonymous.as_citizen("late-deputy")
    assert_error(late.post(BIND, json={"bind_code": cast.seeded_deputies[0]["bind_code"]}),
                 404, "not_found")


def test_wrong_bind_codes_are_limited_per_user_then_429_even_for_the_right_one(cast):
    guesser = cast.anonymous.as_citizen("guesser")
    for n in range(WRONG_PER_USER):
        assert_error(guesser.post(BIND, json={"bind_code": f"WRONG{n}"}), 404, "not_found")
    refused = guesser.post(BIND, json={"bind_code": cast.seeded_deputies[0]["bind_code"]})
    assert_error(refused, 429, "rate_limited", "retry_after")
    assert int(refused.headers["Retry-After"]) > 0
    other = cast.anonymous.as_citizen("honest")
    other.ok("POST", BIND, json={"bind_code": cast.seeded_deputies[0]["bind_code"]})


def test_wrong_bind_codes_are_limited_per_address_across_users(cast):
    for n in range(WRONG_PER_ADDRESS):
        user = cast.anonymous.as_citizen(f"farm-{n // WRONG_PER_USER}")
        user.post(BIND, json={"bind_code": f"WRONG{n}"},
                  environ_base={"REMOTE_ADDR": "10.9.9.9"})
    fresh = cast.anonymous.as_citizen("farm-new")
    assert_error(fresh.post(BIND, json={"bind_code": "WRONGX"},
                            environ_base={"REMOTE_ADDR": "10.9.9.9"}), 429, "rate_limited")
    assert_error(fresh.post(BIND, json={"bind_code": "WRONGX"},
                            environ_base={"REMOTE_ADDR": "10.9.9.8"}), 404, "not_found")


def test_a_citizen_submits_ten_cases_an_hour_and_thirty_a_day(cast):
    start = datetime(2026, 12, 1, 1, 0, tzinfo=timezone.utc)
    clock.set_now(start)
    first = cast.submit("flood", key="f-0")
    for n in range(1, 10):
        cast.submit("flood", key=f"f-{n}")
    citizen = cast.citizen("flood")
    body = case_body(cast.entry_code(0))
    refused = citizen.post("/api/v1/cases", json=body, headers={"Idempotency-Key": "f-10"})
    assert_error(refused, 429, "rate_limited", "retry_after")
    assert int(refused.headers["Retry-After"]) == 3600
    again = citizen.post("/api/v1/cases", json=case_body(cast.entry_code(0)),
                         headers={"Idempotency-Key": "f-0"})
    assert again.status_code == 200 and again.get_json()["case"]["id"] == first["id"]
    cast.submit("someone-else", key="other-1")  # the limit is the citizen's own
    for hour in (1, 2):
        clock.set_now(start + timedelta(hours=hour))
        for n in range(10):
            cast.submit("flood", key=f"h{hour}-{n}")
    clock.set_now(start + timedelta(hours=3))
    refused = citizen.post("/api/v1/cases", json=body, headers={"Idempotency-Key": "day-31"})
    assert_error(refused, 429, "rate_limited")
    clock.set_now(start + timedelta(days=1))
    cast.submit("flood", key="next-day")


def test_retries_of_a_stored_case_never_count_against_the_limit(cast):
    clock.set_now(datetime(2026, 12, 1, 4, 0, tzinfo=timezone.utc))
    cast.submit("careful", key="r-0")
    citizen = cast.citizen("careful")
    for _ in range(3):
        again = citizen.post("/api/v1/cases", json=case_body(cast.entry_code(0)),
                             headers={"Idempotency-Key": "r-0"})
        assert again.status_code == 200
    for n in range(1, 10):  # nine more new cases: ten in the hour, the retries none of them
        cast.submit("careful", key=f"r-{n}")
    refused = citizen.post("/api/v1/cases", json=case_body(cast.entry_code(0)),
                           headers={"Idempotency-Key": "r-10"})
    assert_error(refused, 429, "rate_limited", "retry_after")
    clock.set_now(datetime(2026, 12, 1, 5, 0, tzinfo=timezone.utc))
    later = citizen.post("/api/v1/cases", json=case_body(cast.entry_code(0)),
                         headers={"Idempotency-Key": "r-10"})
    assert later.status_code == 201  # the refusal stored nothing: this is a new case


def test_parallel_submissions_never_pass_the_limit(live_cast):
    from concurrent.futures import ThreadPoolExecutor
    citizen = live_cast.citizen("burst")
    body = case_body(live_cast.entry_code(0))

    def submit(n):
        return citizen.post("/api/v1/cases", json=body,
                            headers={"Idempotency-Key": f"b-{n}"}).status_code
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(submit, range(30)))
    assert set(statuses) <= {201, 429} and statuses.count(201) == 10
    assert statuses.count(429) == 20


def test_parallel_tries_of_one_key_count_as_one_case(live_cast):
    from concurrent.futures import ThreadPoolExecutor
    clock.set_now(datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc))
    citizen = live_cast.citizen("twice")
    photo = citizen.upload_photo()["file_id"]
    body = case_body(live_cast.entry_code(0), photos=[photo])

    def submit(key, with_photo=True):
        return citizen.post("/api/v1/cases", json=body if with_photo else case_body(
            live_cast.entry_code(0)), headers={"Idempotency-Key": key}).status_code
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = sorted(pool.map(submit, ["same"] * 4))
    assert statuses == [200, 200, 200, 201]
    assert submit("other") == 409  # the losers left the photo to the case, uncounted
    # The losers gave their places back: nine more new cases fit in the hour, not six.
    assert [submit(f"n-{n}", with_photo=False) for n in range(9)] == [201] * 9
    assert submit("n-9", with_photo=False) == 429


def test_parallel_tries_of_one_key_at_the_hours_last_place_all_get_the_case(live_cast):
    """The tries that lost the last place to their own twin are the same case: not 429."""
    from concurrent.futures import ThreadPoolExecutor
    clock.set_now(datetime(2026, 12, 1, 7, 0, tzinfo=timezone.utc))
    citizen = live_cast.citizen("last-place")
    body = case_body(live_cast.entry_code(0))
    for n in range(9):
        citizen.ok("POST", "/api/v1/cases", 201, json=body, headers={"Idempotency-Key": f"{n}"})

    def submit(key):
        return citizen.post("/api/v1/cases", json=body,
                            headers={"Idempotency-Key": key}).status_code
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = sorted(pool.map(submit, ["tenth"] * 4))
    assert statuses == [200, 200, 200, 201]
    assert submit("eleventh") == 429


def test_uploads_have_a_daily_allowance_that_parallel_requests_cannot_pass(live_cast):
    from concurrent.futures import ThreadPoolExecutor
    from functions.cases.upload_allowance import FILES_PER_DAY
    from tests.case_fixtures import image_bytes
    citizen = live_cast.citizen("uploader")
    files = {"file": ("p.jpg", image_bytes(), "image/jpeg")}

    def upload(caller=citizen):
        return caller.post("/api/v1/uploads", json=None, files=files)
    for _ in range(FILES_PER_DAY - 5):
        assert upload().status_code == 201
    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(lambda _: upload().status_code, range(10)))
    assert sorted(statuses) == [201] * 5 + [429] * 5
    assert_error(upload(), 429, "rate_limited", "retry_after")
    assert upload(live_cast.citizen("another-uploader")).status_code == 201


def test_an_image_over_forty_megapixels_is_refused_before_it_is_stored(cast, store):
    import io
    import os
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("1", (8000, 5001)).save(buffer, "PNG")
    assert_error(cast.citizen().upload(buffer.getvalue(), "big.png", "image/png"),
                 400, "validation_error", "file")
    assert not os.path.exists(os.path.join(store.upload_dir, "objects", "uploads")) or \
        os.listdir(os.path.join(store.upload_dir, "objects", "uploads")) == []


def test_posting_subscriptions_in_a_loop_cannot_inflate_the_credits(cast):
    from functions.notifications.credit_accepts import MAX_CREDITS
    citizen = cast.citizen("looper")
    answers = {"dev-tpl-new-case": "accept"}
    last = None
    for _ in range(MAX_CREDITS + 5):
        last = citizen.post("/api/v1/subscriptions", json={"results": answers})
    assert_error(last, 429, "rate_limited", "retry_after")
    shown = citizen.ok("POST", "/api/v1/subscriptions",
                       json={"results": {"dev-tpl-new-case": "reject"}})["credits"]
    assert shown == {"dev-tpl-new-case": MAX_CREDITS}


def test_one_call_reports_at_most_the_three_templates_a_popup_asks_for(cast):
    four = {"dev-tpl-new-case": "accept", "dev-tpl-case-progress": "accept",
            "dev-tpl-case-answered": "accept", "dev-tpl-deadline-reminder": "accept"}
    assert_error(cast.citizen().post("/api/v1/subscriptions", json={"results": four}),
                 400, "validation_error", "results")


def test_the_h5_form_past_the_limit_says_so_and_stores_no_photo(client, seeded, store):
    import io
    import os
    from tests.h5_client import H5, hidden, jpeg, text
    clock.set_now(datetime(2026, 12, 1, 3, 0, tzinfo=timezone.utc))
    browser = H5(client)
    browser.log_in()
    code = seeded["deputies"][0]["entry_code"]
    for n in range(10):
        photos = [(jpeg(), "p.jpg")] if n == 0 else ()
        assert browser.submit(code, content=f"第{n}件", photos=photos).status_code == 303
    uploads = os.path.join(store.upload_dir, "objects", "uploads")
    before = len(os.listdir(uploads))
    assert before == 1  # photos of a form land here
    page = text(browser.get(f"/q/{code}"))
    refused = client.post(f"/q/{code}", content_type="multipart/form-data", data={
        **hidden(page), "category": "city_construction", "type": "request",
        "content": "第11件", "photos": [(io.BytesIO(jpeg()), "a.jpg")]})
    assert refused.status_code == 429 and "每人每小时最多提交10件" in text(refused)
    assert len(os.listdir(uploads)) == before
