"""Who an outbox entry's audience is, as people with a WeChat openid and/or a phone."""
from dataclasses import dataclass

from functions import deputies
from functions.identity import staff_contacts, users
from functions.notifications import credits
from functions.notifications.code_names import ROLE_NAMES
from functions.shared.errors import NotFound
from functions.shared.masking import mask_phone
from functions.storage import keys
from functions.storage.notification_models import CreditItem


@dataclass(frozen=True)
class Recipient:
    key: str  # stable: part of the notification record id
    user_id: str | None  # whose subscription credits a WeChat send spends
    openid: str | None
    phone: str | None
    sms: bool  # deputies and staff get SMS; citizens only WeChat
    name: str | None = None  # how the notification log names them (a citizen masked)
    # {template id: credits} when read with the user (citizens): a send it cannot pay for
    # is skipped without claiming it (functions/notifications/dispatch.py `certain_skip`).
    credits: dict | None = None
    # Outbox entries whose send spent one of those credits lately (read with them): a
    # stopped sender's, when the entry does not say how its send ended.
    spent_for: frozenset = frozenset()


def resolve(case: dict, audience: str, kind: str = "case") -> list[Recipient]:
    if kind == "suggestion":
        return _of_suggestion(case, audience)
    if audience == "citizen":
        # The user and its credits in one Query of its partition.
        partition = credits.user_partition(case["owner_id"])
        user = partition.get(keys.META)  # identity's user item: its id and openid
        if user is None:
            return []
        who = mask_phone(case.get("contact_phone")) or "微信用户"
        door = _wechat_door(user)  # an H5 user hears through its linked WeChat user
        if door is not user:  # its credits were not read
            return [Recipient(f"user:{user.user_id}", door.user_id, door.openid, None, False,
                              f"群众 {who}")]
        return [Recipient(f"user:{user.user_id}", door.user_id, door.openid, None, False,
                          f"群众 {who}", *_credits(partition.values()))]
    if audience == "deputy" and case.get("deputy_id"):
        return _deputy(case["deputy_id"])
    if audience == "unit" and case.get("unit_id"):
        unit_ids = [case["unit_id"], *(case.get("co_unit_ids") or [])]
        return [r for u in unit_ids for r in _staff(staff_contacts.to_notify(unit_id=u))]
    if audience in ("office", "deputy"):  # a case without a deputy is the office's
        return _staff(staff_contacts.to_notify(region_id=case["region_id"]))
    return []


def _wechat_door(user):
    """Where a citizen hears by WeChat: the user, or for a case made by H5 phone login, the
    WeChat user that verified the same phone (its openid and its credits)."""
    if user.openid or not user.linked_user_id:
        return user
    linked = users.get_user_item(user.linked_user_id)
    return linked if linked is not None and linked.openid else user


def _deputy(deputy_id: str) -> list[Recipient]:
    try:
        deputy = deputies.get_deputy_item(deputy_id)
    except NotFound:
        return []
    if not deputy.active:
        return []
    # The credits of the WeChat user it is bound to, read with it as a citizen's are: a
    # send it cannot pay for is skipped unclaimed, and one it can is claimed by the
    # credit's write, not by a write of the case first (functions/notifications/dispatch.py).
    paid = _credits(credits.user_partition(deputy.bound_user_id).values()) \
        if deputy.openid and deputy.bound_user_id else ()
    return [Recipient(f"deputy:{deputy.deputy_id}", deputy.bound_user_id, deputy.openid,
                      deputy.phone, True, f"代表 {deputy.name}", *paid)]


def _credits(items) -> tuple[dict, frozenset]:
    """{template id: credits} of a user's partition, and the entries they were lately
    spent for."""
    held = [i for i in items if isinstance(i, CreditItem)]
    return ({i.template_id: int(i.credits or 0) for i in held},
            frozenset().union(*(credits.spent_for(i) for i in held)))


def _of_suggestion(suggestion: dict, audience: str) -> list[Recipient]:
    """A suggestion's audiences: its lead deputy, co-signers (not those who declined),
    lead unit, co-units and the office of its region."""
    if audience == "deputy":
        return _deputy(suggestion["lead_id"])
    if audience == "cosigners":
        return [r for c in suggestion.get("cosigners") or [] if c["status"] != "declined"
                for r in _deputy(c["deputy_id"])]
    if audience == "unit" and suggestion.get("unit_id"):
        return _staff(staff_contacts.to_notify(unit_id=suggestion["unit_id"]))
    if audience == "co_units":
        return [r for u in suggestion.get("co_unit_ids") or []
                for r in _staff(staff_contacts.to_notify(unit_id=u))]
    if audience == "office":
        return _staff(staff_contacts.to_notify(region_id=suggestion["region_id"]))
    return []


def _staff(accounts: list[dict]) -> list[Recipient]:
    return [Recipient(f"staff:{s['username']}", None, s["openid"], s["phone"], True,
                      f"{ROLE_NAMES.get(s['role'], '工作人员')} {s['username']}")
            for s in accounts]
