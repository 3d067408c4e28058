"""The store client's botocore data: DynamoDB's own files and a trimmed endpoints.json.

Making a botocore client decodes botocore's endpoints.json (1.25 MB: every service of every
partition) and walks its ~400 service folders to check that the service exists: most of the
~100 ms a DynamoDB client costs at a cold start. So the store client's session loads from
DATA_DIR alone, which `make install` and both Lambda packages write from the botocore they
carry (infra/trim_botocore.py): botocore's top-level data files, DynamoDB's folder, and
endpoints.json with every partition but only DynamoDB's service entries, beside the botocore
version they came from. Without that directory, or when it came from another botocore
version, the session keeps botocore's own data (slower, same endpoints) and the log says so.
AWS_DATA_PATH, if set, wins; ~/.aws/models (a user's own service models) is not searched.
"""
import logging
import os

import botocore
from botocore.loaders import Loader

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "botocore-data")
VERSION_FILE = "botocore-version"

log = logging.getLogger(__name__)


class _TrimmedLoader(Loader):
    """Loads from one folder alone, and counts its files as botocore's own data (they are,
    trimmed), so endpoints resolve exactly as with the full data (botocore treats a custom
    endpoints.json differently)."""

    def is_builtin_path(self, path):
        return os.path.abspath(path).startswith(self.search_paths[0] + os.sep)


def made_for(data_dir: str) -> str | None:
    """The botocore version `data_dir` was trimmed from; None if there is none."""
    try:
        with open(os.path.join(data_dir, VERSION_FILE), encoding="utf-8") as f:
            return f.read().strip()
    except FileNotFoundError:
        return None


def use_trimmed_data(session, data_dir: str = DATA_DIR) -> bool:
    """Point a botocore `session` that has made no client yet at `data_dir`; False, and a
    log line, when that data does not fit the installed botocore."""
    if session.get_config_variable("data_path"):
        return False  # AWS_DATA_PATH: the operator's own data wins
    found = made_for(data_dir)
    if found != botocore.__version__:
        log.warning("store client: botocore's full data (%s holds %s, botocore is %s; "
                    "`make install` or the Lambda packaging writes it)",
                    data_dir, found or "nothing", botocore.__version__)
        return False
    loader = _TrimmedLoader(extra_search_paths=[os.path.abspath(data_dir)],
                            include_default_search_paths=False)
    session.register_component("data_loader", loader)
    return True
