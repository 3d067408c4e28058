"""The project's own code for both Lambda packages, compiled once into unchecked-hash .pyc files.

Lambda's code directory is read-only, so Python can neither write bytecode there nor trust a
timestamp .pyc (a zip keeps no exact source mtimes): without these files every cold start
would compile every module of ours again. Unchecked-hash .pyc files are never checked
against their source, which is why they are built here, in a copy, and never in the working
tree (there an edited module would keep running its old bytecode).

  infra/.build-app/app/           functions/, miniprogram_api/, templates/, static/ and
                                  zappa_settings.json: zappa packages the API from here;
                                  functions/storage/botocore-data/ trimmed from the botocore
                                  the packages carry (infra/trim_botocore.py)
  infra/.build-app/functions.zip  functions/ alone: serverless.yml's `package.artifact`

(Beside infra/.build, not in it: the dependencies there may be shared by several checkouts,
our code is each checkout's own.)

Built by `make lambda-deps` (infra/lambda_bundle.py) every time: it takes a second.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

from infra import trim_botocore

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "infra", ".build-app")
APP_DIR = os.path.join(BUILD, "app")
FUNCTIONS_ZIP = os.path.join(BUILD, "functions.zip")
PACKAGES = ("functions", "miniprogram_api")
DATA = ("templates", "static")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")


def build(botocore_dir: str | None = None) -> str:
    """Copy and compile the code into APP_DIR with the store client's data trimmed from
    `botocore_dir` (the installed botocore when None), zip functions/ into FUNCTIONS_ZIP;
    return APP_DIR."""
    os.makedirs(BUILD, exist_ok=True)
    staging = tempfile.mkdtemp(prefix="app-", dir=BUILD)
    for name in PACKAGES + DATA:
        shutil.copytree(os.path.join(ROOT, name), os.path.join(staging, name), ignore=IGNORED)
    shutil.copy(os.path.join(ROOT, "infra", "zappa_settings.json"), staging)
    trim_botocore.write(botocore_dir or trim_botocore.installed_botocore(),
                        os.path.join(staging, "functions", "storage", "botocore-data"))
    os.chmod(staging, 0o755)  # mkdtemp's 0700 would travel into the archives
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-j", "0", "--invalidation-mode",
                    "unchecked-hash", *(os.path.join(staging, p) for p in PACKAGES)], check=True)
    shutil.rmtree(APP_DIR, ignore_errors=True)
    os.rename(staging, APP_DIR)
    _zip(os.path.join(APP_DIR, "functions"), FUNCTIONS_ZIP)
    return APP_DIR


def _zip(folder: str, archive: str) -> None:
    partial = archive + ".partial"
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as out:
        for directory, _, names in sorted(os.walk(folder)):
            for name in sorted(names):
                path = os.path.join(directory, name)
                out.write(path, os.path.relpath(path, os.path.dirname(folder)))
    os.replace(partial, archive)


def compiled_modules(names) -> list[str]:
    """Of these archive member names, the .py files that have their .pyc beside them."""
    names = set(names)
    return [n for n in names if n.endswith(".py") and _pyc_of(n) in names]


def _pyc_of(source: str) -> str:
    folder, file = os.path.split(source)
    tag = sys.implementation.cache_tag
    return f"{folder}/__pycache__/{file[:-3]}.{tag}.pyc" if folder else f"__pycache__/{file[:-3]}.{tag}.pyc"


if __name__ == "__main__":
    print(build())
