"""The checks a new draft must pass: its fields, its invited co-signers (active deputies
of the lead's region) and its linked cases (the deputy's own). A retry of a stored draft
is not checked again (drafting.py)."""
from functions.shared.errors import NotFound, ValidationFailed
from functions.shared.validation import choice_problem, text_problem

SESSIONS = ("session", "interim")
MAX_COSIGNERS, MAX_CASES = 20, 10


def checked(body: dict, *, lead, actor: dict) -> tuple[dict, list[dict]]:
    """The draft's fields and its invitations; ValidationFailed naming what is wrong."""
    fields = _validate(body, lead)
    cosigners = _cosigners(fields.pop("cosigner_ids"), lead)
    _check_cases(fields["case_ids"], actor)
    return fields, cosigners


def _validate(body: dict, lead) -> dict:
    from functions.org.regions import cached_region, categories_of
    categories = [c["id"] for c in categories_of(cached_region(lead.region_id))]
    problems = {"title": text_problem(body.get("title"), field_max=100),
                "content": text_problem(body.get("content"), field_max=8000),
                "category": choice_problem(body.get("category"), categories),
                "session": choice_problem(body.get("session"), SESSIONS)}
    for name, limit in (("case_ids", MAX_CASES), ("cosigner_ids", MAX_COSIGNERS)):
        value = body.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value) \
                or len(value) > limit or len(set(value)) != len(value):
            problems[name] = f"a list of up to {limit} distinct ids"
    problems = {k: v for k, v in problems.items() if v}
    if problems:
        raise ValidationFailed("invalid suggestion", problems)
    return {"title": body["title"].strip(), "content": body["content"].strip(),
            "category": body["category"], "session": body["session"],
            "case_ids": list(body.get("case_ids") or []),
            "cosigner_ids": list(body.get("cosigner_ids") or [])}


def _cosigners(deputy_ids: list[str], lead) -> list[dict]:
    """Invitations to active deputies of the lead's region (never the lead)."""
    from functions.deputies import get_deputy_item
    invited, wrong = [], []
    for deputy_id in deputy_ids:
        try:
            item = get_deputy_item(deputy_id)
        except NotFound:
            item = None
        if item is None or item.region_id != lead.region_id or not item.active \
                or deputy_id == lead.deputy_id:
            wrong.append(deputy_id)
            continue
        invited.append({"deputy_id": deputy_id, "name": item.name, "status": "invited"})
    if wrong:
        raise ValidationFailed("only other deputies of your region can be invited",
                               {"cosigner_ids": f"not a deputy of your region: {', '.join(wrong)}"})
    return invited


def _check_cases(case_ids: list[str], actor: dict) -> None:
    """Linked cases must be the deputy's own: ones it may read as their deputy."""
    from functions.cases import links
    wrong = [c for c in case_ids if not links.deputy_may_link(c, actor)]
    if wrong:
        raise ValidationFailed("only your own cases can be linked",
                               {"case_ids": f"not a case of yours: {', '.join(wrong)}"})
