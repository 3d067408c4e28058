"""一人一档: a deputy's archive of a year — card, totals, records, cases, suggestions.

The public view (anyone) leaves out the phone and every record not verified; the deputy
itself and the office (or admin) of its region see everything.
"""
from datetime import datetime

from functions.reporting import counters
from functions.deputies import get_deputy_item
from functions.shared.errors import ValidationFailed
from . import repository, rules
from .views import record_view


def is_private_reader(actor: dict | None, deputy) -> bool:
    if not actor:
        return False
    if actor.get("kind") == "user":
        return actor.get("deputy_id") == deputy.deputy_id
    return actor.get("kind") == "staff" and actor.get("role") in ("office", "admin") \
        and actor.get("region_id") == deputy.region_id


def archive(*, actor: dict | None, deputy_id: str, year, now: datetime) -> dict:
    """The archive of a year (`?year=2026`, default this year) or of the current term
    (`?year=term`: every year since the region's term start, with totals per year)."""
    term = year == "term"
    problem = None if term else rules.year_problem(year)
    if problem:
        raise ValidationFailed("invalid year", {"year": problem + " or term"})
    year = year or str(rules.local_day(now).year)
    deputy = get_deputy_item(deputy_id)
    full = is_private_reader(actor, deputy)
    if term:
        term_start = repository.region_rules(deputy.region_id)["term_start"]
        records = [r for r in repository.of_deputy(deputy.deputy_id)
                   if r["date"] >= term_start]
    else:
        records = list(repository.of_deputy(deputy.deputy_id, year))
    verified = [r for r in records if r["status"] == "verified"]
    shown = records if full else verified
    card = {"id": deputy.deputy_id, "name": deputy.name, "level": deputy.level,
            "station": deputy.station, "group": deputy.group, "region_id": deputy.region_id,
            "active": deputy.active}
    if full:
        card["phone"] = deputy.phone
    result = {"view": "full" if full else "public", "year": year, "deputy": card,
              "totals": rules.totals_of(verified),
              "records": [record_view(r, public=not full) for r in reversed(shown)],
              "cases": cases_handled(deputy.deputy_id, verified),
              "suggestions": []}
    if term:
        years = sorted({r["date"][:4] for r in verified})
        result.update(term_start=term_start, totals_by_year={
            y: rules.totals_of(r for r in verified if r["date"].startswith(y)) for y in years})
    return result


def cases_handled(deputy_id: str, verified_records: list[dict]) -> dict:
    """The year's replies and forwards (from the case records) and the deputy's all-time
    figures (received, responded, answered on time) from its case counters."""
    case_records = [r for r in verified_records if r["source"] == "case"]
    figures = counters.figures(f"DEPUTY#{deputy_id}")
    on_time, late = figures.get("answered:on_time", 0), figures.get("answered:late", 0)
    return {"replied": sum(r.get("via") == "reply" for r in case_records),
            "forwarded": sum(r.get("via") == "forward" for r in case_records),
            "received_all_time": figures.get("total", 0),
            "responded_all_time": figures.get("first_response:count", 0),
            "on_time_all_time": on_time,
            "on_time_rate": round(on_time / (on_time + late), 3) if on_time + late else None}
