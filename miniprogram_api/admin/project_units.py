"""The lead unit's livelihood-project pages: its projects, and a project's page where it
posts the monthly progress (month, percent, text, photos) and answers deputies' comments;
the office and admin read the same page."""
from flask import flash, redirect, render_template, request, url_for

from functions.identity.access import actor_id
from functions.shared.moments import SHANGHAI
from functions.shared.errors import Conflict, InvalidTransition, ValidationFailed
from functions.shared.ids import new_id
from functions.shared.validation import MAX_PHOTOS, plain_digits
from functions.projects import comments, progress, reading
from functions.projects.messages import FIELD_NAMES, LABELS, notice
from miniprogram_api.admin.base import bp, now, staff_page
from miniprogram_api.admin.forms import rejected

_REFUSED = (ValidationFailed, Conflict, InvalidTransition)


@bp.get("/unit-projects")
@staff_page("unit")
def unit_projects(actor):
    """The projects this unit leads, with their progress."""
    return render_template("admin/projects_unit.html", P=LABELS,
                           projects=reading.unit_projects(actor=actor))


def _page(actor, project_id: str) -> dict:
    page = reading.staff_project_page(actor=actor, project_id=project_id)
    for entry in page["project"]["progress"]:
        if entry.get("photos"):
            from functions.cases.uploads import photo_urls  # Pillow only with photos
            entry["photo_links"] = photo_urls(entry["photos"])
    # Each render's progress form carries a fresh key: posted twice, its photos stored once.
    return {**page, "P": LABELS, "refused": None, "form_key": new_id("f"),
            "month": now().astimezone(SHANGHAI).strftime("%Y-%m")}


@bp.get("/project/<project_id>")
@staff_page("unit", "office", "admin")
def unit_project(actor, project_id):
    """One project: progress history, the lead unit's forms, comments and replies."""
    return render_template("admin/project_unit.html", **_page(actor, project_id))


def _progress_body(actor) -> dict:
    """The form as the API's body; its photos stored once however often it is posted."""
    form = request.form
    percent = (form.get("percent") or "").strip()
    body = {"month": form.get("month", ""), "content": form.get("content", ""),
            "percent": int(percent) if plain_digits(percent) else percent,
            "reason": form.get("reason") or None}
    files = [f for f in request.files.getlist("photos") if f and f.filename]
    if len(files) > MAX_PHOTOS:
        raise ValidationFailed("too many photos", {"photos": f"at most {MAX_PHOTOS}"})
    from functions.cases import form_photos  # Pillow loads with the first photo
    body["photos"] = form_photos.store_all(owner_id=actor_id(actor), files=files, now=now(),
                                           form_key=form.get("idempotency_key") or None)
    return body


@bp.post("/project/<project_id>/progress")
@staff_page("unit")
def unit_project_progress(actor, project_id):
    """The lead unit reports a month; a refused form comes back as it was typed."""
    try:
        # Photos are stored only once the caller may report on this project now; what
        # that check read (the project, its round) is not read again for the report.
        checked = progress.check_progress(actor=actor, project_id=project_id)
        progress.post_progress(actor=actor, project_id=project_id, now=now(),
                               body=_progress_body(actor), checked=checked)
    except _REFUSED as exc:  # only a refused form needs the page: read it then
        return rejected("admin/project_unit.html", exc, FIELD_NAMES,
                        **{**_page(actor, project_id), "refused": "progress"})
    flash(notice("progress_posted", month=request.form.get("month")), "info")
    return redirect(url_for("admin.unit_project", project_id=project_id))


@bp.post("/project/<project_id>/comments/<comment_id>/reply")
@staff_page("unit")
def unit_project_reply(actor, project_id, comment_id):
    """The lead unit answers a deputy's comment, once."""
    try:
        comments.reply(actor=actor, project_id=project_id, comment_id=comment_id,
                       body={"content": request.form.get("content", "")}, now=now())
    except _REFUSED as exc:
        return rejected("admin/project_unit.html", exc, FIELD_NAMES,
                        **{**_page(actor, project_id), "refused": comment_id})
    flash(notice("replied"), "info")
    return redirect(url_for("admin.unit_project", project_id=project_id) + "#comments")
