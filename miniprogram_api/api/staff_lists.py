"""Staff lists: all of the region's cases (filtered), and the units and deputies clients
choose from."""
from flask import Blueprint, jsonify, request

from functions.cases import all_cases
from functions.org import choices
from miniprogram_api.api.request_helpers import actor, now

bp = Blueprint("staff_lists_api", __name__, url_prefix="/api/v1/staff")


@bp.get("/cases")
def get_cases():
    """The region's cases newest first, by status, category, unit, deputy and dates."""
    result = all_cases.find_page(actor=actor(), args=request.args,
                                 limit=request.args.get("limit"),
                                 cursor=request.args.get("cursor"), now=now())
    return jsonify({"items": result["items"], "next_cursor": result["next_cursor"]})


@bp.get("/units")
def get_units():
    """The region's units by name (id, name, active)."""
    return jsonify(choices.unit_choices(actor=actor(), limit=request.args.get("limit"),
                                        cursor=request.args.get("cursor")))


@bp.get("/deputies")
def get_deputies():
    """The region's deputies in pinyin order (id, name, level, station; phone for the office)."""
    args = request.args
    return jsonify(choices.deputy_choices(
        actor=actor(), name=args.get("name"), level=args.get("level"),
        station=args.get("station"), limit=args.get("limit"), cursor=args.get("cursor")))
