"""QR codes: each deputy's and station's code as a PNG, and A4 posters to print."""
import base64

from flask import Response, flash, redirect, render_template, request, url_for

from functions.deputies import admin as deputy_admin
from functions.org import staff_admin, stations
from functions.org.regions import cached_region
from functions.shared.errors import Conflict, ValidationFailed
from miniprogram_api.admin.base import bp, staff_page
from miniprogram_api.admin.forms import rejected
from miniprogram_api.admin.messages import notice

MAX_POSTERS = 200  # one print job; more is a printing shop's work, not a browser's


def _png(data: bytes, filename: str) -> Response:
    return Response(data, mimetype="image/png", headers={
        "Cache-Control": "private, max-age=3600",
        "Content-Disposition": f"inline; filename={filename}"})


def _qr():
    # qrcode and Pillow load on the first QR request, not at the API's cold start.
    from functions.channels import qr
    return qr


def _data_uri(entry_code: str) -> str:
    qr = _qr()
    png = qr.qr_png(qr.entry_url(entry_code), box_size=12)
    return "data:image/png;base64," + base64.b64encode(png).decode()


@bp.get("/deputies/<deputy_id>/qr.png")
@staff_page("admin", "office")
def deputy_qr(actor, deputy_id):
    """The deputy's QR code as a PNG (the same image the API serves)."""
    return _png(staff_admin.deputy_qr_png(actor=actor, deputy_id=deputy_id),
                f"deputy-{deputy_id}.png")


@bp.get("/stations")
@staff_page("admin", "office")
def station_list(actor):
    """Liaison stations with their own codes."""
    return render_template("admin/stations.html", stations=stations.list_stations(actor=actor))


@bp.post("/stations")
@staff_page("admin", "office")
def station_add(actor):
    """Give a liaison station its own entry code."""
    try:
        stations.add_station(actor=actor, name=request.form.get("name", ""))
    except (ValidationFailed, Conflict) as exc:
        return rejected("admin/stations.html", exc,
                        stations=stations.list_stations(actor=actor))
    flash(notice("station_added"), "info")
    return redirect(url_for("admin.station_list"))


@bp.get("/stations/<entry_code>/qr.png")
@staff_page("admin", "office")
def station_qr(actor, entry_code):
    """A station's QR code as a PNG."""
    station = stations.get_station(actor=actor, entry_code=entry_code)
    qr = _qr()
    return _png(qr.qr_png(qr.entry_url(station["entry_code"])), f"station-{entry_code}.png")


@bp.get("/qr-sheet")
@staff_page("admin", "office")
def qr_sheet(actor):
    """A4 posters, one per page: the chosen deputies (or stations), ready to print."""
    region = cached_region(actor["region_id"])
    posters = []
    for deputy_id in request.args.getlist("deputy")[:MAX_POSTERS]:
        item = deputy_admin.get_deputy(actor=actor, deputy_id=deputy_id)
        posters.append({"kind": "deputy", "name": item.name, "level": item.level,
                        "station": item.station, "entry_code": item.entry_code})
    for code in request.args.getlist("station")[:MAX_POSTERS]:
        station = stations.get_station(actor=actor, entry_code=code)
        posters.append({"kind": "station", "name": station["name"], "station": station["name"],
                        "entry_code": station["entry_code"]})
    if request.args.get("all") == "1":
        for d in deputy_admin.all_deputies(actor=actor, active=True)[:MAX_POSTERS]:
            posters.append({"kind": "deputy", "name": d["name"], "level": d["level"],
                            "station": d["station"], "entry_code": d["entry_code"]})
    for poster in posters:
        poster["qr"] = _data_uri(poster["entry_code"])
    return render_template("admin/qr_sheet.html", posters=posters, region=region)
