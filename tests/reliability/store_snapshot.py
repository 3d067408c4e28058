"""Everything a test table and the upload folder hold, to show a request left nothing behind.

Test-only: it scans the (small) table of one test, which no request path may do.
"""
import os

from functions.shared.config import settings
from functions.storage.models import BaseItem


def snapshot() -> dict:
    """(pk, sk) → item for every item in the table, and every file under the upload dir."""
    client = BaseItem._get_connection().connection.client
    items, kwargs = {}, {"TableName": BaseItem.Meta.table_name, "ConsistentRead": True}
    while True:
        page = client.scan(**kwargs)
        for item in page["Items"]:
            items[(item["pk"]["S"], item["sk"]["S"])] = item
        if "LastEvaluatedKey" not in page:
            break
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    root = settings().upload_dir
    files = sorted(os.path.relpath(os.path.join(folder, name), root)
                   for folder, _, names in os.walk(root) for name in names)
    return {"items": items, "files": files}


def changes(before: dict, after: dict) -> dict:
    """What differs: items added, removed or changed (by key), and files."""
    old, new = before["items"], after["items"]
    return {k: v for k, v in {
        "added": sorted(set(new) - set(old)), "removed": sorted(set(old) - set(new)),
        "changed": sorted(k for k in set(old) & set(new) if old[k] != new[k]),
        "files": sorted(set(after["files"]) ^ set(before["files"])),
    }.items() if v}
