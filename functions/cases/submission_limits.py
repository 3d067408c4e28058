"""How many new cases a citizen may submit: CASES_PER_HOUR and CASES_PER_DAY, exact.

Both windows live in one item per citizen and UTC day, taken by one conditional
UpdateItem just before the case is written (functions/identity/nested_windows.py), so
parallel submissions never pass a limit and a refused one writes nothing. A retry of a
stored case is found before (the case is read with the caller) and counts nothing; two
parallel tries of one key both count until the loser gives its hit back. The item is
also the citizen's day item of photo claims (functions/cases/photo_day_claims.py): a new case
claims its photos of the day in the same write, and the item lives as long as they do.
The write also marks that the case's key took a place (`took#<case id>`): a parallel try
of the key refused for a full window is told its twin holds that place (`TwinHoldsThePlace`:
the same case, not one past the limit).
"""
from datetime import datetime, timedelta

from functions.cases import photo_claims, photo_day_claims
from functions.identity import nested_windows
from functions.shared.config import settings

WINDOWS = (timedelta(hours=1), timedelta(days=1))
MESSAGE = "too many cases submitted, please try again later"


def limits() -> tuple:
    """(limit, window) pairs of new cases per citizen (a retry is not a new case)."""
    config = settings()
    return tuple(zip((config.cases_per_hour, config.cases_per_day), WINDOWS))


def _subject(user_id: str) -> str:
    return photo_day_claims.day_subject(user_id)


class TwinHoldsThePlace(Exception):
    """A full window, and another try of this case's key took a place today: it is that
    try's case (being written, or written since), not one past the limit."""


class _Place:
    """The rest of the day item's write for one case: its photos of the day (`claim`) and
    a mark that its key took a place, which a twin refused for a full window finds."""

    def __init__(self, case_id: str, claim: "photo_day_claims.Claim | None"):
        self.claim, self.mark = claim, _mark(case_id)
        self.names = {**(claim.names if claim else {}), "#took": self.mark}
        self.values = {**(claim.values if claim else {}), ":took": {"BOOL": True}}
        self.sets = (claim.sets if claim else []) + ["#took = :took"]
        self.condition = claim.condition if claim else ""

    def refusal(self, item: dict):
        return self.claim.refusal(item) if self.claim else None

    def when_full(self, item: dict):
        return TwinHoldsThePlace() if self.mark in item else None


def _mark(case_id: str) -> str:
    return f"took#{case_id}"


def take(user_id: str, now: datetime, claim: "photo_day_claims.Claim | None" = None, *,
         case_id: str | None = None) -> list[str]:
    """Count one new case in every window and claim the photos of `claim` (uploaded today)
    in one conditional write; RateLimited, PhotoTaken or TwinHoldsThePlace (nothing
    counted, nothing claimed). → the photos claimed anew (to let go if the case is not
    written after all)."""
    also = _Place(case_id, claim) if case_id else claim
    before = nested_windows.take(_subject(user_id), limits=limits(), now=now, message=MESSAGE,
                                 keep=photo_day_claims.DAY_ITEM_KEEP, also=also)
    return claim.anew(before) if claim else []


def take_with_photos(user_id: str, now: datetime, photos: list[str], *, holder: str,
                     case_id: str | None = None) -> list[str]:
    """`take`, claiming the photos uploaded today for `holder` in the same write (others are
    claimed on their own day's item: photo_day_claims.of_other_days). PhotoExpired before."""
    too_old = photo_claims.expired(photos, now)
    if too_old:
        raise photo_claims.PhotoExpired(too_old)
    today = photo_day_claims.by_day(photos).get(now.date().toordinal())
    return take(user_id, now, photo_day_claims.Claim(today, holder) if today else None,
                case_id=case_id)


def give_back(user_id: str, now: datetime, case_id: str | None = None) -> None:
    """Uncount the case `take` counted that was not written after all."""
    nested_windows.give_back(_subject(user_id), limits=limits(), now=now,
                             forget=_mark(case_id) if case_id else None)


def refuse_if_full(user_id: str, now: datetime) -> None:
    """RateLimited if a window is full, counting nothing (before storing a form's photos)."""
    nested_windows.refuse_if_full(_subject(user_id), limits=limits(), now=now,
                                  message=MESSAGE)
