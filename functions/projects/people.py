"""Who may act on a round or project: the region's office, its deputies, the lead unit."""
from functions.identity.access import require_staff, require_user
from functions.deputies import get_deputy_item
from functions.shared.errors import Forbidden, InvalidTransition, NotFound, ValidationFailed
from .rules import RuleBroken


def office(actor: dict | None, region_id: str | None = None) -> dict:
    """The congress office of the region (of `region_id` when given)."""
    actor = require_staff(actor, "office")
    if region_id is not None and actor["region_id"] != region_id:
        raise Forbidden("this round belongs to another region")
    return actor


def region_staff(actor: dict | None, region_id: str) -> dict:
    """Any staff member (office, admin, unit) of the region: reading only."""
    actor = require_staff(actor)
    if actor["region_id"] != region_id:
        raise Forbidden("this round belongs to another region")
    return actor


def deputy(actor: dict | None, region_id: str | None = None):
    """The caller's deputy record: bound, still active, of the region when given.

    Read on every call, so a deactivated deputy loses the vote at once, whatever
    their token still says.
    """
    actor = require_user(actor, "deputy")
    if not actor.get("deputy_id"):
        raise Forbidden("only a deputy may do this")
    try:
        item = get_deputy_item(actor["deputy_id"])
    except NotFound:
        raise Forbidden("only a deputy may do this") from None
    if not item.active:
        raise Forbidden("this deputy is no longer active")
    if region_id is not None and item.region_id != region_id:
        raise Forbidden("you are not a deputy of this round's region")
    return item


def on_roll(round_item, deputy) -> None:
    """Only the deputies active when the vote opened vote in it (a round opened before
    the roll was kept has none: every active deputy of the region then)."""
    roll = round_item.electorate
    if roll is not None and deputy.deputy_id not in roll:
        raise Forbidden("you were not an active deputy of the region when this vote opened")


def lead_unit(actor: dict | None, project) -> dict:
    actor = require_staff(actor, "unit")
    if not project.unit_id:
        raise InvalidTransition("the project has no lead unit yet")
    if actor.get("unit_id") != project.unit_id or actor["region_id"] != project.region_id:
        raise Forbidden("only the project's lead unit may do this")
    return actor


def may_read_round(actor: dict | None, round_item) -> bool:
    """Before voting ends only the region's deputies and staff see a round."""
    if round_item.state not in ("collecting", "voting"):
        return True
    if not actor:
        return False
    if actor.get("kind") == "staff":
        return actor.get("region_id") == round_item.region_id
    try:
        deputy(actor, round_item.region_id)
    except (Forbidden, NotFound):
        return False
    return True


def domain_error(exc: RuleBroken):
    """A broken rule as the error contract's exception."""
    kind = InvalidTransition if exc.code == "invalid_transition" else ValidationFailed
    return kind(exc.message, exc.fields)
