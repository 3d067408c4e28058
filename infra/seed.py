"""Demo data for dev mode, written once (api-contract.md: admin / office / unit1)."""
from datetime import datetime

from pynamodb.exceptions import DoesNotExist

from functions import deputies
from functions.org import regions, units
from functions.identity import staff_accounts
from functions.shared.clock import iso, now as clock_now
from functions.projects import demo as project_demo
from functions.shared.errors import Conflict
from functions.storage.models import MarkerItem

DEMO_REGION = "demo"
DEMO_PASSWORD = "demo12345"
_MARKER = ("SEED#demo", "META")

DEMO_DEPUTIES = (
    {"name": "张建国", "phone": "13800000001", "level": "county", "station": "城关镇代表联络站", "group": "城关镇代表小组"},
    {"name": "李秀英", "phone": "13800000002", "level": "county", "station": "河西乡代表联络站", "group": "河西乡代表小组"},
    {"name": "王德明", "phone": "13800000003", "level": "township", "station": "城关镇代表联络站", "group": "城关镇代表小组"},
)


def already_seeded() -> bool:
    try:
        MarkerItem.get(*_MARKER)
        return True
    except DoesNotExist:
        return False


def seed_demo(now: datetime | None = None) -> dict | None:
    """Create the demo region once, stamped `now` (the one clock's time if not given);
    returns what was created, or None if it was there."""
    now = now or clock_now()
    if already_seeded():
        return None
    regions.create_region(region_id=DEMO_REGION, name="示例县", towns=[
        {"id": "chengguan", "name": "城关镇"}, {"id": "hexi", "name": "河西乡"},
        {"id": "dongshan", "name": "东山街道"}])
    housing = units.create_unit(name="示例县住建局", region_id=DEMO_REGION, unit_id="u-housing",
                               now=now)
    units.create_unit(name="示例县交通运输局", region_id=DEMO_REGION, unit_id="u-transport",
                      now=now)
    units.create_unit(name="示例县农业农村局", region_id=DEMO_REGION, unit_id="u-agriculture",
                      now=now)
    for username, role, phone in (("admin", "admin", None), ("office", "office", "13800000101"),
                                  ("unit1", "unit", "13800000102")):
        staff_accounts.create_account(username=username, password=DEMO_PASSWORD, role=role,
                                      region_id=DEMO_REGION, phone=phone,
                                      unit_id=housing["id"] if role == "unit" else None,
                                      now=now)
    created = [_deputy(d, now) for d in DEMO_DEPUTIES]
    project_demo.seed_round(region_id=DEMO_REGION, now=now)
    # The marker goes last: an interrupted seed is redone on a fresh data dir.
    MarkerItem(pk=_MARKER[0], sk=_MARKER[1], at=iso(now)).save()
    return {"region": DEMO_REGION, "deputies": created}


def _deputy(fields: dict, now: datetime) -> dict:
    """Register a demo deputy; one left by an interrupted seed is taken as it is."""
    try:
        return deputies.register_deputy(region_id=DEMO_REGION, now=now, **fields)
    except Conflict as exc:
        if "existing" not in exc.fields:
            raise
        item = deputies.get_deputy_item(exc.fields["existing"]["id"])
        return deputies.deputy_view(item, with_codes=True)


def demo_deputies() -> list[dict]:
    """The demo region's deputies with their codes, for the banner of a later run."""
    from functions.storage import directory_keys, indexes
    from functions.storage.models import DeputyItem
    return [deputies.deputy_view(d, with_codes=True)
            for d in indexes.region_deputies.query(DeputyItem,
                                                   directory_keys.region_deputies_key(DEMO_REGION))]
