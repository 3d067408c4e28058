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


def plain_digits(text) -> bool:
    """Only 0-9: str.isdigit() also says yes to "²", which int() refuses."""
    return isinstance(text, str) and text.isascii() and text.isdigit()


def choice_problem(value, choices) -> str | None:
    return None if value in choices else f"one of {', '.join(choices)}"


# A coordinate closer to 0 is no place anyone means, and below 1e-130 the store refuses it.
MIN_DEGREES = 1e-9


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
    if any(value and abs(value) < MIN_DEGREES for value in (lat, lng)):
        return f"lat and lng in degrees: 0 or at least {MIN_DEGREES} away from it"
    if set(location) - {"lat", "lng", "address"}:
        return "only lat, lng and address"
    return text_problem(location.get("address"), field_max=200, required=False)


MAX_PHOTOS = 9


def photos_problem(photos, owns) -> str | None:
    """A list of up to nine distinct file ids, each one `owns(file_id)` says is the caller's."""
    if not isinstance(photos, list) or not all(isinstance(p, str) for p in photos):
        return "a list of file ids"
    if len(photos) > MAX_PHOTOS:
        return f"at most {MAX_PHOTOS} photos"
    if len(set(photos)) != len(photos) or not all(owns(p) for p in photos):
        return "each photo must be a distinct upload of your own"
    return None
