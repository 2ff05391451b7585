"""Evidence files in an S3-compatible bucket (#16, ``[files] store = "bucket"``): for workers on
several machines, which share no directory.

The keys are the directory store's names under ``[files.bucket] prefix``:
``<prefix>ab/cd/<sha256>``. Content is stored once: :meth:`BucketStore.put` asks first (HEAD) and
writes only what is missing; two workers storing the same content at the same moment both
write the same bytes under the same key, which leaves the one copy. Each upload carries its
MD5 (``Content-MD5``), so the service refuses bytes damaged on the way, and :meth:`get` checks
the SHA-256 of what it reads against the key.

boto3 is the client: the reference implementation of the S3 protocol, which every
S3-compatible service (MinIO, Cloudflare R2, Backblaze B2, Wasabi…) tests against, with the
standard credential chain (environment, shared profile, the machine's role). It blocks; the
bot calls the store through ``asyncio.to_thread`` as it does the directory store, and a
boto3 client is safe to share between threads. The extra is ``pip install ".[s3]"``.

Credentials never come from the settings: ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``
(/ ``AWS_SESSION_TOKEN``), or ``AWS_PROFILE``, or the machine's role. The secret key found is
masked in every log line (:func:`bot.logs.add_secret`).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import secrets
import time
from collections.abc import Callable, Iterator
from typing import Any

from bot.config import BucketSettings
from bot.files.store import REFRESH_AFTER_SECONDS, StoreProblem, relative_name, sha256_of
from bot.logs import add_secret

log = logging.getLogger(__name__)
_NAME = re.compile(r"^([0-9a-f]{2})/([0-9a-f]{2})/(\1\2[0-9a-f]{60})$")
#: What the start-up check writes, reads and deletes (never a content name: the sweep skips it).
_PROBE = b"refund-desk start-up check"
_MISSING = {"404", "NoSuchKey", "NotFound"}
_REFUSED_CREDENTIALS = {
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "InvalidToken",
    "ExpiredToken",
    "TokenRefreshRequired",
}
_WRONG_REGION = {
    "301",
    "PermanentRedirect",
    "AuthorizationHeaderMalformed",
    "IllegalLocationConstraintException",
}
_PERMISSIONS = "s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject"


class BucketStore:
    """The :class:`bot.files.store.ContentStore` of an S3-compatible bucket."""

    def __init__(self, settings: BucketSettings) -> None:
        try:
            import boto3
            from botocore.config import Config
            from botocore.exceptions import BotoCoreError
        except ImportError:
            raise StoreProblem(
                'files.store = "bucket" needs the S3 client: pip install ".[s3]" (boto3)'
            ) from None
        if not settings.name:
            raise StoreProblem('files.bucket.name is not set (files.store = "bucket")')
        self.settings = settings
        self.bucket = settings.name
        self.prefix = settings.prefix
        try:
            session = boto3.session.Session(region_name=settings.region)
            credentials = session.get_credentials()
            if credentials is not None:
                frozen = credentials.get_frozen_credentials()
                add_secret(frozen.secret_key)  # never in a log line, whatever quotes it
                add_secret(frozen.token)
        except BotoCoreError as exc:  # AWS_PROFILE naming no profile, a broken config file…
            problem = f"files.bucket: the S3 credentials cannot be read ({exc})"
            raise StoreProblem(problem) from None
        self.client: Any = session.client(
            "s3",
            endpoint_url=settings.endpoint_url,
            config=Config(
                connect_timeout=5,
                read_timeout=30,
                retries={"max_attempts": 3, "mode": "standard"},
                s3={"addressing_style": settings.addressing_style},
                # Checksums only where the API requires them (Content-MD5 is sent below):
                # several S3-compatible services refuse boto3's newer default trailers.
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
            ),
        )

    def key_of(self, digest: str) -> str:
        return self.prefix + relative_name(digest)

    def put(self, data: bytes) -> str:
        digest = sha256_of(data)
        key = self.key_of(digest)
        stored = self._head(key)
        if stored is not None and time.time() - stored < REFRESH_AFTER_SECONDS:
            return digest  # one copy; an old one is written again: its time is refreshed
        md5 = base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode()
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data, ContentMD5=md5)
        return digest

    def get(self, digest: str) -> bytes | None:
        key = self.key_of(digest)
        answer = self._unless_missing(self.client.get_object, key)
        if answer is None:
            return None
        data: bytes = answer["Body"].read()
        if sha256_of(data) != digest:
            log.error("bucket %s: %s does not hold the content it is named by", self.bucket, key)
            return None
        return data

    def has(self, digest: str) -> bool:
        return self._head(self.key_of(digest)) is not None

    def delete(self, digest: str) -> bool:
        key = self.key_of(digest)
        if self._head(key) is None:  # S3 answers a deletion the same whether or not it was
            return False
        self.client.delete_object(Bucket=self.bucket, Key=key)
        return True

    def digests(self) -> Iterator[tuple[str, float]]:
        """Every content under the prefix, with its ``LastModified``; other keys are skipped."""
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        for page in pages:
            for item in page.get("Contents", []):
                name = _NAME.match(item["Key"][len(self.prefix) :])
                if name:
                    yield name.group(3), item["LastModified"].timestamp()

    def check(self) -> None:
        """List, write, read back and delete a probe; a problem is one line naming the setting
        to fix."""
        from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

        probe = f"{self.prefix}.refund-desk-check/{secrets.token_hex(8)}"
        step = "list"
        try:
            self.client.list_objects_v2(Bucket=self.bucket, Prefix=self.prefix, MaxKeys=1)
            step = "write"
            self.client.put_object(Bucket=self.bucket, Key=probe, Body=_PROBE)
            step = "read"
            read = self.client.get_object(Bucket=self.bucket, Key=probe)["Body"].read()
            step = "delete"
            self.client.delete_object(Bucket=self.bucket, Key=probe)
        except NoCredentialsError:
            raise StoreProblem(
                "files.bucket: no S3 credentials found: set AWS_ACCESS_KEY_ID and "
                "AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in the bot's environment"
            ) from None
        except ClientError as exc:
            raise StoreProblem(self._refused(exc, step)) from None
        except BotoCoreError as exc:
            where = self.settings.endpoint_url or "AWS S3"
            raise StoreProblem(
                f"files.bucket.endpoint_url = {where!r}: the bucket's service cannot be reached "
                f"({exc})"
            ) from None
        if read != _PROBE:
            raise StoreProblem(
                f"files.bucket.name = {self.bucket!r}: what was written reads back different"
            )
        self._warn_if_versioned()

    def _warn_if_versioned(self) -> None:
        """A versioned bucket keeps a deleted object as a noncurrent version: an erased
        screenshot would stay. Said once at start (when the credentials may ask)."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            status = self.client.get_bucket_versioning(Bucket=self.bucket).get("Status")
        except (BotoCoreError, ClientError):  # not allowed to ask (s3:GetBucketVersioning)
            return
        if status in ("Enabled", "Suspended"):
            log.warning(
                "bucket %s has versioning %s: a deleted file stays as an older version; add "
                "a lifecycle rule that expires noncurrent versions (README, 'Where the files "
                "are kept')",
                self.bucket,
                status.lower(),
            )

    def describe(self) -> str:
        where = self.settings.endpoint_url or "AWS S3"
        under = f", under {self.prefix}" if self.prefix else ""
        return f"bucket {self.bucket!r} at {where}{under}"

    # -- pieces ---------------------------------------------------------------------------

    def _head(self, key: str) -> float | None:
        """The object's LastModified (POSIX seconds), None when there is none."""
        answer = self._unless_missing(self.client.head_object, key)
        return None if answer is None else float(answer["LastModified"].timestamp())

    def _unless_missing(self, call: Callable[..., Any], key: str) -> Any:
        """S3's answer to ``call`` on ``key`` in this bucket; None when there is no such
        object."""
        from botocore.exceptions import ClientError

        try:
            return call(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if _code(exc) in _MISSING:
                return None
            raise

    def _refused(self, exc: Any, step: str) -> str:
        code = _code(exc)
        name = f"files.bucket.name = {self.bucket!r}"
        if code in ("NoSuchBucket", "404"):
            where = self.settings.endpoint_url or "AWS S3"
            return f"{name}: no such bucket at {where} (create it, or correct the name)"
        if code in _REFUSED_CREDENTIALS:
            return (
                f"files.bucket: the S3 credentials are refused ({code}): check "
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)"
            )
        if code in _WRONG_REGION:
            headers = exc.response.get("ResponseMetadata", {}).get("HTTPHeaders", {})
            actual = headers.get("x-amz-bucket-region") or exc.response["Error"].get("Region")
            return (
                f"files.bucket.region = {self.settings.region!r}: the bucket is in "
                f"{actual or 'another region'}"
            )
        if code in ("AccessDenied", "403", "AllAccessDisabled"):
            return (
                f"{name}: access denied when the bot tried to {step} (its credentials need "
                f"{_PERMISSIONS} on the bucket)"
            )
        message = exc.response.get("Error", {}).get("Message") or ""
        return f"{name}: the bot could not {step} there ({code}: {message})".replace(": )", ")")


def _code(exc: Any) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))
