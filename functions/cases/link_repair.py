"""The nightly recount's check of the queue links a page of cases should have: one batch
read of the links, and the links put back only for cases that lack one (or hold one of an
older case version), so a night over cases whose after-writes all ran writes nothing."""
from functions.cases import co_unit_links, extension_links
from functions.storage import keys
from functions.storage.models import BaseItem


def wanted_links(case: dict) -> list[tuple[str, str]]:
    """The (pk, sk) of every queue link the case as stored should have now."""
    pk = keys.case_pk(case["id"])
    wanted = [(pk, keys.co_unit_sk(unit_id))
              for unit_id in sorted(co_unit_links.queued_co_units(case))]
    if extension_links.waits_on_office(case):
        wanted.append((pk, keys.extension_link_sk()))
    return wanted


def heal(cases: list[dict]) -> int:
    """Put back the links an after-write missed for these cases; how many cases needed it."""
    wanted = {key: case for case in cases for key in wanted_links(case)}
    if not wanted:
        return 0
    have = {(item.pk, item.sk): int(getattr(item, "case_version", 0) or 0)
            for item in BaseItem.batch_get(list(wanted))}
    behind = {case["id"]: case for key, case in wanted.items()
              if have.get(key, -1) < case["version"]}
    for case in behind.values():
        co_unit_links.sync(None, case)  # every link of the case, each on its version
    return len(behind)
