"""The admin web page (/admin/): importing the page modules attaches their routes."""
from .admin_base import bp
from . import admin_auth, admin_calendar, admin_cases, admin_deputies, admin_org, admin_qr, admin_reports  # noqa: F401,E501
from . import admin_projects, admin_duty, admin_duty_activities  # noqa: F401

__all__ = ["bp"]
