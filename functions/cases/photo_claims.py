"""An upload belongs to one thing: the first case, duty record or project to attach it.

Attaching is one conditional UpdateItem per photo on its upload record, made before the
write that shows the photo: `attached_to` is set if unset or already this holder, so a
retry of the same request (same case id, same record id, same project) attaches again
while any other holder is refused with 409 `conflict`.
"""
from pynamodb.exceptions import UpdateError

from functions.shared.errors import Conflict, ValidationFailed
from functions.storage import keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import UploadItem


class PhotoTaken(Conflict):
    """Some photos already belong to something else; `file_ids` names them."""

    def __init__(self, file_ids: list[str]):
        super().__init__("a photo is already attached to something else",
                         {"photos": "already attached elsewhere: " + ", ".join(file_ids)})
        self.file_ids = file_ids


def attach_photos(file_ids: list[str] | None, *, holder: str) -> None:
    """Claim each upload for `holder` and keep its file; refuse the lot if one is taken.

    Photos claimed anew by this call are let go again when another one is refused, so a
    refused request leaves nothing claimed that it did not hold before.
    """
    from functions.cases.uploads import keep_photos
    claimed, taken = [], []
    for file_id in file_ids or []:
        outcome = _claim(file_id, holder)
        if outcome == "taken":
            taken.append(file_id)
        elif outcome == "new":
            claimed.append(file_id)
    if taken:
        let_go(claimed, holder=holder)
        raise PhotoTaken(taken)
    keep_photos(file_ids)


def let_go(file_ids: list[str], *, holder: str) -> None:
    """Release uploads `holder` claimed but does not show (its request was refused)."""
    for file_id in file_ids:
        _release(file_id, holder)


def _claim(file_id: str, holder: str) -> str:
    """"new" (claimed now), "again" (already this holder's) or "taken"."""
    condition = UploadItem.pk.exists() & (
        UploadItem.attached_to.does_not_exist() | (UploadItem.attached_to == holder))
    try:
        old = UploadItem._get_connection().update_item(
            keys.upload_pk(file_id), keys.META, actions=[UploadItem.attached_to.set(holder)],
            condition=condition, return_values="UPDATED_OLD")
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise
        if _missing(file_id):
            raise ValidationFailed("unknown photo", {"photos": "not a file id from uploads"}) \
                from None
        return "taken"
    return "again" if "attached_to" in (old.get("Attributes") or {}) else "new"


def _missing(file_id: str) -> bool:
    """Only on a refused claim: was it refused because there is no such upload?"""
    try:
        UploadItem.get(keys.upload_pk(file_id), keys.META)
    except UploadItem.DoesNotExist:
        return True
    return False


def _release(file_id: str, holder: str) -> None:
    try:
        UploadItem._get_connection().update_item(
            keys.upload_pk(file_id), keys.META, actions=[UploadItem.attached_to.remove()],
            condition=UploadItem.attached_to == holder)
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise
        # Already let go (its other holder's refusal raced this one): nothing to undo.
