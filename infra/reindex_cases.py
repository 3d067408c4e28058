"""One-off maintenance after an upgrade that changed what cases carry for the indexes
(the `inbox_newest` index, `status#created#id` queue keys, co-unit queue links): rewrite every
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
from functions.org import regions
from functions.storage.connection import configure


def reindex() -> dict:
    done = {}
    for region_id in regions.all_region_ids():
        written = skipped = 0
        for case in case_repository.region_cases(region_id):
            try:
                saved = case_repository.save(case)
            except Conflict:
                skipped += 1
                continue
            co_unit_links.sync(None, saved)
            written += 1
        done[region_id] = {"written": written, "changed_meanwhile": skipped}
    return done


if __name__ == "__main__":
    configure(settings())
    print(json.dumps(reindex(), ensure_ascii=False))
    sys.exit(0)
