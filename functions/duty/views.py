"""How duty records and activities look in the API (public views drop what is private)."""
from functions.cases.uploads import photo_urls

_PRIVATE = ("created_by", "decided_by", "reason")


def record_view(record: dict, *, public: bool = False) -> dict:
    view = {k: record.get(k) for k in (
        "id", "deputy_id", "deputy_name", "kind", "title", "date", "content", "place",
        "source", "ref", "status", "points", "reason", "created_at", "decided_at",
        "created_by", "decided_by")}
    view["photos"] = photo_urls(record.get("photos") or [])
    if record.get("via"):
        view["via"] = record["via"]
    if public:
        for name in _PRIVATE:
            view.pop(name, None)
        if record.get("source") == "case":
            view.pop("ref", None)  # a case id is its citizen's business
    return view


def activity_view(item, *, with_code: bool = False, signed_up: bool | None = None) -> dict:
    view = {"id": item.activity_id, "region_id": item.region_id, "kind": item.kind,
            "title": item.title, "starts_at": item.starts_at, "ends_at": item.ends_at,
            "place": item.place, "capacity": int(item.capacity) if item.capacity else None,
            "signup_deadline": item.signup_deadline, "signed_up_count": int(item.signed_up or 0),
            "cancelled": bool(item.cancelled), "created_at": item.created_at}
    if with_code:
        view["check_in_code"] = item.check_in_code
    if signed_up is not None:
        view["signed_up"] = signed_up
    return view
