"""The admin web page (/admin/): importing the page modules attaches their routes."""
from .admin_base import bp
from . import admin_auth, admin_cases, admin_deputies, admin_org, admin_qr, admin_reports, admin_duty, admin_duty_activities  # noqa: F401,E501

__all__ = ["bp"]
