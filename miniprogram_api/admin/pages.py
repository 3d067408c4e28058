"""The admin web page (/admin/): importing the page modules attaches their routes."""
from miniprogram_api.admin.base import bp
from miniprogram_api.admin import auth, cases, deputies, org, qr, reports  # noqa: F401
from miniprogram_api.admin import calendar, duty, duty_activities, projects  # noqa: F401
from miniprogram_api.admin import all_cases, project_units, suggestions  # noqa: F401

__all__ = ["bp"]
