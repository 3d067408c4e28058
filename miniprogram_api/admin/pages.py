"""The admin web page (/admin/): importing the page modules attaches their routes."""
from miniprogram_api.admin.base import bp
from miniprogram_api.admin import (  # noqa: F401
    auth, cases, deputies, org, qr, reports, suggestions,
)

__all__ = ["bp"]
