"""Deputy pages: list and filter, create, edit, (de)activate, new bind code, Excel in/out."""
from flask import flash, redirect, render_template, request, url_for

from functions.deputies import admin as deputy_admin, sheet_import as deputy_import
from functions.org import staff_admin
from functions.org.categories import DEPUTY_LEVELS
from functions.shared.errors import Conflict, ValidationFailed
from miniprogram_api.admin.base import back, bp, staff_page
from miniprogram_api.admin.downloads import xlsx_download
from miniprogram_api.admin.messages import IMPORT_EXPECTED, field_problems, import_problem, notice

FIELDS = ("name", "phone", "level", "station", "group")


def _filters() -> dict:
    args = request.args
    active = {"1": True, "0": False}.get(args.get("active", ""))
    return {"name": args.get("name") or None, "level": args.get("level") or None,
            "group": args.get("group") or None, "station": args.get("station") or None,
            "active": active}


@bp.get("/deputies")
@staff_page("admin", "office")
def deputies(actor):
    """The region's deputies, searchable by name prefix, filtered by level/group/station."""
    rows = deputy_admin.list_deputies(actor=actor, cursor=request.args.get("cursor"),
                                      limit=request.args.get("limit") or 50, **_filters())
    return render_template("admin/deputies.html", rows=rows, levels=DEPUTY_LEVELS,
                           args=request.args)


def _deputy_form(form: dict, deputy, save):
    """Run `save()` on a posted form; the form page again with what went wrong, or None.

    A refused form keeps what was typed; the same person already registered is 409 with
    a link to them."""
    errors, existing, status = {}, None, 200
    if request.method == "POST":
        try:
            return save()
        except ValidationFailed as exc:
            errors, status = exc.fields, 400
        except Conflict as exc:
            if "existing" not in exc.fields:
                raise
            existing, status = exc.fields["existing"], 409
    return render_template("admin/deputy_form.html", form=form, errors=errors, deputy=deputy,
                           existing=existing, levels=DEPUTY_LEVELS,
                           problems=field_problems(errors)), status


@bp.route("/deputies/new", methods=["GET", "POST"])
@staff_page("admin", "office")
def deputy_new(actor):
    """Register one deputy: entry code and one-time bind code."""
    form = {f: request.form.get(f, "") for f in FIELDS}

    def save():
        created = staff_admin.add_deputy(actor=actor, body={
            k: (v.strip() or None) for k, v in form.items()})
        flash(notice("deputy_created", bind_code=created["bind_code"]), "info")
        return redirect(url_for("admin.deputy_edit", deputy_id=created["id"]))
    return _deputy_form(form, None, save)


@bp.route("/deputies/<deputy_id>", methods=["GET", "POST"])
@staff_page("admin", "office")
def deputy_edit(actor, deputy_id):
    """Edit a deputy; the form carries the version it was read at."""
    item = deputy_admin.get_deputy(actor=actor, deputy_id=deputy_id)
    form = {f: getattr(item, f) or "" for f in FIELDS}
    if request.method == "POST":
        form = {f: request.form.get(f, "") for f in FIELDS}

    def save():
        deputy_admin.edit_deputy(actor=actor, deputy_id=deputy_id, body=form,
                                 version=request.form.get("version"))
        flash(notice("deputy_saved"), "info")
        return redirect(url_for("admin.deputy_edit", deputy_id=deputy_id))
    return _deputy_form(form, item, save)


@bp.post("/deputies/<deputy_id>/active")
@staff_page("admin", "office")
def deputy_active(actor, deputy_id):
    """Deactivate or reactivate a deputy."""
    active = request.form.get("active") == "1"
    deputy_admin.set_active(actor=actor, deputy_id=deputy_id, active=active,
                            version=request.form.get("version"))
    flash(notice("deputy_active" if active else "deputy_inactive"), "info")
    return back("admin.deputy_edit", deputy_id=deputy_id)


@bp.post("/deputies/<deputy_id>/bind-code")
@staff_page("admin", "office")
def deputy_bind_code(actor, deputy_id):
    """Replace the one-time bind code (lost letter, a new phone)."""
    code = deputy_admin.new_bind_code(actor=actor, deputy_id=deputy_id,
                                      version=request.form.get("version"))
    flash(notice("bind_code", bind_code=code), "info")
    return redirect(url_for("admin.deputy_edit", deputy_id=deputy_id))


@bp.route("/deputies/import", methods=["GET", "POST"])
@staff_page("admin", "office")
def deputy_import_page(actor):
    """Upload an Excel sheet; every row is checked before any is written."""
    if request.method == "GET":
        return render_template("admin/deputy_import.html", result=None)
    upload = request.files.get("file")
    data = upload.read() if upload else b""
    try:
        result = deputy_import.import_deputies(actor=actor, data=data)
    except ValidationFailed as exc:
        result = {"created": [], "existing": [], "problems": [
            {"row": "-", "field": "file", "problem": exc.fields.get("file", "unreadable")}]}
    for problem in result["problems"]:
        problem["text"] = import_problem(problem)
        problem["expected"] = IMPORT_EXPECTED.get(problem["field"], "")
    if result["created"]:
        flash(notice("imported", count=len(result["created"])), "info")
    status = 400 if result["problems"] else 200
    return render_template("admin/deputy_import.html", result=result), status


@bp.get("/deputies/import-template.xlsx")
@staff_page("admin", "office")
def deputy_import_template(actor):
    """The empty sheet to fill in."""
    return xlsx_download(deputy_import.template_bytes(), "deputies-template.xlsx")


@bp.get("/deputies/export.xlsx")
@staff_page("admin", "office")
def deputy_export(actor):
    """The filtered deputies as an Excel sheet."""
    items = deputy_admin.all_deputies(actor=actor, **_filters())
    return xlsx_download(deputy_import.export_bytes(items), "deputies.xlsx")
