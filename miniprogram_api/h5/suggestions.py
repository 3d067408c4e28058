"""The public H5 page of a region's registered suggestions: units, classes, answers and
evaluations, no phone numbers (the same list as GET /api/v1/public/suggestions)."""
from flask import request

from functions.org.regions import cached_region
from functions.shared import clock
from functions.shared.errors import ValidationFailed
from functions.suggestions import lists
from functions.suggestions.messages import SUGGESTION_LABELS
from miniprogram_api.h5.base import bp, page

PAGE_SIZE = 20


@bp.get("/h5/suggestions")
def public_suggestions():
    """Registered suggestions of a region and year, a page at a time."""
    region_id = (request.args.get("region_id") or "").strip()
    if not region_id:
        raise ValidationFailed("region_id is required", {"region_id": "required"})
    region = cached_region(region_id)
    listed = lists.public_suggestions(region_id=region_id, year=request.args.get("year"),
                                      now=clock.now(), limit=PAGE_SIZE,
                                      cursor=request.args.get("cursor"))
    return page("suggestions.html", region=region, rows=listed, S=SUGGESTION_LABELS,
                year=request.args.get("year"))
