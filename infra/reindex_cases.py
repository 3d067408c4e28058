"""One-off maintenance after an upgrade that changed what cases carry for the indexes
(the `inbox` index, `status#created#id` queue keys, co-unit queue links): rewrite every
case of every region through the repository's own mapping.

`python -m infra.reindex_cases` (same environment as the functions). Queries only: the
regions' index, then each region's cases page by page; each case is written back under
its version (a case changed meanwhile already carries the new attributes, and is left).
"""
import json
import sys

from functions.cases import co_unit_links
from functions.shared.config import settings
from functions.shared.errors import Conflict
from functions.cases import repository as case_repository
from functions.storage import keys
from functions.storage.connection import configure
from functions.storage.models import CaseItem, RegionItem


def reindex() -> dict:
    done = {}
    for region in RegionItem.by_gsi1.query(keys.ALL_REGIONS):
        written = skipped = 0
        for item in CaseItem.by_gsi6.query(keys.region_cases_key(region.region_id)):
            case = case_repository.from_item(item)
            try:
                saved = case_repository.save(case)
            except Conflict:
                skipped += 1
                continue
            co_unit_links.sync(None, saved)
            written += 1
        done[region.region_id] = {"written": written, "changed_meanwhile": skipped}
    return done


if __name__ == "__main__":
    configure(settings())
    print(json.dumps(reindex(), ensure_ascii=False))
    sys.exit(0)
