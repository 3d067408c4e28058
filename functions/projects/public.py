"""What anyone may read: a region's projects with their progress and, once evaluated,
their satisfaction."""
from functions.shared.errors import ValidationFailed
from functions.shared.pagination import page
from functions.storage.keys import plausible_id
from functions.storage import indexes
from . import keys
from .models import ProjectItem
from .views import project_view
from functions.shared.validation import plain_digits


def public_projects(*, region_id=None, year=None, limit=None, cursor=None) -> dict:
    """One page of the region's projects (of one year when given)."""
    if not plausible_id(region_id) or not region_id.strip():
        raise ValidationFailed("region_id is required", {"region_id": "required"})
    if year in (None, ""):
        year = None
    elif not (isinstance(year, str) and plain_digits(year) and 2000 <= int(year) <= 2100):
        raise ValidationFailed("invalid year", {"year": "a year such as 2027"})
    scope = keys.region_projects_key(region_id)
    condition = indexes.region_projects.sort_key(ProjectItem).startswith(f"{year}#") \
        if year else None

    def query(**kwargs):
        return indexes.region_projects.query(ProjectItem, scope, condition, **kwargs)
    return page(query, scope=f"{scope}|{year}", limit=limit, cursor=cursor, view=project_view)
