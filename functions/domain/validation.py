"""Field checks shared by use cases; each returns an error message or None."""
import re

MOBILE = re.compile(r"^1[3-9]\d{9}$")


def phone_problem(phone) -> str | None:
    if not isinstance(phone, str) or not MOBILE.match(phone.strip()):
        return "a mainland mobile number, 11 digits starting with 1"
    return None


def text_problem(value, *, field_max: int, required: bool = True) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "required" if required else None
    if not isinstance(value, str):
        return "must be text"
    if len(value) > field_max:
        return f"at most {field_max} characters"
    return None


def choice_problem(value, choices) -> str | None:
    return None if value in choices else f"one of {', '.join(choices)}"
