"""A photo bucket on a moto server, and the bucket's lifecycle rule as S3 documents it.

moto runs no lifecycle, so `BucketRule` stands in for `expire-unattached-uploads`
(serverless.yml: tag pending=1, ExpirationInDays 1): an object's expiry is its creation
plus a day, rounded up to the next UTC midnight; at that moment an object still tagged is
queued, and S3 removes what it queued asynchronously, some time later. S3 does not say a
tag removed after the expiry takes an object off that queue, so the model removes it
anyway: code must never rely on an untag once a file's expiry has passed.
"""
import dataclasses
from datetime import datetime, timedelta, timezone

import boto3
import pytest
from moto.server import ThreadedMotoServer

from functions.shared import config
from tests.conftest import free_port

BUCKET = "photos"


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(store, s3_endpoint):
    """A bucket on the moto server, and settings that send photos there."""
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=store.aws_region,
                          aws_access_key_id="local", aws_secret_access_key="local")
    client.create_bucket(Bucket=BUCKET)
    config.use(dataclasses.replace(store, upload_bucket=BUCKET, s3_endpoint=s3_endpoint))
    yield client
    for obj in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=obj["Key"])
    config.use(store)


def tags(client, key: str) -> list[dict]:
    return client.get_object_tagging(Bucket=BUCKET, Key=key)["TagSet"]


class BucketRule:
    """The lifecycle rule: `evaluate(at)` queues what has expired by `at` while still
    tagged pending; `remove_queued()` is S3 getting round to removing it."""

    def __init__(self, client):
        self.client, self.queued = client, []

    def evaluate(self, at: datetime) -> list[str]:
        for obj in self.client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            key = obj["Key"]
            # The object was made on its upload day (moto's own times are the wall clock's).
            made = datetime.fromordinal(int(key[len("uploads/f"):][:5], 16)).replace(
                tzinfo=timezone.utc)
            expiry = made + timedelta(days=2)  # + 1 day, rounded up to the next midnight
            if expiry <= at and {"Key": "pending", "Value": "1"} in tags(self.client, key):
                self.queued.append(key)
        return list(self.queued)

    def remove_queued(self) -> None:
        for key in self.queued:
            self.client.delete_object(Bucket=BUCKET, Key=key)
        self.queued = []
