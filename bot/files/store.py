"""Content-addressed stores: each file once, named by the SHA-256 of its bytes.

:class:`ContentStore` is what the rest of the bot uses (the keeper, erasure's release, the
leftovers' sweep, the supervisors' thumbnails); two backends implement it, chosen by
``[files] store``:

- :class:`FileStore` (``"directory"``): ``files/ab/cd/abcd…`` under a directory. Writing is
  atomic (a temporary file renamed into place), so a reader never sees half a file and two
  workers storing the same content at once both end with the one copy.
- :class:`bot.files.bucket.BucketStore` (``"bucket"``): the same names as keys of an
  S3-compatible bucket, for workers on several machines.

A store never decides what is still needed: erasure and retention tell it which hashes lost
their last evidence row (:mod:`bot.files.keeper`).
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

_HASH = re.compile(r"^[0-9a-f]{64}$")
#: Content already stored is "stored again" (its time refreshed) when older than this, so that
#: the leftovers' sweep, which takes unnamed files over an hour old, never takes one whose new
#: evidence row is being recorded.
REFRESH_AFTER_SECONDS = 600.0


class StoreProblem(Exception):
    """The store is not usable as configured; one line naming the setting to fix."""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def checked(digest: str) -> str:
    """``digest`` if it is a SHA-256 hex digest (a name never leaves its directory or prefix)."""
    if not _HASH.match(digest):
        raise ValueError("not a SHA-256 hex digest")
    return digest


def relative_name(digest: str) -> str:
    """``ab/cd/abcd…``: where a content lives under the directory, or the bucket's prefix."""
    checked(digest)
    return f"{digest[:2]}/{digest[2:4]}/{digest}"


class ContentStore(Protocol):
    """Files by content. Blocking calls: the bot calls them through ``asyncio.to_thread``."""

    def put(self, data: bytes) -> str:
        """Keep ``data``; returns its SHA-256. Storing the same content again keeps one copy."""
        ...

    def get(self, digest: str) -> bytes | None:
        """The content, or None when none is stored under ``digest``."""
        ...

    def has(self, digest: str) -> bool: ...

    def delete(self, digest: str) -> bool:
        """Remove the content; False when there was none."""
        ...

    def digests(self) -> Iterator[tuple[str, float]]:
        """Every stored hash with its time (POSIX seconds) of storing, for the leftovers'
        sweep."""
        ...

    def check(self) -> None:
        """At start: raise :class:`StoreProblem` unless the store can be written, read and
        deleted from."""
        ...

    def describe(self) -> str:
        """Where the files are, for the log (no secret)."""
        ...


class FileStore:
    """A directory of files named by their SHA-256."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def path_of(self, digest: str) -> Path:
        return self.root / relative_name(digest)

    def put(self, data: bytes) -> str:
        """Keep ``data``; returns its SHA-256. Storing the same content again writes nothing
        (its time is refreshed when old, see ``REFRESH_AFTER_SECONDS``)."""
        digest = sha256_of(data)
        target = self.path_of(digest)
        try:
            if time.time() - target.stat().st_mtime > REFRESH_AFTER_SECONDS:
                os.utime(target)  # named again: not a leftover (see REFRESH_AFTER_SECONDS)
            return digest
        except FileNotFoundError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return digest

    def get(self, digest: str) -> bytes | None:
        try:
            return self.path_of(digest).read_bytes()
        except FileNotFoundError:
            return None

    def has(self, digest: str) -> bool:
        return self.path_of(digest).exists()

    def delete(self, digest: str) -> bool:
        """Remove the file; False when there was none."""
        try:
            self.path_of(digest).unlink()
        except FileNotFoundError:
            return False
        return True

    def digests(self) -> Iterator[tuple[str, float]]:
        """Every stored hash with its file's modification time (for the leftovers' sweep)."""
        if not self.root.is_dir():
            return
        for path in self.root.glob("*/*/*"):
            if _HASH.match(path.name):
                yield path.name, path.stat().st_mtime

    def check(self) -> None:
        where = f"files.directory = {str(self.root)!r}"
        probe = self.root / f".check-{secrets.token_hex(6)}"
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe.write_bytes(b"refund-desk start-up check")
            if probe.read_bytes() != b"refund-desk start-up check":
                raise StoreProblem(f"{where}: what was written reads back different")
            probe.unlink()
        except OSError as exc:
            raise StoreProblem(
                f"{where}: the bot cannot write there ({exc.strerror or exc}): create it, or "
                "give the bot's user write access"
            ) from exc

    def describe(self) -> str:
        return f"directory {self.root}"
