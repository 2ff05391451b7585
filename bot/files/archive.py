"""A parent's data export with their own files, as one ZIP archive made when it is sent (#16).

The core names the kept files that go with the export (``SendDocument.attachments``, see
:mod:`handlers.aftercare.export_files`); the outbox row carries their hashes and names, not
their bytes. At sending time the delivery (or the console) reads each file from the store and
builds the archive: the export's JSON, then the files, stored as they are (pictures and PDFs
are compressed already). A file the store no longer has is left out, and the JSON says so
where it named it (``in_archive`` null, an entry in ``files_left_out``).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

from handlers.aftercare.export_files import MISSING_REASON
from handlers.replies import SendDocument

#: The key, in an upload of the outbox row, of the archive to make.
ARCHIVE = "archive"
ReadFile = Callable[[str], bytes | None]


def archive_spec(item: SendDocument) -> dict[str, Any]:
    """What the runtime needs to make ``item``'s archive, as plain JSON."""
    return {
        "content_name": item.content_name,
        "files": [[a.sha256, a.name] for a in item.attachments],
        "missing_note": item.missing_note,
    }


def _forget(value: Any, missing: set[str]) -> None:
    """Every object naming a missing file ``in_archive`` says it is not in the archive."""
    if isinstance(value, dict):
        if value.get("in_archive") in missing:
            value["in_archive"] = None
            value["left_out"] = MISSING_REASON
        for inner in value.values():
            _forget(inner, missing)
    elif isinstance(value, list):
        for inner in value:
            _forget(inner, missing)


def build_archive(content: str, spec: dict[str, Any], read: ReadFile | None) -> bytes:
    """The ZIP: ``content`` (the export's JSON) as ``spec["content_name"]``, then each file
    the store (``read``: bytes by SHA-256) still has; the JSON updated for those it has not."""
    found: list[tuple[str, bytes]] = []
    missing: dict[str, str] = {}
    for digest, name in spec.get("files", []):
        data = read(digest) if read is not None else None
        if data is None:
            missing[name] = digest
        else:
            found.append((name, data))
    if missing:
        export = json.loads(content)
        _forget(export, set(missing))
        export.setdefault("files_left_out", []).extend(
            {"sha256": digest, "reason": MISSING_REASON, "why": spec.get("missing_note", "")}
            for digest in missing.values()
        )
        content = json.dumps(export, ensure_ascii=False, indent=2)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(spec["content_name"], content, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in found:
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def fill_archives(params: dict[str, Any], read: ReadFile | None) -> dict[str, Any]:
    """A copy of a call's parameters whose archive uploads are made (their bytes in place of
    the spec), for the transport's :func:`bot.telegram.calls.take_uploads`."""
    from bot.telegram.calls import UPLOAD

    filled = dict(params)
    for key, value in params.items():
        upload = value.get(UPLOAD) if isinstance(value, dict) else None
        if isinstance(upload, dict) and ARCHIVE in upload:
            data = build_archive(upload["content"], upload[ARCHIVE], read)
            made = {k: v for k, v in upload.items() if k not in (ARCHIVE, "content")}
            filled[key] = {UPLOAD: {**made, "content": data}}
    return filled


def has_archive(params: dict[str, Any]) -> bool:
    from bot.telegram.calls import UPLOAD

    return any(
        isinstance(value, dict)
        and isinstance(value.get(UPLOAD), dict)
        and ARCHIVE in value[UPLOAD]
        for value in params.values()
    )
