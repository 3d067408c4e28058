"""The nightly recount's check of the queue links a page of cases should have: one batch
read of the links, and the links put back only for cases whose link is missing or shows
them in another queue place than the case as stored (a write an after-write missed). A
link's own `case_version` may lag the case (a delivery's bookkeeping write moves the
version, not the queue), so the place is compared, not the version; a night over cases
whose after-writes all ran writes nothing."""
from functions.cases import co_unit_links, extension_links
from functions.storage import indexes
from functions.storage.models import BaseItem

PLACE = (indexes.queue.hash_attr, indexes.queue.range_attr, "case_id")


def wanted_links(case: dict) -> list:
    """Every queue link item the case as stored should have now."""
    wanted = [co_unit_links.link(case, unit_id)
              for unit_id in sorted(co_unit_links.queued_co_units(case))]
    if extension_links.waits_on_office(case):
        wanted.append(extension_links.link(case))
    return wanted


def heal(cases: list[dict]) -> int:
    """Put back the links an after-write missed for these cases; how many cases needed it."""
    wanted = {(item.pk, item.sk): (case, item) for case in cases for item in wanted_links(case)}
    if not wanted:
        return 0
    have = {(item.pk, item.sk): item for item in BaseItem.batch_get(list(wanted))}
    behind = {case["id"]: case for key, (case, item) in wanted.items()
              if not _same_place(have.get(key), item)}
    for case in behind.values():  # every link of the case, each on its version
        co_unit_links.sync(None, case)
        extension_links.sync(None, case)
    return len(behind)


def _same_place(stored, wanted) -> bool:
    return stored is not None and all(
        getattr(stored, attr, None) == getattr(wanted, attr) for attr in PLACE)
