"""The office's and units' steps on a case (assign, urge, release; sign, progress, answer,
return), at the contract's `/api/v1/cases/{id}/<action>` paths, apart from the mini-program's."""
from flask import Blueprint

from miniprogram_api.api.case_actions import STAFF_PATHS, add_case_actions

bp = Blueprint("staff_cases_api", __name__, url_prefix="/api/v1")
add_case_actions(bp, STAFF_PATHS)
