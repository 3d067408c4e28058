"""One deputy per region, name and phone, without transactions.

A guard item keyed by region + normalised phone + name is written with
attribute_not_exists before the deputy; the second writer of the same person finds it
and is told which deputy already stands for that person. A guard left by a crash (its
deputy never written, or renamed since) is taken over by one conditional write.
"""
from pynamodb.exceptions import DeleteError, DoesNotExist, PutError, UpdateError

from functions.shared.errors import Conflict
from functions.shared.person_identity import normal_name, normal_phone
from functions.storage import keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import DeputyIdentityItem, DeputyItem

EXISTS = "a deputy with this name and phone is already registered in the region"


def claim(*, region_id: str, name: str, phone: str, deputy_id: str, view) -> None:
    """Reserve the person for `deputy_id`, or raise Conflict naming the existing deputy."""
    pk = keys.deputy_identity_pk(region_id, name, phone)
    try:
        DeputyIdentityItem(pk=pk, sk=keys.META, deputy_id=deputy_id).save(
            condition=DeputyIdentityItem.pk.does_not_exist())
        return
    except PutError as exc:
        if not is_condition_failure(exc):
            raise
    guard = DeputyIdentityItem.get(pk, keys.META, consistent_read=True)
    if guard.deputy_id == deputy_id:
        return  # our own earlier attempt
    holder = _deputy(guard.deputy_id)
    if holder is not None and (holder.region_id, normal_name(holder.name),
                               normal_phone(holder.phone)) == (region_id, name, phone):
        raise Conflict(EXISTS, {"name": "exists", "phone": "exists", "existing": view(holder)})
    try:  # a stale guard: its deputy was never written or has another name now
        guard.update(actions=[DeputyIdentityItem.deputy_id.set(deputy_id)],
                     condition=DeputyIdentityItem.deputy_id == guard.deputy_id)
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise Conflict("the same deputy is being registered at this moment") from None
        raise


def release(*, region_id: str, name: str, phone: str, deputy_id: str) -> None:
    """Drop the guard if it is still this deputy's (after a rename or a failed write)."""
    try:
        DeputyIdentityItem(pk=keys.deputy_identity_pk(region_id, name, phone),
                           sk=keys.META).delete(
            condition=DeputyIdentityItem.deputy_id == deputy_id)
    except DeleteError as exc:
        if not is_condition_failure(exc):  # gone already, or another deputy's: leave it
            raise


def _deputy(deputy_id: str):
    try:
        return DeputyItem.get(keys.deputy_pk(deputy_id), keys.META, consistent_read=True)
    except DoesNotExist:
        return None
