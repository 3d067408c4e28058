"""Livelihood projects (民生实事): a region's yearly round of proposals, the deputies'
vote, the projects' progress and their satisfaction evaluation.

The table's models load first: `storage.models` pulls in this package's models at its end,
so importing `functions.projects.models` directly must not start that cycle from here.
"""
from functions.storage import models as _table_models  # noqa: F401
