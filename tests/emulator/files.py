"""File registry: file_id -> bytes, served by getFile and ``/file/bot<token>/<path>``.

Injected media get deterministic fake bytes generated on first download (so a "50 MB
document" costs nothing unless a test downloads it); uploads keep the bytes the bot sent.
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
import struct
from dataclasses import dataclass
from typing import Any

from .errors import bad_request
from .models import UploadedFile

MAX_DOWNLOAD_SIZE = 20 * 1024 * 1024  # getFile refuses bigger files, like the cloud Bot API
_PHOTO_BOXES = (90, 320, 800, 1280, 2560)
#: Where the cloud Bot API files each kind (``file_path``), and its extension.
_KIND_DIRS = dict(
    photo=("photos", ".jpg"),
    document=("documents", ""),
    voice=("voice", ".oga"),
    sticker=("stickers", ".webp"),
    video=("videos", ".mp4"),
    audio=("music", ".mp3"),
    animation=("animations", ".mp4"),
)


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    size: int
    mime_type: str
    _data: bytes | None = None
    dims: tuple[int, int] | None = None  # photos: (width, height) of this size

    @property
    def data(self) -> bytes:
        if self._data is None:
            self._data = fake_bytes(self.size, self.file_unique_id, self.mime_type)
        return self._data

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
        }
        if self.size <= MAX_DOWNLOAD_SIZE:
            data["file_path"] = self.file_path
        return data


def fake_bytes(size: int, seed: str, mime_type: str = "") -> bytes:
    """Deterministic filler of exactly ``size`` bytes, with a plausible magic number."""
    head = b"\xff\xd8\xff\xe0" if mime_type == "image/jpeg" else b""
    if mime_type == "application/pdf":
        head = b"%PDF-1.4\n"
    block = hashlib.sha256(seed.encode()).digest()
    body = block * (size // len(block) + 1)
    return (head + body)[:size]


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG or JPEG, if recognisable."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker = data[i + 1]
            length = struct.unpack(">H", data[i + 2 : i + 4])[0]
            if marker in (0xC0, 0xC1, 0xC2):
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return width, height
            i += 2 + length
    return None


class FileStore:
    def __init__(self) -> None:
        self.by_id: dict[str, StoredFile] = {}
        self.by_path: dict[str, StoredFile] = {}
        self._counter = 0

    def register(
        self, kind: str, *, size: int, mime_type: str, data: bytes | None = None, ext: str = ""
    ) -> StoredFile:
        self._counter += 1
        n = self._counter
        folder, default_ext = _KIND_DIRS.get(kind, ("documents", ""))
        digest = hashlib.sha1(f"{kind}:{n}".encode()).digest()
        file_id = "AgAD" + base64.urlsafe_b64encode(digest + n.to_bytes(4, "big")).decode()
        unique = "AQAD" + base64.urlsafe_b64encode(digest[:9]).decode()
        stored = StoredFile(
            file_id=file_id.rstrip("="),
            file_unique_id=unique.rstrip("="),
            file_path=f"{folder}/file_{n}{ext or default_ext}",
            size=len(data) if data is not None else size,
            mime_type=mime_type,
            _data=data,
        )
        self.by_id[stored.file_id] = stored
        self.by_path[stored.file_path] = stored
        return stored

    def api_object(
        self, kind: str, *, size: int, mime_type: str, data: bytes | None = None, **extra: Any
    ) -> dict[str, Any]:
        """Register a file and return its Bot API object (Document, Voice, ...) with ``extra``."""
        stored = self.register(kind, size=size, mime_type=mime_type, data=data)
        obj = stored.to_api()
        obj.pop("file_path", None)  # only getFile reveals it
        obj.update(extra)
        return obj

    def get(self, file_id: str) -> StoredFile:
        stored = self.by_id.get(file_id)
        if stored is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return stored

    def photo_sizes(
        self, data: bytes | None = None, sizes: int = 3, dims: tuple[int, int] | None = None
    ) -> list[dict[str, Any]]:
        """PhotoSize list, smallest first; the largest carries ``data`` when given."""
        width, height = dims or (data and image_size(data)) or (1280, 960)
        side = max(width, height)
        boxes = [box for box in _PHOTO_BOXES if box < side]
        if len(boxes) < sizes - 1:  # small image but many sizes asked for: halve repeatedly
            boxes = sorted({*boxes, *(max(1, side >> j) for j in range(1, sizes))} - {side})
        boxes = boxes[-(sizes - 1) :] if sizes > 1 else []
        result = []
        for index, box in enumerate([*boxes, side]):
            scale = box / side
            w, h = max(1, round(width * scale)), max(1, round(height * scale))
            is_last = index == len(boxes)
            payload = data if is_last else None
            size = len(data) if (is_last and data is not None) else max(w * h // 8, 512)
            stored = self.register("photo", size=size, mime_type="image/jpeg", data=payload)
            stored.dims = (w, h)
            entry = stored.to_api()
            entry.pop("file_path", None)
            entry.update(width=w, height=h)
            result.append(entry)
        return result

    def resolve_input(self, value: Any, kind: str) -> tuple[StoredFile, str | None]:
        """Turn an ``InputFile``/file_id/URL parameter into a stored file (+ original name)."""
        if isinstance(value, UploadedFile):
            ext = ""
            if kind == "document":
                ext = mimetypes.guess_extension(value.mime_type) or ""
                if "." in value.filename:
                    ext = "." + value.filename.rsplit(".", 1)[1]
            stored = self.register(
                kind, size=len(value.data), mime_type=value.mime_type, data=value.data, ext=ext
            )
            return stored, value.filename
        if isinstance(value, str) and value:
            if value.startswith(("http://", "https://")):
                # No internet here: pretend Telegram fetched it.
                name = value.rsplit("/", 1)[-1] or "file"
                mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
                return self.register(kind, size=4096, mime_type=mime), name
            return self.get(value), None
        raise bad_request(f"there is no {kind} in the request")
