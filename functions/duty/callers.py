"""The deputy behind a mini-program caller, for the duty use cases."""
from functions.identity.access import require_user
from functions.deputies import get_deputy_item
from functions.shared.errors import Forbidden


def acting_deputy(actor: dict):
    """The DeputyItem of a deputy caller, refused once the office has deactivated it."""
    deputy = get_deputy_item(require_user(actor, "deputy")["deputy_id"])
    if not deputy.active:
        raise Forbidden("this deputy has been deactivated")
    return deputy
