"""Evidence files kept (#16): downloaded from Telegram, sniffed, stored by content, read by OCR."""


class FileTooLarge(Exception):
    """Telegram says the file is bigger than the limit: it is refused without downloading."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


def local_file(file_path: str | None) -> bytes | None:
    """A self-hosted Bot API server started with ``--local`` gives ``getFile`` an absolute
    path on its own disk instead of a download URL: the bytes, when this machine sees it."""
    from pathlib import Path

    if not file_path or not file_path.startswith("/"):
        return None
    path = Path(file_path)
    return path.read_bytes() if path.is_file() else None
