from __future__ import annotations

import pytest

from handlers.languages import detect_language

CASES = [
    ("zh-hans", "zh-Hans"),
    ("zh-CN", "zh-Hans"),
    ("zh-sg", "zh-Hans"),
    ("zh", "zh-Hans"),
    ("zh-hant", "zh-Hant"),
    ("zh-TW", "zh-Hant"),
    ("zh-hk", "zh-Hant"),
    ("zh-mo", "zh-Hant"),
    ("zh-Hant-HK", "zh-Hant"),
    ("fr", "fr"),
    ("fr-CA", "fr"),
    ("fr-be", "fr"),
    ("en-GB", "en"),
    ("de", "en"),
    (None, "en"),
    ("", "en"),
    ("ru", "en"),
]


@pytest.mark.parametrize(("code", "expected"), CASES)
def test_client_language_maps_to_a_supported_one(code, expected):
    assert detect_language(code, "en") == expected


def test_unknown_language_uses_the_configured_default():
    assert detect_language("es", "fr") == "fr"
