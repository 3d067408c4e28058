"""All of a region's cases for the office and the system administrator, filtered by status,
category, lead unit, deputy and the Shanghai days they came in, newest first.

Each of the four filters has an index of the region's cases under its value, sorted
`created#id` (filter_index.py); the days are a range of that sort key, and with no
filter the region's own index (`region_cases`, sorted by creation) serves. With several
filters the page reads the index of the most selective one given (deputy, then unit, then
category, then status) and the others filter what it reads: one Query that reads at most
limit + MARGIN items. Such a page may hold fewer rows than asked while `next_cursor` says
more may follow; the client goes on from the cursor (docs/data-model.md).
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from functions.cases import rows as case_rows
from functions.cases.filter_index import FILTER_USES
from functions.cases.repository import from_item
from functions.cases.states import STATUSES
from functions.cases.views import summary_view
from functions.identity.access import require_staff
from functions.org.regions import cached_region, categories_of
from functions.shared.errors import ValidationFailed
from functions.shared.moments import SHANGHAI, iso
from functions.shared.pagination import decode_cursor, encode_cursor, parse_limit
from functions.storage import indexes, keys
from functions.storage import projected
from functions.storage.models import CaseItem

FILTER_ORDER = ("deputy", "unit", "category", "status")  # most selective first
# Each filter's item attribute, which is also its name in the query string.
ATTRIBUTES = {"status": "status", "category": "category", "unit": "unit_id",
              "deputy": "deputy_id"}
MARGIN = 50  # items a filtered page may read beyond its size


@dataclass(frozen=True)
class Filters:
    status: str | None = None
    category: str | None = None
    unit: str | None = None
    deputy: str | None = None
    start: date | None = None
    end: date | None = None

    def given(self) -> dict:
        return {f: getattr(self, f) for f in FILTER_ORDER if getattr(self, f)}

    def scope(self, region_id: str) -> str:
        """What a cursor is valid for: the region and every filter."""
        return "|".join(map(str, (region_id, "all", self.status, self.category, self.unit,
                                  self.deputy, self.start, self.end)))

    def query_args(self) -> dict:
        """The filters as the list's query string (links to the next page, the export)."""
        args = {ATTRIBUTES[f]: v for f, v in self.given().items()}
        args.update({k: v.isoformat() for k, v in (("from", self.start), ("to", self.end)) if v})
        return args


def _day(value, name: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        day = None
    if day is None or not 2000 <= day.year <= 2100:
        raise ValidationFailed(f"invalid {name}", {name: "a date as YYYY-MM-DD, 2000 to 2100"})
    return day


def parse_filters(region_id: str, args) -> Filters:
    """The filters of a request's query string, each checked (400 naming the field)."""
    text = {name: (args.get(name) or "").strip() or None
            for name in ("status", "category", "unit_id", "deputy_id")}
    problems = {}
    if text["status"] and text["status"] not in STATUSES:
        problems["status"] = f"one of {', '.join(STATUSES)}"
    for name in ("unit_id", "deputy_id"):
        if text[name] and not keys.plausible_id(text[name]):
            problems[name] = f"an id of at most {keys.MAX_ID_LENGTH} characters"
    if text["category"]:
        known = [c["id"] for c in categories_of(cached_region(region_id))]
        if text["category"] not in known:
            problems["category"] = f"one of {', '.join(known)}"
    if problems:
        raise ValidationFailed("invalid filter", problems)
    start, end = _day(args.get("from"), "from"), _day(args.get("to"), "to")
    if start and end and end < start:
        raise ValidationFailed("invalid period", {"to": "on or after from"})
    return Filters(status=text["status"], category=text["category"], unit=text["unit_id"],
                   deputy=text["deputy_id"], start=start, end=end)


def _bounds(filters: Filters) -> tuple[str | None, str | None]:
    """Sort-key bounds of the Shanghai days: from the first second of `start` to anything
    stamped in the last second of `end` ('~' sorts after `#<id>`)."""
    low = iso(datetime.combine(filters.start, time.min, SHANGHAI)) if filters.start else None
    high = None
    if filters.end:
        after = datetime.combine(filters.end + timedelta(days=1), time.min, SHANGHAI)
        high = iso(after - timedelta(seconds=1)) + "~"
    return low, high


def plan(region_id: str, filters: Filters):
    """(index use, partition, the other filters as attribute → value) for these filters."""
    given = filters.given()
    if not given:
        return indexes.region_cases, keys.region_cases_key(region_id), {}
    first = next(iter(given))
    others = {ATTRIBUTES[f]: v for f, v in given.items() if f != first}
    return (FILTER_USES[first], keys.region_cases_filter_key(region_id, first, given[first]),
            others)


def read_page(region_id: str, filters: Filters, *, size: int, start: dict | None,
              attributes=None):
    """(raw items, where the next page starts or None): one bounded Query, only
    `attributes` of each item (None: whole items)."""
    use, partition, others = plan(region_id, filters)
    low, high = _bounds(filters)
    if attributes is not None:
        attributes = (*attributes, "sk", use.hash_attr, use.range_attr)
    raw, last = projected.query(use, partition, attributes=attributes, at_least=low,
                                at_most=high, equals=others,
                                limit=size + MARGIN if others else size, start=start)
    if len(raw) > size:
        raw, last = raw[:size], projected.index_key(raw[size - 1], use)
    return raw, last


def find_page(*, actor: dict, args, limit=None, cursor=None, now: datetime) -> dict:
    """One page of the caller's region's cases matching `args`, newest first."""
    actor = require_staff(actor, "office", "admin")
    region_id = actor["region_id"]
    filters = parse_filters(region_id, args)
    size = parse_limit(limit)
    scope = filters.scope(region_id)
    raws, last = read_page(region_id, filters, size=size, start=decode_cursor(cursor, scope),
                           attributes=case_rows.SUMMARY_ATTRIBUTES)
    return {"items": [summary_view(s, now=now) for s in case_rows.summaries(raws)],
            "next_cursor": encode_cursor(last, scope), "filters": filters.query_args()}


def find_all(*, actor: dict, args, max_rows: int):
    """Every matching case, newest first, page by page, stopping after `max_rows`:
    (the filters, an iterator of cases)."""
    actor = require_staff(actor, "office", "admin")
    region_id = actor["region_id"]
    filters = parse_filters(region_id, args)

    def cases():
        start, count = None, 0
        while True:
            page, start = read_page(region_id, filters, size=100, start=start)
            for case in (from_item(CaseItem.from_raw_data(raw)) for raw in page):
                if count == max_rows:
                    return
                count += 1
                yield case
            if start is None:
                return
    return filters, cases()
