"""Public H5 pages of livelihood projects: a region's projects with their progress, and
one project with its supervisors, monthly reports and the deputies' comments."""
from flask import request

from functions.projects import public, reading
from functions.projects.messages import LABELS
from functions.org.regions import cached_region
from miniprogram_api.h5.base import bp, page


@bp.get("/h5/projects")
def public_projects():
    """A region's livelihood projects (of one year), a page at a time."""
    region_id = (request.args.get("region_id") or "").strip()
    year = (request.args.get("year") or "").strip() or None
    listed = public.public_projects(region_id=region_id, year=year, limit=20,
                                    cursor=request.args.get("cursor"))
    return page("projects_list.html", region=cached_region(region_id), year=year,
                projects=listed, P=LABELS)


@bp.get("/h5/projects/<project_id>")
def public_project(project_id):
    """One project: supervisors, progress month by month, comments and replies."""
    return page("projects_detail.html", P=LABELS, **reading.project_page(project_id=project_id))
