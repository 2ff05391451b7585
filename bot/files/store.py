"""A content-addressed store: each file once, named by the SHA-256 of its bytes.

``files/ab/cd/abcd…`` under a directory. Writing is atomic (a temporary file renamed into
place), so a reader never sees half a file and two workers storing the same content at once
both end with the one copy. The store never decides what is still needed: erasure and
retention tell it which hashes lost their last evidence row (:mod:`bot.files.keeper`).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

_HASH = re.compile(r"^[0-9a-f]{64}$")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FileStore:
    """A directory of files named by their SHA-256."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def path_of(self, digest: str) -> Path:
        if not _HASH.match(digest):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / digest[:2] / digest[2:4] / digest

    def put(self, data: bytes) -> str:
        """Keep ``data``; returns its SHA-256. Storing the same content again changes nothing."""
        digest = sha256_of(data)
        target = self.path_of(digest)
        if target.exists():
            return digest
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
