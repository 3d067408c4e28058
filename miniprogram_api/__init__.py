"""The Flask app: mini-program API, staff API, admin pages and H5 pages (miniprogram_api/app.py).

Importing the package itself loads nothing: the Lambda entry (lambda_entry.py) turns the cycle
collector off before flask, the models and the store client are loaded, and Python imports
this package first. `from miniprogram_api import create_app` still works: it loads app.py.
"""


def __getattr__(name: str):
    if name == "create_app":
        from miniprogram_api.app import create_app
        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
