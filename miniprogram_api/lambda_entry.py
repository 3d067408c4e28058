"""The Flask app as AWS Lambda runs it: zappa's `app_function` is `miniprogram_api.lambda_entry.app`.

Built once per cold start from the environment (functions/shared/config.py); the deploy templates
fill that environment, secrets included, from SSM Parameter Store. The store client is made
here too (`create_app` → `configure`), in Lambda's init phase, not by the first request.
Importing this module must stay cheap otherwise: the WeChat and SMS client libraries are imported by the channels when a
request first needs them (benchmarks/cold_start.py measures it, tests/deploy checks it).
"""
from miniprogram_api import create_app

app = create_app()
