"""The Flask app as AWS Lambda runs it: zappa's `app_function` is `miniprogram_api.lambda_entry.app`.

Built once per cold start from the environment (functions/shared/config.py); the deploy templates
fill that environment, secrets included, from SSM Parameter Store. The store client is made
here too (`create_app` → `configure`), in Lambda's init phase, not by the first request.
Importing this module must stay cheap otherwise: the WeChat and SMS client libraries are imported by the channels when a
request first needs them (benchmarks/cold_start.py measures it, tests/deploy checks it).

Building the app makes some 80,000 objects the cycle collector tracks (modules, classes,
functions, routes, the store client), nearly all living as long as the process. The
collector would walk them again and again while they are made, finding next to nothing to
free (~40–50 ms of CPU on this import), so it is off until the app is built; then they are
frozen out of every later collection (`gc.freeze`), so requests do not walk them either.
(Python imports the package `miniprogram_api` before this module: it imports nothing, so
flask and the models load here, collector off.)
"""
import gc

_collecting = gc.isenabled()
gc.disable()
try:
    from miniprogram_api.app import create_app

    app = create_app()
finally:
    gc.freeze()
    if _collecting:
        gc.enable()
