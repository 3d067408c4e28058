"""Subscription-message credits: each `accept` of `wx.requestSubscribeMessage` allows
exactly one send of that template to that user, so we count them and never send without one.

Long-term templates (government and civic services may have them) need no credit.
Every change is one UpdateItem; a credit is spent by a conditional decrement, so two
senders racing for the last credit cannot both win. Here: which templates, spending a
credit and giving it back, reading them; where credits come from (the user's accepts):
functions/notifications/credit_accepts.py.
"""
from pynamodb.exceptions import UpdateError

from functions.shared.clock import now as clock_now
from functions.shared.config import settings
from functions.storage import keys
from functions.storage.conditions import is_condition_failure
from functions.storage.notification_models import CreditItem


def template_for(event: str) -> str | None:
    """The subscription template id configured for a notification event."""
    return settings().wechat_templates.get(event)


def is_long_term(template_id: str) -> bool:
    return template_id in settings().wechat_long_term_templates


def known_templates() -> frozenset:
    return frozenset(settings().wechat_templates.values()) | settings().wechat_long_term_templates


def add_credits(*, user_id: str, template_id: str, count: int = 1,
                given_back_by: str | None = None) -> int:
    """Add credits (creating the item on first sight); → credits now. `given_back_by`: the
    outbox entry whose certainly unsent message gives its credit back, unmarked with it."""
    item = CreditItem(pk=keys.user_pk(user_id), sk=keys.credit_sk(template_id))
    actions = [CreditItem.credits.add(count), CreditItem.template_id.set(template_id),
               CreditItem.item_type.set(CreditItem)]
    if given_back_by:
        actions += [slot.delete({given_back_by}) for slot in _SLOTS]
    item.update(actions=actions)
    return int(item.credits)


# An entry's mark outlives its delivery (a few hours of retries at most) by a day at
# least: a credit spent on day d marks slot d % 3, and clears the slot of day d - 2.
_SLOTS = (CreditItem.spent0, CreditItem.spent1, CreditItem.spent2)


def consume_credit(*, user_id: str, template_id: str, marker: str | None = None,
                   now=None) -> bool:
    """Spend one credit before a send; False when there is none (then do not send).

    With `marker` (the outbox entry sending), the credit is spent only if no sender spent
    one for that entry yet, and the entry is marked as sent-or-sending here in the same
    write: a sender that stops before recording the result leaves the mark, and the next
    sender of the entry, reading the user's partition, records it `unknown` instead of
    sending again — the write is the send's claim (functions/notifications/outbox_delivery.py).
    """
    if is_long_term(template_id):
        return True
    item = CreditItem(pk=keys.user_pk(user_id), sk=keys.credit_sk(template_id))
    actions, condition = [CreditItem.credits.add(-1)], CreditItem.credits > 0
    if marker:
        day = (now or clock_now()).toordinal()
        actions += [_SLOTS[day % 3].add({marker}), _SLOTS[(day + 1) % 3].remove()]
        for slot in _SLOTS:
            condition &= ~slot.contains(marker)
    try:
        item.update(actions=actions, condition=condition)
    except UpdateError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True


def spent_for(item: CreditItem) -> set:
    """The outbox entries whose sends spent a credit of this item lately."""
    return set().union(*(getattr(item, slot.attr_name) or () for slot in _SLOTS))


def reset_credits(*, user_id: str, template_id: str) -> None:
    """Forget the credits of a template: the user turned it off, or WeChat says 43101."""
    item = CreditItem(pk=keys.user_pk(user_id), sk=keys.credit_sk(template_id))
    try:
        item.update(actions=[CreditItem.credits.set(0)], condition=CreditItem.pk.exists())
    except UpdateError as exc:
        if not is_condition_failure(exc):  # no item means no credits already
            raise


def user_partition(user_id: str) -> dict:
    """Every item of the user's partition by sort key: the user (META) and its credits,
    in one Query, so the request reads the caller and the credits together."""
    from functions.storage.models import BaseItem
    return {item.sk: item for item in BaseItem.query(keys.user_pk(user_id),
                                                      consistent_read=True)}


def credits_of(user_id: str, template_ids) -> dict:
    """{template_id: credits} for these templates, 0 where the user never accepted."""
    wanted = list(template_ids)
    if not wanted:
        return {}
    stored = {item.template_id: int(item.credits) for item in CreditItem.query(
        keys.user_pk(user_id), CreditItem.sk.startswith(keys.credit_sk("")),
        consistent_read=True)}
    return {tid: stored.get(tid, 0) for tid in wanted}
