"""The API handler's cold start leaves the WeChat and SMS client libraries, the image
libraries (QR codes, upload checks) and the spreadsheet and word libraries for later."""
import json
import subprocess
import sys

from .conftest import ROOT

LAZY = ("wechatpy", "aliyunsdkcore", "qrcode", "PIL", "openpyxl", "jieba")


def test_importing_the_api_handler_leaves_the_heavy_libraries_for_later():
    probe = ("import json, sys, miniprogram_api.lambda_entry as entry; "
             "assert entry.app.name; "
             f"print(json.dumps([m for m in {LAZY!r} if m in sys.modules]))")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                          text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "AWS_LAMBDA_FUNCTION_NAME": "mashangban-api-ci",
                               "AWS_REGION": "cn-north-1", "TABLE_NAME": "mashangban-ci",
                               "SECRET_KEY": "ci-secret"})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
