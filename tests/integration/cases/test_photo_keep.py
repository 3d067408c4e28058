"""A photo a stored case shows is never removed as unattached: attaching claims it, keeps
its file (untag in S3, marker dropped locally), and only then writes the case; a keep that
fails fails the request (503 for an outage) with nothing shown; a pending file at or near
its expiry is refused, not kept (S3 may have queued it already); the local sweep removes
what the bucket rule removes, when it does, and never a file kept meanwhile."""
from datetime import datetime, timedelta, timezone

import pytest
from botocore.exceptions import ClientError, ReadTimeoutError

from functions.channels import files, local_files
from functions.shared import clock
from tests.case_fixtures import assert_error, body_of, case_body, cast  # noqa: F401
from tests.integration.cases.s3_bucket import BucketRule, s3, s3_endpoint, tags  # noqa: F401

pytestmark = pytest.mark.integration
CASES = "/api/v1/cases"
DAY = datetime(2026, 12, 1, tzinfo=timezone.utc)
PENDING = [{"Key": "pending", "Value": "1"}]


def upload_at(cast, moment: datetime, color=(1, 2, 3)) -> str:
    clock.set_now(moment)
    return cast.anonymous.as_citizen("citizen-wang").upload_photo(color)["file_id"]


def submit_at(cast, moment: datetime, idem: str, photos: list[str]):
    clock.set_now(moment)  # a new login: the day's token may have expired
    return cast.anonymous.as_citizen("citizen-wang").post(
        CASES, headers={"Idempotency-Key": idem},
        json=case_body(cast.entry_code(0), photos=photos))


def shown_photos(cast) -> list[str]:
    citizen = cast.anonymous.as_citizen("citizen-wang")
    return [p["file_id"] for c in citizen.ok("GET", f"{CASES}/mine")["items"]
            for p in citizen.ok("GET", f"{CASES}/{c['id']}")["case"]["photos"]]


def test_the_local_sweep_removes_what_the_bucket_rule_removes_when_it_does(cast):
    """S3 removes a pending object at its creation + 1 day rounded up to UTC midnight:
    everything uploaded on a day goes at the start of the day after next, and not before.
    The sweep runs every 15 minutes; a photo attached late stays for good."""
    early = upload_at(cast, DAY + timedelta(minutes=1))  # never attached
    mid = upload_at(cast, DAY + timedelta(hours=10), (4, 5, 6))  # attached the next evening
    late = upload_at(cast, DAY + timedelta(hours=23, minutes=58), (7, 8, 9))
    assert submit_at(cast, DAY + timedelta(hours=23, minutes=59), "late", [late]) \
        .status_code == 201
    store, at = files.active(), DAY
    while at < DAY + timedelta(days=1, hours=23, minutes=50):
        store.sweep_pending(at)
        at += timedelta(minutes=15)
    assert all(store.exists(f"uploads/{f}") for f in (early, mid, late))
    assert submit_at(cast, DAY + timedelta(days=1, hours=23, minutes=50), "mid", [mid]) \
        .status_code == 201
    store.sweep_pending(DAY + timedelta(days=2) - timedelta(microseconds=1))
    assert store.exists(f"uploads/{early}")
    from functions.cases import sweep
    assert sweep.run(now=DAY + timedelta(days=2))["unused_uploads_removed"] == 1
    assert not store.exists(f"uploads/{early}")
    assert sorted(shown_photos(cast)) == sorted([mid, late])
    assert all(store.exists(f"uploads/{f}") for f in (mid, late))


def test_a_photo_attached_while_the_sweep_removes_it_is_refused_never_shown_gone(
        cast, monkeypatch):
    """The sweep reads a marker, then removes the file: a request attaching the photo in
    between must not keep it and show it."""
    photo = upload_at(cast, DAY + timedelta(hours=2))
    sweep_at = DAY + timedelta(days=2, minutes=1)
    real_parse, answers = local_files.parse_iso, []

    def parse_then_attach(text):  # the sweep has read the marker: now a request attaches it
        if not answers:
            answers.append(submit_at(cast, sweep_at, "during-sweep", [photo]))
        return real_parse(text)
    monkeypatch.setattr(local_files, "parse_iso", parse_then_attach)
    files.active().sweep_pending(sweep_at)
    assert_error(answers[0], 400, "validation_error", "photos")
    assert shown_photos(cast) == []


def test_a_keep_racing_the_sweep_either_keeps_the_file_or_says_it_is_gone(store, monkeypatch):
    """Whoever takes the marker first wins: the sweep (the keep says gone) or the keep (the
    sweep leaves the file). Here the keep runs after the sweep read the marker."""
    from functions.cases.uploads import store_upload
    from tests.case_fixtures import image_bytes
    clock.set_now(DAY + timedelta(hours=2))
    key = "uploads/" + store_upload(owner_id="u1", filename="p.jpg", content_type="image/jpeg",
                                    data=image_bytes())["file_id"]
    local = files.active()
    real_parse, kept = local_files.parse_iso, []

    def parse_then_keep(text):
        if not kept:  # a keep whose own clock said the file was not due yet
            kept.append(local.keep(key, too_late=False))
        return real_parse(text)
    monkeypatch.setattr(local_files, "parse_iso", parse_then_keep)
    removed = local.sweep_pending(DAY + timedelta(days=2))
    assert (kept, removed, local.exists(key)) in (([True], 0, True), ([False], 1, False))


