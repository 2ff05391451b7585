"""What a file really is, from its first bytes: the sender's declared type is not trusted."""

from __future__ import annotations

#: Types kept as evidence: pictures a phone makes and PDF statements.
KEPT_TYPES = frozenset(
    {"image/jpeg", "image/png", "image/webp", "image/gif", "image/heic", "application/pdf"}
)
#: Of those, what OCR can read (Pillow decodes them without plug-ins).
READABLE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1")


def sniff(data: bytes) -> str | None:
    """The MIME type the bytes start like, or None when it is none we know."""
    head = data[:32]
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "image/heic"
    return None
