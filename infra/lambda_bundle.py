"""Build the Python dependencies that run on AWS Lambda, with the ordinary pip client.

Lambda's python3.11 runtime is Amazon Linux 2 (glibc 2.26, x86_64). The wheels pip picked
for this machine (e.g. cryptography for glibc 2.34) would not load there, so pip downloads
manylinux wheels for glibc <= 2.26 instead. That is the whole network step, done at install
time: `serverless package` and `zappa package` then work offline from this directory.

One directory serves both deploy tools:
  infra/.build/lambda/                     serverless.yml's layer `pythonDeps` (zipped as is);
    python/lib/python3.11/site-packages/  Lambda puts /opt/python/lib/python3.11/site-packages on sys.path
  infra/.build/lambda/python               zappa's VIRTUAL_ENV: it copies <venv>/lib/python3.11/site-packages

The project's own code, compiled, goes beside it (infra/code_bundle.py: infra/.build-app/app for
zappa, infra/.build-app/functions.zip for serverless.yml), with the store client's botocore data
trimmed from the botocore in this directory (infra/trim_botocore.py).

Usage: `python -m infra.lambda_bundle` (the dependencies are left alone when requirements have
not changed; our code is compiled again every time).
"""
import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
import tempfile

from infra import code_bundle

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "infra", ".build")  # dot: zappa scans the tree for websocket code, skipping dot dirs
LAYER_DIR = os.path.join(BUILD, "lambda")
VENV_DIR = os.path.join(LAYER_DIR, "python")
RUNTIME = "python3.11"
SITE_PACKAGES = os.path.join(VENV_DIR, "lib", RUNTIME, "site-packages")
STAMP = os.path.join(LAYER_DIR, ".requirements-hash")
# `make run`'s server; never imported on Lambda. (waitress too, but leaving it out would
# rebuild every checkout's dependencies for 0.2 MB.)
LOCAL_SERVER_ONLY = {b"gunicorn"}
# Oldest first: a wheel for any glibc up to Amazon Linux 2's 2.26 will do.
PLATFORMS = ["manylinux2014_x86_64"] + [f"manylinux_2_{minor}_x86_64" for minor in range(17, 27)]
PIP_TARGET = ["--python-version", "3.11", "--implementation", "cp", "--abi", "cp311",
              "--only-binary=:all:"] + [arg for p in PLATFORMS for arg in ("--platform", p)]


def _extras() -> list[str]:
    # zappa's handler needs zappa itself, and of its dependencies only durationpy (the
    # others are its deploy-time CLI). Same versions as the dev tools that package it.
    return [f"{name}=={importlib.metadata.version(name)}" for name in ("zappa", "durationpy")]


def _lambda_requirements() -> bytes:
    """requirements.txt without what only serves the app locally (Lambda serves it through
    zappa's handler)."""
    with open(os.path.join(ROOT, "requirements.txt"), "rb") as f:
        lines = f.read().splitlines(keepends=True)
    return b"".join(line for line in lines
                    if not line.split(b"=")[0].strip().lower() in LOCAL_SERVER_ONLY)


def _fingerprint() -> str:
    text = _lambda_requirements()
    return hashlib.sha256(text + repr((PLATFORMS, _extras())).encode()).hexdigest()


def is_current() -> bool:
    try:
        with open(STAMP) as f:
            return f.read().strip() == _fingerprint()
    except FileNotFoundError:
        return False


def _pip(command: str, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", command, "--quiet",
                    "--disable-pip-version-check", *args], check=True)


def build() -> None:
    """Download Lambda-platform wheels into a fresh directory, precompile it, swap it in."""
    os.makedirs(BUILD, exist_ok=True)
    with open(os.path.join(BUILD, ".gitignore"), "w") as f:
        f.write("# built by infra/lambda_bundle.py\n*\n")
    staging = tempfile.mkdtemp(prefix="lambda-", dir=BUILD)
    site = os.path.join(staging, "python", "lib", RUNTIME, "site-packages")
    requirements = ["-r", os.path.join(staging, "requirements.txt")]
    with open(requirements[1], "wb") as f:
        f.write(_lambda_requirements())
    # Packages published only as source (e.g. jieba) become wheels here first; a pure-Python
    # wheel suits every platform, and the install below takes it from this wheelhouse.
    wheelhouse = os.path.join(staging, "wheelhouse")
    _pip("wheel", "--wheel-dir", wheelhouse, *requirements)
    for args in (requirements, ["--no-deps", *_extras()]):
        _pip("install", *PIP_TARGET, "--find-links", wheelhouse, "--target", site, *args)
        shutil.rmtree(os.path.join(site, "bin"), ignore_errors=True)  # console scripts
    shutil.rmtree(wheelhouse)
    os.remove(requirements[1])
    # Lambda's code directory is read-only, so Python cannot cache bytecode there and would
    # recompile every module on each cold start. Unchecked-hash .pyc files are used as they
    # are (zip archives do not keep the source mtimes a timestamp .pyc is checked against).
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-j", "0",
                    "--invalidation-mode", "unchecked-hash", site], check=True)
    with open(os.path.join(staging, ".requirements-hash"), "w") as f:
        f.write(_fingerprint() + "\n")
    if os.path.isdir(LAYER_DIR):
        shutil.rmtree(LAYER_DIR)
    os.rename(staging, LAYER_DIR)


def ensure() -> str:
    """Build the dependencies unless up to date and our own code always; return the layer
    directory."""
    if not is_current():
        build()
    code_bundle.build(botocore_dir=os.path.join(SITE_PACKAGES, "botocore"))
    return LAYER_DIR


def size_bytes(path: str = LAYER_DIR) -> int:
    return sum(os.path.getsize(os.path.join(d, n)) for d, _, names in os.walk(path) for n in names)


if __name__ == "__main__":
    print(f"{ensure()} ({size_bytes() / 1e6:.1f} MB unzipped); our code: {code_bundle.APP_DIR}, "
          f"{code_bundle.FUNCTIONS_ZIP}")
