"""Office and admin manage deputies, units and accounts of their own region."""
from functions import deputies
from functions.deputies import admin as deputy_admin
from functions.identity import staff_accounts
from functions.org import units
from functions.identity.access import require_staff
from functions.shared.errors import Forbidden, ValidationFailed


def _region_of(actor: dict, body: dict) -> str:
    """Staff act in their own region; a body naming another is refused."""
    region_id = body.get("region_id")
    if region_id in (None, ""):
        return actor["region_id"]
    if not isinstance(region_id, str):
        raise ValidationFailed("invalid region", {"region_id": "a region id"})
    if region_id != actor["region_id"]:
        raise Forbidden("you may only manage your own region")
    return region_id


def add_deputy(*, actor: dict, body: dict) -> dict:
    actor = require_staff(actor, "admin", "office")
    region_id = _region_of(actor, body)
    return deputies.register_deputy(
        name=body.get("name"), phone=body.get("phone"), region_id=region_id,
        level=body.get("level"), station=body.get("station"), group=body.get("group"))


def deputy_qr_png(*, actor: dict, deputy_id: str) -> bytes:
    from functions.channels import qr
    deputy = deputy_admin.get_deputy(actor=actor, deputy_id=deputy_id)
    return qr.qr_png(qr.entry_url(deputy.entry_code))


def renew_bind_code(*, actor: dict, deputy_id: str) -> dict:
    """A new one-time bind code (the old one void) → the deputy with its codes."""
    deputy_admin.new_bind_code(actor=actor, deputy_id=deputy_id)
    return deputies.deputy_view(deputy_admin.get_deputy(actor=actor, deputy_id=deputy_id),
                                with_codes=True)


def add_unit(*, actor: dict, body: dict) -> dict:
    actor = require_staff(actor, "admin")
    return units.create_unit(name=body.get("name"), region_id=_region_of(actor, body))


def add_account(*, actor: dict, body: dict) -> dict:
    actor = require_staff(actor, "admin")
    region_id = _region_of(actor, body)
    unit_id = body.get("unit_id")
    if unit_id == "":  # an empty form field: no unit
        unit_id = None
    if unit_id is not None:
        if not isinstance(unit_id, str):
            raise ValidationFailed("invalid account", {"unit_id": "a unit id"})
        found = units.find_units([unit_id])
        if not found or found[0].region_id != region_id:
            raise ValidationFailed("invalid account", {"unit_id": "no such unit in this region"})
    return staff_accounts.create_account(
        username=body.get("username"), password=body.get("password"), role=body.get("role"),
        region_id=region_id, unit_id=unit_id, phone=body.get("phone"))
