"""The API handler's cold start leaves the WeChat and SMS client libraries, the image
libraries (QR codes, upload checks), the spreadsheet and word libraries, password hashing
and the OpenAPI document for later, and leaves the cycle collector on."""
import json
import subprocess
import sys

from .conftest import ROOT

LAZY = ("wechatpy", "aliyunsdkcore", "qrcode", "PIL", "openpyxl", "jieba", "argon2",
        "miniprogram_api.openapi")


def _import_the_handler_and(then: str):
    """Import the API handler as Lambda's init phase does, then print `then`'s JSON."""
    probe = ("import gc, json, sys, miniprogram_api.lambda_entry as entry; "
             f"assert entry.app.name; print(json.dumps({then}))")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                          text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "AWS_LAMBDA_FUNCTION_NAME": "mashangban-api-ci",
                               "AWS_REGION": "cn-north-1", "TABLE_NAME": "mashangban-ci",
                               "SECRET_KEY": "ci-secret"})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_importing_the_api_handler_leaves_the_heavy_libraries_for_later():
    assert _import_the_handler_and(f"[m for m in {LAZY!r} if m in sys.modules]") == []


def test_the_collector_is_back_on_with_the_apps_objects_frozen_out_of_it():
    enabled, frozen = _import_the_handler_and("[gc.isenabled(), gc.get_freeze_count()]")
    assert enabled and frozen > 10000
