"""Write the store client's botocore data (functions/storage/botocore_data.py) from a botocore.

Run at install time for the local checkout (`make install`, `make run`) and by
infra/code_bundle.py for both Lambda packages, from the botocore each one carries; never
committed, so it cannot fall behind the botocore beside it.

    python -m infra.trim_botocore    # from the installed botocore into functions/storage/
"""
import json
import os
import re
import shutil

SERVICES = ("dynamodb",)  # the store; the S3 client (channels/files.py) keeps the full data
VERSION = re.compile(r"""^__version__\s*=\s*['"]([^'"]+)['"]""", re.MULTILINE)


def trimmed_endpoints(endpoints: dict, services=SERVICES) -> dict:
    """endpoints.json with every partition's metadata and regions, but only `services`."""
    return {**endpoints, "partitions": [
        {**partition, "services": {name: entry for name, entry in partition["services"].items()
                                   if name in services}}
        for partition in endpoints["partitions"]]}


def version_of(botocore_dir: str) -> str:
    """The version of the botocore package at `botocore_dir`, read without importing it."""
    with open(os.path.join(botocore_dir, "__init__.py"), encoding="utf-8") as f:
        return VERSION.search(f.read()).group(1)


def write(botocore_dir: str, dest: str) -> str:
    """Trim `botocore_dir`'s data into `dest` (replaced whole); return `dest`."""
    from functions.storage.botocore_data import VERSION_FILE
    data = os.path.join(botocore_dir, "data")
    staging = dest + ".partial"
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    for name in sorted(os.listdir(data)):
        path = os.path.join(data, name)
        if name == "endpoints.json":
            with open(path, encoding="utf-8") as f:
                trimmed = trimmed_endpoints(json.load(f))
            with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
                json.dump(trimmed, f, indent=1)
        elif os.path.isfile(path):
            shutil.copyfile(path, os.path.join(staging, name))
    for service in SERVICES:
        shutil.copytree(os.path.join(data, service), os.path.join(staging, service))
    with open(os.path.join(staging, VERSION_FILE), "w", encoding="utf-8") as f:
        f.write(version_of(botocore_dir) + "\n")
    shutil.rmtree(dest, ignore_errors=True)
    os.rename(staging, dest)
    return dest


def installed_botocore() -> str:
    import botocore
    return os.path.dirname(os.path.abspath(botocore.__file__))


if __name__ == "__main__":
    from functions.storage.botocore_data import DATA_DIR
    print(write(installed_botocore(), DATA_DIR))
