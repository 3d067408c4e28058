"""What a submission's body must hold to become a case: its fields, or ValidationFailed
naming each bad one (a retry's body is read the same way to compare it with its case)."""
from functions.org.categories import CASE_TYPES
from functions.shared.errors import ValidationFailed
from functions.shared.validation import (
    choice_problem, location_problem, phone_problem, photos_problem, text_problem,
)

MAX_CONTENT = 2000


def validate(body: dict, actor: dict, categories: list[dict]) -> dict:
    """The case's fields from `body`, for the region's `categories`."""
    from functions.cases.uploads import owns
    problems = {}
    category_ids = [c["id"] for c in categories]
    problems["category"] = choice_problem(body.get("category"), category_ids)
    problems["type"] = choice_problem(body.get("type"), CASE_TYPES)
    problems["content"] = text_problem(body.get("content"), field_max=MAX_CONTENT)
    photos = body.get("photos") or []
    problems["photos"] = photos_problem(photos, lambda p: owns(p, actor["user_id"]))
    if body.get("location") is not None:
        problems["location"] = location_problem(body["location"])
    phone = body.get("contact_phone")
    if phone not in (None, ""):
        problems["contact_phone"] = phone_problem(phone)
    if not isinstance(body.get("public", False), bool):
        problems["public"] = "true or false"
    problems = {k: v for k, v in problems.items() if v}
    if problems:
        raise ValidationFailed("invalid case", problems)
    location = body.get("location")
    return {"category": body["category"], "type": body["type"],
            "content": body["content"].strip(), "photos": photos,
            "location": dict(location) if location else None,
            "contact_phone": phone.strip() if phone else None,
            "public": bool(body.get("public", False))}
