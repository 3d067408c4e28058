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


def location_problem(location) -> str | None:
    """`{lat, lng, address?}` with real coordinates (WGS-84 / GCJ-02 degrees)."""
    if not isinstance(location, dict):
        return "an object with lat and lng"
    lat, lng = location.get("lat"), location.get("lng")
    for value in (lat, lng):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "lat and lng must be numbers"
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return "lat within ±90 and lng within ±180"
    if set(location) - {"lat", "lng", "address"}:
        return "only lat, lng and address"
    return text_problem(location.get("address"), field_max=200, required=False)
