"""Case references people can read aloud and type back: short, no 0/O, 1/I/L look-alikes."""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # 31 symbols: no 0, 1, O, I, L
LENGTH = 5  # 31**5 ≈ 28.6 million


def new_reference(length: int = LENGTH) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalize_reference(text: str) -> str | None:
    """Read back what a person typed, forgiving case, spaces and the usual look-alikes."""
    cleaned = text.strip().upper().replace(" ", "").replace("#", "")
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    if not cleaned or any(ch in "01" for ch in cleaned):
        return None
    if all(ch in ALPHABET for ch in cleaned) and 4 <= len(cleaned) <= 8:
        return cleaned
    return None
