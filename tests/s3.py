"""A real S3 server over HTTP for the bucket store's tests (#16): moto's ``ThreadedMotoServer``,
in a thread of the test process, on a free port. Nothing of boto3 is mocked: the store's client
signs and sends its requests, and the server answers them as S3 does (XML, status codes,
``LastModified``). An e2e bot process reaches it like any S3-compatible service."""

from __future__ import annotations

import uuid
from typing import Any

#: The credentials the tests give the bot through the standard AWS variables (moto accepts
#: any); the secret key is what must never reach a log line.
ACCESS_KEY = "AKIAREFUNDDESKTESTS1"
SECRET_KEY = "rD7kQ2vX9pL4mN8sT1wZ6yB3cF5hJ0gA+e/uEXAMPLE"


class S3Server:
    def __init__(self) -> None:
        from moto.server import ThreadedMotoServer

        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.server.start()
        host, port = self.server.get_host_and_port()
        self.url = f"http://{host}:{port}"
        self.admin: Any = self._client()

    def stop(self) -> None:
        self.server.stop()

    def environment(self) -> dict[str, str]:
        """What a bot process needs in its environment to use this server's buckets: the
        standard AWS variables, and no profile or instance role to look for."""
        return {
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_CONFIG_FILE": "/nonexistent/aws-config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/aws-credentials",
            "AWS_EC2_METADATA_DISABLED": "true",
        }

    def new_bucket(self) -> str:
        name = f"evidence-{uuid.uuid4().hex[:12]}"
        self.admin.create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> list[str]:
        answer = self.admin.list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in answer.get("Contents", []))

    def _client(self) -> Any:
        import boto3

        return boto3.session.Session(
            aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY, region_name="us-east-1"
        ).client("s3", endpoint_url=self.url)
