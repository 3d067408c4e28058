"""Deputies written before pinyin order, filter indexes and identity guards get them.

Run by the nightly reconcile (and so at `make run`'s start): it reads the region's
deputies (one Query) and writes only those whose name, phone or index keys are not yet
as `deputies.register_deputy` writes them today. A deputy whose normalised name and phone
turn out to be another deputy's is left as it is and logged: two records of one person
are for the office to merge, not for a job to guess.
"""
import logging

from functions.deputies import identity as deputy_identity
from functions.deputies.filter_index import index_attributes, update_actions
from functions.shared.errors import Conflict
from functions.shared.person_identity import normal_name, normal_phone
from functions.storage import directory_keys, indexes
from functions.storage.models import DeputyItem

log = logging.getLogger(__name__)


def reindex_region(region_id: str) -> int:
    """Bring the region's older deputies up to date; how many were rewritten."""
    from functions.deputies import deputy_view
    rewritten = 0
    for item in indexes.region_deputies.query(DeputyItem,
                                              directory_keys.region_deputies_key(region_id)):
        name, phone = normal_name(item.name), normal_phone(item.phone)
        wanted = index_attributes(region_id=region_id, deputy_id=item.deputy_id, name=name,
                                  level=item.level, station=item.station, group=item.group)
        if (name, phone) == (item.name, item.phone) and \
                all(getattr(item, k) == v for k, v in wanted.items()):
            continue
        try:
            deputy_identity.claim(region_id=region_id, name=name, phone=phone,
                                  deputy_id=item.deputy_id, view=deputy_view)
            item.update(actions=[DeputyItem.name.set(name), DeputyItem.phone.set(phone),
                                 *update_actions(DeputyItem, wanted)])
            rewritten += 1
        except Conflict as exc:
            other = exc.fields.get("existing", {}).get("id", "?")
            log.warning("deputy %s is the same person as %s; left for the office",
                        item.deputy_id, other)
    return rewritten
