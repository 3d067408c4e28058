"""Where subscription-message credits come from: the user's answers to a popup, as the
mini-program posts them, and WeChat's server push of the same accepts, each accept
counted once whoever reports it first (functions/notifications/credits.py spends them)."""
from datetime import timedelta

from pynamodb.exceptions import UpdateError

from functions.notifications.credits import credits_of, known_templates
from functions.shared.clock import iso, now as clock_now
from functions.shared.errors import RateLimited, ValidationFailed
from functions.storage import keys
from functions.storage.conditions import is_condition_failure
from functions.storage.notification_models import CreditItem

RESULTS = ("accept", "reject", "ban", "filter")
# WeChat asks for at most 3 templates per popup, and every popup needs a tap; credits a
# client reports beyond MAX_CREDITS of one template are not believed (429).
MAX_TEMPLATES_PER_CALL = 3
MAX_CREDITS = 30


def record_results(*, user_id: str, results: dict, stored: dict | None = None) -> dict:
    """The user's answers to a subscription popup → {template_id: credits now}."""
    if not isinstance(results, dict) or not results:
        raise ValidationFailed("results must map template ids to answers",
                               {"results": "an object of template_id: accept|reject|ban|filter"})
    # The popup's success result also carries `errMsg`; clients may pass it through.
    answers = {tid: answer for tid, answer in results.items() if tid != "errMsg"}
    fields = {}
    for template_id, answer in answers.items():
        if answer not in RESULTS:
            fields[template_id] = "must be one of " + ", ".join(RESULTS)
        elif template_id not in known_templates():
            fields[template_id] = "unknown template"
    if len(answers) > MAX_TEMPLATES_PER_CALL:
        fields["results"] = f"at most {MAX_TEMPLATES_PER_CALL} templates, as one popup asks"
    if fields:
        raise ValidationFailed("invalid subscription results", fields)
    accepted = [tid for tid, answer in answers.items() if answer == "accept"]
    others = [tid for tid in answers if tid not in accepted]
    if stored is None:
        counts = credits_of(user_id, others)
    else:  # the caller's partition was read already (with the user item)
        held = {item.template_id: int(item.credits) for item in stored.values()
                if isinstance(item, CreditItem)}
        counts = {tid: held.get(tid, 0) for tid in others}
        full = [tid for tid in accepted if held.get(tid, 0) >= MAX_CREDITS]
        if full:
            raise RateLimited("enough credits for now", {
                "retry_after": iso(clock_now() + timedelta(days=1)),
                **{tid: f"at most {MAX_CREDITS} credits" for tid in full}})
    for template_id in accepted:
        counts[template_id] = add_accept(user_id=user_id, template_id=template_id,
                                         source="client")
    return counts


# WeChat reports one accept twice: to the mini-program (which posts it to us) and by
# server push. An accept from one reporter within this window of an unmatched accept from
# the other is the same consent and is not counted again.
PAIR_WINDOW = timedelta(minutes=2)


def add_accept(*, user_id: str, template_id: str, source: str) -> int:
    """Count one accept reported by `source` ("client" or "push") once; → credits now."""
    now = clock_now()
    item = CreditItem(pk=keys.user_pk(user_id), sk=keys.credit_sk(template_id))
    fresh = (CreditItem.unpaired_source.does_not_exist() |
             (CreditItem.unpaired_source == source) |
             (CreditItem.unpaired_at < iso(now - PAIR_WINDOW))) & \
        (CreditItem.credits.does_not_exist() | (CreditItem.credits < MAX_CREDITS))
    try:
        item.update(actions=[CreditItem.credits.add(1), CreditItem.template_id.set(template_id),
                             CreditItem.item_type.set(CreditItem),
                             CreditItem.unpaired_source.set(source),
                             CreditItem.unpaired_at.set(iso(now))], condition=fresh)
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise
        # The other reporter already counted this accept (or the credits are at their
        # bound): pair them, count nothing.
        item.update(actions=[CreditItem.unpaired_source.remove(),
                             CreditItem.unpaired_at.remove()])
    return int(item.credits)
