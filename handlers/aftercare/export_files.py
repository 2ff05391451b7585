"""The parent's own files in their ``/mydata`` export (#16): which kept evidence files go in
the archive, under which names, and which are left out, and why.

The archive is one document, and the Bot API takes uploads of at most 50 MB: the files go in
the order the export lists them (the newest claim first) while they fit with the JSON; the
others are left out, each listed with the reason in the parent's language. The core cannot
read the file store: it names the files (:class:`handlers.replies.Attachment`) and the
runtime adds their bytes when it sends the archive (``bot/files/archive.py``).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from typing import Any

from handlers.bounds import clip_file_name
from handlers.replies import Attachment
from storage.models import Evidence

#: What the Bot API lets a bot upload (``sendDocument``: 50 MB).
UPLOAD_LIMIT = 50 * 1024 * 1024
#: The ZIP's own bytes per file (local header, central directory entry, with the name twice)
#: beyond its name, and for the whole archive; and room for the request's own wrapping.
PER_FILE = 30 + 46 + 24
WRAPPING = 22 + 64 * 1024
UPLOAD_LIMIT_REASON = "upload_limit"
#: A file the store no longer had when the archive was made (the runtime says so).
MISSING_REASON = "unavailable"
_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "image/heic": ".heic",
    "application/pdf": ".pdf",
}
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")
_NAME_LENGTH = 80


def archive_name(folder: str, number: int, item: Evidence) -> str | None:
    """Where a kept file goes in the archive — ``K7QM4/01-receipt.jpg`` (the case reference,
    its place among the case's files, its original name made safe for any file system) — or
    None for a file that is not kept (refused, not downloaded, ``[files] keep = false``)."""
    if not item.sha256:
        return None
    extension = _EXTENSIONS.get(item.content_type or "", "")
    name = _UNSAFE.sub("_", (item.file_name or "").strip()).strip(". ")
    if not name:
        name = f"{item.kind}{extension}"
    elif extension and not name.lower().endswith(extension):
        name = f"{name}{extension}"
    return f"{folder}/{number:02d}-{clip_file_name(name, _NAME_LENGTH)}"


def _entries(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for case in data.get("cases", []):
        yield from case.get("evidence", [])
    for draft in data.get("drafts", []):
        yield from draft.get("evidence", [])


def pack(
    data: dict[str, Any], *, room: int, unknown_size: int, why: str
) -> tuple[tuple[Attachment, ...], list[dict[str, Any]], int]:
    """Choose the files of ``data`` (the export) that fit in ``room`` bytes, in order; the
    others get ``in_archive: null`` and are listed in ``data["files_left_out"]`` with
    ``why``. A file of unknown size counts as ``unknown_size``. Returns the attachments, the
    files left out, and the bytes the attachments take in the archive."""
    used = 0
    attachments: list[Attachment] = []
    left_out: list[dict[str, Any]] = []
    for entry in _entries(data):
        name, digest = entry.get("in_archive"), entry.get("sha256")
        if not name or not digest:
            continue
        size = entry.get("size_bytes")
        cost = (
            (size if isinstance(size, int) else unknown_size)
            + PER_FILE
            + 2 * len(name.encode("utf-8"))
        )
        if cost > room:
            entry["in_archive"] = None
            entry["left_out"] = UPLOAD_LIMIT_REASON
            left_out.append(
                {
                    "file_name": entry.get("file_name"),
                    "sha256": digest,
                    "size_bytes": size,
                    "reason": UPLOAD_LIMIT_REASON,
                    "why": why,
                }
            )
            continue
        room -= cost
        used += cost
        attachments.append(Attachment(sha256=digest, name=name))
    if left_out:
        data["files_left_out"] = left_out
    return tuple(attachments), left_out, used


def fit(
    data: dict[str, Any], *, unknown_size: int, why: str, render: Callable[[Any], str]
) -> tuple[str, tuple[Attachment, ...], list[dict[str, Any]]]:
    """The export's JSON (``render``ed) and the files that go with it, so that the archive —
    the JSON as it ends up, with the files left out listed in it, and the files — stays
    within :data:`UPLOAD_LIMIT`. Returns the JSON, the attachments, the files left out."""
    room = UPLOAD_LIMIT - WRAPPING - len(render(data).encode("utf-8"))
    while True:
        trial = copy.deepcopy(data)
        attachments, left_out, used = pack(trial, room=room, unknown_size=unknown_size, why=why)
        content = render(trial)
        over = len(content.encode("utf-8")) + used + WRAPPING - UPLOAD_LIMIT
        if over <= 0 or not attachments:  # the list of files left out made the JSON grow
            return content, attachments, left_out
        room -= over
