"""An upload belongs to one thing: the first case, duty record or project to attach it.

A photo may be attached on its upload day and the ATTACHABLE_DAYS after (the day is read
from its file id: no read); later it is refused (`PhotoExpired`, 400). Its claim lives on
its uploader's item of that UTC day (functions/cases/photo_day_claims.py), taken by one
conditional write per day; a photo another holder has is refused (`PhotoTaken`, 409). Its
file is kept for good before the write that shows it (`keep_files`). A request refused, or
failing (503, 500), lets go what it claimed anew and its record does not show (`let_go`,
`let_go_unshown`, `let_go_after_failure`).
"""
import logging
from datetime import datetime

from functions.cases import photo_day_claims
from functions.shared.errors import ValidationFailed

log = logging.getLogger(__name__)


class PhotoExpired(ValidationFailed):
    """Some photos were uploaded too long ago to be attached; `file_ids` names them."""

    def __init__(self, file_ids: list[str]):
        super().__init__("a photo was uploaded too long ago", {
            "photos": f"uploaded more than {photo_day_claims.ATTACHABLE_DAYS} days ago, or "
                      "left unattached past the day after its upload, upload it again: "
                      + ", ".join(file_ids)})
        self.file_ids = file_ids


def expired(file_ids, now: datetime) -> list[str]:
    """The photos that may no longer be attached (uploaded more than ATTACHABLE_DAYS ago)."""
    from functions.cases.uploads import upload_day
    today = now.date().toordinal()
    return [f for f in file_ids or []
            if today - upload_day(f) > photo_day_claims.ATTACHABLE_DAYS]


def attach_photos(file_ids: list[str] | None, *, owner: str, holder: str, now: datetime,
                  shown=(), read_record=lambda: None) -> list[str]:
    """Claim the owner's uploads for `holder` and keep their files; refuse them all if one
    is expired, removed or taken (what this call claimed on another day is let go again). `shown`:
    photos `holder` already shows (claimed before, so neither checked nor claimed again).
    A keep that fails lets go what this call claimed unless `read_record()` (the holder's
    record as stored now, or None) shows it. → the photos claimed anew."""
    new = [f for f in file_ids or [] if f not in set(shown)]
    too_old = expired(new, now)
    if too_old:
        raise PhotoExpired(too_old)
    claimed = []
    for day, ids in photo_day_claims.by_day(new).items():
        try:
            claimed += photo_day_claims.claim_on_day(owner, day, ids, holder)
        except photo_day_claims.PhotoTaken:
            let_go(claimed, owner=owner, holder=holder)
            raise
    try:
        keep_files(file_ids, now)
    except PhotoExpired:  # removed unattached meanwhile: nothing is attached
        let_go(claimed, owner=owner, holder=holder)
        raise
    except Exception:  # S3 away (503) or refusing (500): nothing this call made shows them
        let_go_after_failure(claimed, read_record, owner=owner, holder=holder)
        raise
    return claimed


def keep_files(file_ids, now: datetime) -> None:
    """Keep the photos' files for good, before the write that shows them; PhotoExpired
    naming any removed or about to be (left unattached to the end of the day after their
    upload day), which must not be attached; a keep that fails raises (nothing shown)."""
    from functions.cases.uploads import keep_photos
    gone = keep_photos(file_ids, now)
    if gone:
        raise PhotoExpired(gone)


def let_go(file_ids: list[str], *, owner: str, holder: str) -> None:
    """Release uploads `holder` claimed but does not show (its request was refused)."""
    for day, ids in photo_day_claims.by_day(file_ids).items():
        photo_day_claims.unclaim_on_day(owner, day, ids, holder)


def let_go_unshown(file_ids: list[str], record: dict, *, owner: str, holder: str) -> None:
    """Release what a refused request claimed anew for `holder`, but what `record` (as
    read after the refusal) shows: a parallel try of the same request saved it."""
    shown = set(record.get("photos") or []) | {
        p for e in record.get("timeline") or [] for p in e.get("photos") or []}
    let_go([f for f in file_ids if f not in shown], owner=owner, holder=holder)


def let_go_after_failure(file_ids: list[str], read_record, *, owner: str,
                         holder: str) -> None:
    """Release what a request that failed (503: S3 or the store away; 500) claimed anew
    for `holder`, unless the record as `read_record()` gives it now (None: none) shows
    them: a parallel try of the same request saved it, or the failed write was applied
    after all (a timeout). Never retried, the request would else leave the photos taken by
    something that does not exist; retried, it claims them again if still free. If the
    read or the release fails too (the store still away), the claims stay (logged): the
    retry of the request still attaches them."""
    if not file_ids:
        return
    try:
        let_go_unshown(file_ids, read_record() or {}, owner=owner, holder=holder)
    except Exception:
        log.warning("claims of %s on %s kept after a failed request", holder, file_ids,
                    exc_info=True)
