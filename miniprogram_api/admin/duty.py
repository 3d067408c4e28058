"""Duty pages: 履职审核, 履职排名 (Excel), 代表档案 (printable A4, Excel, office entry),
积分规则."""
import secrets

from flask import flash, redirect, render_template, request, url_for

from functions.shared.errors import ValidationFailed
from functions.org.categories import DEPUTY_LEVELS
from functions.duty import archive, export, ranking, records, rules, settings
from functions.duty.messages import (FIELD_NAMES, KIND_NAMES, POINT_NAMES, SOURCE_NAMES,
                                     STATUS_NAMES)
from miniprogram_api.admin.base import back, bp, now, staff_page
from miniprogram_api.admin.downloads import xlsx_download

DUTY_LABELS = {"kind": KIND_NAMES, "source": SOURCE_NAMES, "status": STATUS_NAMES,
               "points": POINT_NAMES}


@bp.context_processor
def duty_labels():
    return {"DL": DUTY_LABELS}


@bp.get("/duty/review")
@staff_page("office")
def duty_review(actor):
    """Self-reported records waiting for the office's check, oldest first."""
    rows = records.pending(actor=actor, limit=request.args.get("limit") or 50,
                           cursor=request.args.get("cursor"))
    return render_template("admin/duty_review.html", rows=rows)


@bp.post("/duty/records/<record_id>/verify")
@staff_page("office")
def duty_verify(actor, record_id):
    """Verify a record: its points are fixed now."""
    records.decide(actor=actor, record_id=record_id, verdict="verify", body={}, now=now())
    flash("已核实，积分已计入。", "info")
    return back("admin.duty_review")


@bp.post("/duty/records/<record_id>/reject")
@staff_page("office")
def duty_reject(actor, record_id):
    """Send a record back with the reason the deputy sees."""
    records.decide(actor=actor, record_id=record_id, verdict="reject",
                   body={"reason": request.form.get("reason")}, now=now())
    flash("已退回，代表可看到退回理由。", "info")
    return back("admin.duty_review")


def _ranking_filters() -> dict:
    """The page's level / group / station filters that were filled in."""
    return {name: request.args[name].strip() for name in ("level", "group", "station")
            if (request.args.get(name) or "").strip()}


@bp.get("/duty/ranking")
@staff_page("office", "admin")
def duty_ranking(actor):
    """The region's ranking of a year, a page at a time, filtered by level/group/station."""
    filters = _ranking_filters()
    year = request.args.get("year") or str(rules.local_day(now()).year)
    rows = ranking.page(actor=actor, region_id=actor["region_id"], year=year,
                        limit=request.args.get("limit") or 50,
                        cursor=request.args.get("cursor"), now=now(), **filters)
    this_year = rules.local_day(now()).year
    return render_template("admin/duty_ranking.html", rows=rows, year=year, filters=filters,
                           levels=DEPUTY_LEVELS, kinds=rules.KINDS,
                           years=[str(y) for y in range(this_year, this_year - 5, -1)])


@bp.get("/duty/ranking.xlsx")
@staff_page("office", "admin")
def duty_ranking_export(actor):
    """The whole ranking as an Excel sheet."""
    year = request.args.get("year") or str(rules.local_day(now()).year)
    rows = export.ranking_rows(actor=actor, year=year, filters=_ranking_filters(), now=now())
    return xlsx_download(export.ranking_xlsx(rows), f"duty-ranking-{year}.xlsx")


@bp.get("/duty/deputies/<deputy_id>")
@staff_page("office", "admin")
def duty_archive(actor, deputy_id):
    """A deputy's archive of a year, laid out to print on A4."""
    data = archive.archive(actor=actor, deputy_id=deputy_id, year=request.args.get("year"),
                           now=now())
    if data["view"] != "full":
        return render_template("admin/error.html", title="没有权限",
                               message="该代表不属于本行政区。"), 403
    return render_template("admin/duty_archive.html", a=data, kinds=rules.KINDS,
                           form_key=secrets.token_urlsafe(12),
                           today=rules.local_day(now()).isoformat())


@bp.post("/duty/deputies/<deputy_id>/records")
@staff_page("office")
def duty_enter(actor, deputy_id):
    """The office enters a verified record for the deputy (a retried form makes one)."""
    body = {k: request.form.get(k) or None for k in ("kind", "title", "date", "place",
                                                    "content")}
    try:
        records.enter(actor=actor, idempotency_key=request.form.get("idempotency_key"),
                      body={**body, "deputy_id": deputy_id}, now=now())
        flash("履职记录已录入并计分。", "info")
    except ValidationFailed as exc:
        named = "、".join(FIELD_NAMES.get(f, f) for f in exc.fields)
        flash(f"未录入，请检查：{named}（日期不能晚于今天或早于本届任期开始）", "error")
    return redirect(url_for("admin.duty_archive", deputy_id=deputy_id,
                            year=(body["date"] or "")[:4] or None))


@bp.get("/duty/deputies/<deputy_id>.xlsx")
@staff_page("office", "admin")
def duty_archive_export(actor, deputy_id):
    """A deputy's records of a year as an Excel sheet."""
    data, sheet = export.archive_xlsx(actor=actor, deputy_id=deputy_id,
                                      year=request.args.get("year"), now=now())
    if data["view"] != "full":
        return render_template("admin/error.html", title="没有权限", message=""), 403
    return xlsx_download(sheet, f"duty-archive-{deputy_id}-{data['year']}.xlsx")


@bp.route("/duty/rules", methods=["GET", "POST"])
@staff_page("office", "admin")
def duty_rules(actor):
    """积分规则: points per kind and the term start; applies to records verified later."""
    current, errors = settings.current(actor=actor), {}
    if request.method == "POST":
        form = {k: request.form.get(k, "") for k in rules.POINT_KEYS}
        try:
            settings.save(actor=actor, points=form, term_start=request.form.get("term_start"),
                          now=now())
            flash("积分规则已保存，此后核实的记录按新规则计分。", "info")
            return redirect(url_for("admin.duty_rules"))
        except ValidationFailed as exc:
            errors = exc.fields
            current = {"points": form, "term_start": request.form.get("term_start", "")}
    return render_template("admin/duty_rules.html", current=current, errors=errors,
                           keys=rules.POINT_KEYS), 400 if errors else 200
