"""Records the system makes, each exactly once: its id derives from the event, and the
write is conditioned on no such record existing, so retries and races make one."""
import logging
from datetime import datetime

from functions.shared.clock import iso, parse_iso
from functions.shared.ids import derived_id
from functions.shared.errors import NotFound
from . import check_in_reads, contact_reads, messages, record_reads, repository, rules, tallies

log = logging.getLogger(__name__)
CASE_ACTIONS = ("reply", "forward")


def case_record_id(case_id: str) -> str:
    return "c" + derived_id("duty-case", case_id)


def after_case_write(old: dict | None, new: dict, now: datetime | None = None) -> None:
    """After a case write: the deputy's `voter_contact` if they just replied or forwarded:
    the deputy, its tallies (and the rules, kept a minute) in one read, the record, a
    write per tally. Never raises: the case write stands, the nightly recount makes a
    missed record and repairs the tallies."""
    try:
        entry = deputy_contact(new)
        if entry and (old is None or deputy_contact(old) is None):
            deputy, region_rules, seen = contact_reads.read(new, contact_day(entry).isoformat())
            record_case_contact(new, entry, deputy=deputy, region_rules=region_rules,
                                seen=seen)
    except Exception:
        log.exception("duty record for case %s not written", new.get("id"))


def deputy_contact(case: dict) -> dict | None:
    """The timeline entry where the case's deputy replied to or forwarded it, if any."""
    if not case.get("deputy_id"):
        return None
    return next((e for e in case.get("timeline") or [] if e.get("action") in CASE_ACTIONS
                 and e.get("actor_role") == "deputy"), None)


def record_case_contact(case: dict, entry: dict, *, deputy=None, region_rules=None,
                        tally: bool = True, seen: dict | None = None) -> dict | None:
    """Write the case's one voter_contact record; None if it was already there. The case
    write and the nightly recount pass the deputy and rules they hold (the former the
    tallies it read: `seen`, tallies.count), the recount `tally=False` where it writes
    the tallies itself from the records right after."""
    if deputy is None:
        from functions.deputies import get_deputy_item
        deputy = get_deputy_item(case["deputy_id"])
    region_rules = region_rules or repository.region_rules(deputy.region_id)
    return _make(deputy, region_rules, case_contact_record(case, entry, deputy, region_rules),
                 tally=tally, seen=seen)


def case_contact_record(case: dict, entry: dict, deputy, region_rules: dict) -> dict:
    """The voter_contact record of the deputy's reply or forward `entry`, not yet written."""
    return _record(deputy, region_rules, record_id=case_record_id(case["id"]),
                   kind="voter_contact", title=messages.CASE_TITLES[entry["action"]],
                   source="case", ref=case["id"], via=entry["action"],
                   day=contact_day(entry), at=entry["at"])


def contact_day(entry: dict):
    """The local day of the deputy's reply or forward: the record's date."""
    return rules.local_day(parse_iso(entry["at"]))


def activity_record(activity, deputy, now: datetime) -> tuple[dict, bool]:
    """The check-in record of `deputy` at `activity`: (record, newly made). The rules and
    the deputy's tallies in one read, one conditional write per tally."""
    day = rules.local_day(now)
    reads = record_reads.read(activity.region_id, day.isoformat(), [deputy.deputy_id],
                              known={deputy.deputy_id: deputy})
    region_rules = reads.rules_of(deputy)
    record_id = check_in_reads.activity_record_id(activity.activity_id, deputy.deputy_id)
    made = _make(deputy, region_rules, _record(
        deputy, region_rules, record_id=record_id, kind=activity.kind, title=activity.title,
        source="activity", ref=activity.activity_id, day=day, at=iso(now),
        place=activity.place), seen=reads.seen.get(deputy.deputy_id))
    return (made, True) if made else (repository.get(record_id), False)


def suggestion_registered(*, suggestion_id: str, title: str, region_id: str, lead_id: str,
                          cosigner_ids: list[str], now: datetime) -> list[dict]:
    """For the suggestions capability: lead (5) and each co-signer (2) get one record.
    Every deputy, the rules of the suggestion's region (its lead's) and their tallies in
    one read, one conditional write per tally."""
    day, deputy_ids = rules.local_day(now), list(dict.fromkeys([lead_id, *cosigner_ids]))
    reads = record_reads.read(region_id, day.isoformat(), deputy_ids)
    made = []
    for deputy_id in deputy_ids:
        deputy = reads.deputies.get(deputy_id)
        if deputy is None:
            raise NotFound(f"deputy {deputy_id} not found")
        region_rules = reads.rules_of(deputy)
        record = _make(deputy, region_rules, _record(
            deputy, region_rules,
            record_id="s" + derived_id("duty-sugg", suggestion_id, deputy_id),
            kind="suggestion", title=messages.SUGGESTION_TITLE.format(title=title),
            source="suggestion", ref=suggestion_id, day=day, at=iso(now),
            cosigner=deputy_id != lead_id), seen=reads.seen.get(deputy_id))
        if record:
            made.append(record)
    return made


def _make(deputy, region_rules: dict, record: dict, tally: bool = True,
          seen: dict | None = None) -> dict | None:
    """Write `record` unless it exists; count it in its tallies unless told not to."""
    stored = repository.create(record)
    if stored and tally:
        tallies.count(stored, deputy, region_rules["term_start"], seen)
    return stored


def _record(deputy, region_rules: dict, *, record_id, kind, title, source, ref, day, at,
            via=None, place=None, cosigner=False) -> dict:
    points = rules.points_for(kind, region_rules["points"], cosigner=cosigner)
    record = {"id": record_id, "deputy_id": deputy.deputy_id, "region_id": deputy.region_id,
              "deputy_name": deputy.name, "kind": kind, "title": title[:100],
              "date": day.isoformat(), "source": source, "ref": ref, "via": via,
              "place": place, "cosigner": cosigner, "status": "verified", "points": points,
              "created_at": at, "created_by": "system", "decided_at": at,
              "decided_by": "system"}
    return record
