"""An extension request waiting for the office shows in the office's queue.

The case item stays in its lead unit's queue partition (the unit goes on handling it);
while its extension request waits, a link item under the case's pk puts it in the office's
queue partition too, under the case's own sort key. Written and removed after each case
write like the co-units' links (the after-write calls both syncs), healed by the nightly
recount; only a newer case version replaces or removes the link (queue_links.py).
The queue shows a link only while the case it reads still has a request waiting.
"""
from functions.cases import queue_links
from functions.cases.repository import queue_sort_key
from functions.storage import indexes, keys
from functions.storage.models import ExtensionLinkItem
from functions.workflow.extensions import pending

REASON = "extension_requested"


def waits_on_office(case: dict | None) -> bool:
    """Does an extension request of this case wait for the office's decision now?"""
    return bool(case) and pending(case)


def sync(old: dict | None, new: dict) -> None:
    """Bring the office's link in line with the case as just written."""
    if waits_on_office(new):
        _put(new)  # every write while it waits: the sort key follows the status
    elif waits_on_office(old):
        _delete(new)


def link(case: dict) -> ExtensionLinkItem:
    """The office's link item as the case as stored wants it."""
    return ExtensionLinkItem(
        pk=keys.case_pk(case["id"]), sk=keys.extension_link_sk(), case_id=case["id"],
        case_version=case["version"],
        **indexes.queue.entry(keys.office_queue_key(case["region_id"]), queue_sort_key(case)))


def _put(case: dict) -> None:
    queue_links.place(link(case))


def _delete(case: dict) -> None:
    queue_links.remove(ExtensionLinkItem(pk=keys.case_pk(case["id"]),
                                         sk=keys.extension_link_sk()), case["version"])