def test_in_s3_a_pending_photo_past_its_expiry_is_refused_not_untagged(cast, s3):
    """The rule queued the file at its expiry; an untag then does not promise to save it."""
    rule = BucketRule(s3)
    queued_photo = upload_at(cast, DAY + timedelta(hours=10))
    kept_in_time = upload_at(cast, DAY + timedelta(hours=11), (4, 5, 6))
    assert submit_at(cast, DAY + timedelta(days=1, hours=23, minutes=50), "in-time",
                     [kept_in_time]).status_code == 201
    assert tags(s3, f"uploads/{kept_in_time}") == []
    assert rule.evaluate(DAY + timedelta(days=2)) == [f"uploads/{queued_photo}"]
    late = submit_at(cast, DAY + timedelta(days=2, minutes=30), "too-late", [queued_photo])
    rule.remove_queued()
    assert_error(late, 400, "validation_error", "photos")
    assert shown_photos(cast) == [kept_in_time]
    s3.head_object(Bucket="photos", Key=f"uploads/{kept_in_time}")


def test_in_s3_a_photo_kept_before_may_show_again_after_its_expiry(cast, s3):
    """Past its expiry only a file still tagged is refused: one kept before (a case's
    earlier progress, a retry after a failed write) is read untagged and attached."""
    from functions.cases.uploads import keep_photos
    photo = upload_at(cast, DAY + timedelta(hours=10))
    assert keep_photos([photo], clock.now()) == []
    assert keep_photos([photo], DAY + timedelta(days=5)) == []
    assert tags(s3, f"uploads/{photo}") == []


def s3_error(code: str, status: int):
    return ClientError({"Error": {"Code": code, "Message": code},
                        "ResponseMetadata": {"HTTPStatusCode": status}}, "DeleteObjectTagging")


@pytest.mark.parametrize("failure", ["s3-500", "s3-slow-down", "timeout", "timeout-after-untag"])
def test_in_s3_an_untag_that_fails_fails_the_request_503_and_shows_nothing(
        cast, s3, monkeypatch, failure):
    """Claimed, then the untag fails: no case is written (nothing shows an unkept photo);
    the claim is let go (test_photo_claims_after_failure.py) and the retry of the same key
    claims and attaches it."""
    photo = upload_at(cast, DAY + timedelta(hours=10))
    client = files.active().client
    real_untag = client.delete_object_tagging

    def failing_untag(**kwargs):
        if failure == "timeout-after-untag":
            real_untag(**kwargs)
        if failure.startswith("timeout"):
            raise ReadTimeoutError(endpoint_url="s3")
        raise s3_error(*{"s3-500": ("InternalError", 500),
                         "s3-slow-down": ("SlowDown", 503)}[failure])
    monkeypatch.setattr(client, "delete_object_tagging", failing_untag)
    response = submit_at(cast, DAY + timedelta(hours=11), "first", [photo])
    assert_error(response, 503, "unavailable")
    assert shown_photos(cast) == []
    monkeypatch.setattr(client, "delete_object_tagging", real_untag)
    assert submit_at(cast, DAY + timedelta(hours=12), "first", [photo]).status_code == 201
    assert shown_photos(cast) == [photo] and tags(s3, f"uploads/{photo}") == []


def test_in_s3_an_untag_refused_for_good_is_an_internal_error_and_shows_nothing(
        cast, s3, monkeypatch):
    photo = upload_at(cast, DAY + timedelta(hours=10))
    client = files.active().client

    def refused(**kwargs):
        raise s3_error("AccessDenied", 403)
    monkeypatch.setattr(client, "delete_object_tagging", refused)
    assert_error(submit_at(cast, DAY + timedelta(hours=11), "denied", [photo]), 500,
                 "internal_error")
    assert shown_photos(cast) == [] and tags(s3, f"uploads/{photo}") == PENDING


class Died(BaseException):
    """The process ends here (Lambda timeout, a killed worker): no handler runs."""


@pytest.mark.parametrize("dies_in", ["keep", "write"])
def test_in_s3_a_request_that_dies_between_steps_never_shows_an_unkept_photo(
        cast, s3, monkeypatch, dies_in):
    """Dead after the claim (before the untag): the file stays pending and goes at its
    expiry, nothing shows it. Dead after the untag (before the case's write): the file is
    kept with nothing showing it. Either way a retry before the expiry attaches it."""
    from functions.cases import photo_claims, repository, submission
    photo = upload_at(cast, DAY + timedelta(hours=10))
    clock.set_now(DAY + timedelta(hours=11))
    target = (photo_claims, "keep_files") if dies_in == "keep" else (repository, "create")

    def die(*args, **kwargs):
        raise Died()
    monkeypatch.setattr(*target, die)
    citizen = {"user_id": _user_id(cast), "kind": "user", "roles": ["citizen"]}
    with pytest.raises(Died):
        submission.submit(actor=citizen, idempotency_key="dies", now=clock.now(),
                          body=case_body(cast.entry_code(0), photos=[photo]))
    monkeypatch.undo()
    assert shown_photos(cast) == []
    assert tags(s3, f"uploads/{photo}") == (PENDING if dies_in == "keep" else [])
    assert submit_at(cast, DAY + timedelta(days=1, hours=20), "dies", [photo]).status_code == 201
    assert shown_photos(cast) == [photo] and tags(s3, f"uploads/{photo}") == []
    assert BucketRule(s3).evaluate(DAY + timedelta(days=3)) == []


def _user_id(cast) -> str:
    from functions.identity import tokens
    return tokens.verify(cast.anonymous.as_citizen("citizen-wang").token)["id"]
