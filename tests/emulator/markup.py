"""``parse_mode`` handling: HTML -> (text, entities) the way Telegram (TDLib) does it.

Error texts follow TDLib's ``parse_html`` (byte offsets are UTF-8 byte offsets in the original
markup, entity offsets/lengths are UTF-16 code units). One deliberate difference: a bare ``&``
that does not start ``&lt;``/``&gt;``/``&amp;``/``&quot;``/``&#NN;`` is an error here, while
Telegram keeps it literally. The Bot API docs require escaping it, so the emulator is strict to
catch missing ``html.escape`` calls; pass ``strict=False`` to get Telegram's leniency.

MarkdownV2 is only checked for the classic mistakes (unescaped reserved characters, unclosed
code blocks); formatting characters are stripped but no entities are produced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_ALL_TAGS = {*_SIMPLE_TAGS, "a", "tg-emoji"}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(#x[0-9a-fA-F]{1,8}|#[0-9]{1,8}|[a-zA-Z]+);?")
_SPECIAL_RE = re.compile(r"[<&]")
_SURROGATE_ERROR = (
    "Text contains invalid Unicode characters after decoding HTML entities, "
    "check for unmatched surrogate code units"
)
_MDV2_RESERVED = set("#+-={}.!")
_MDV2_FORMAT = set("_*~|")


class MarkupError(ValueError):
    """The text after ``Bad Request: can't parse entities: ``."""


def utf16_len(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


@dataclass
class _Open:
    tag: str
    attrs: dict[str, str]
    offset: int  # UTF-16 offset in the output
    order: int
    out_index: int  # index into the output chunk list where the tag's content starts
    language: str | None = None


def _decode_entity(text: str, i: int) -> tuple[str | None, int]:
    match = _ENTITY_RE.match(text, i)
    if match is None:
        return None, i
    body = match.group(1)
    if body[0] == "#":
        code = int(body[2:], 16) if body[1] == "x" else int(body[1:])
        if code == 0 or code >= 0x10FFFF:
            return None, i
        if 0xD800 <= code <= 0xDFFF:
            raise MarkupError(_SURROGATE_ERROR)
        return chr(code), match.end()
    char = _NAMED.get(body)
    return (char, match.end()) if char is not None else (None, i)


def _skip_spaces(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    return i


def _parse_attributes(text: str, i: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    """Parse ``name=value`` pairs up to and including ``>``; returns (attrs, index after >)."""
    n = len(text)
    attrs: dict[str, str] = {}
    unclosed = f'Unclosed start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
    while True:
        i = _skip_spaces(text, i)
        if i >= n:
            raise MarkupError(unclosed)
        if text[i] == ">":
            return attrs, i + 1
        start = i
        while i < n and not text[i].isspace() and text[i] not in "=>":
            i += 1
        name = text[start:i].lower()
        if not name:
            raise MarkupError(
                f'Empty attribute name in the tag "{tag}" at byte offset '
                f"{_byte_offset(text, begin)}"
            )
        i = _skip_spaces(text, i)
        if i >= n:
            raise MarkupError(unclosed)
        if text[i] != "=":
            attrs[name] = ""  # valueless attribute, e.g. <blockquote expandable>
            continue
        i = _skip_spaces(text, i + 1)
        if i >= n:
            raise MarkupError(unclosed)
        if text[i] in "\"'":
            quote, i = text[i], i + 1
            value: list[str] = []
            while i < n and text[i] != quote:
                char, j = _decode_entity(text, i) if text[i] == "&" else (None, i)
                if char is not None:
                    value.append(char)
                    i = j
                else:
                    value.append(text[i])
                    i += 1
            if i >= n:
                raise MarkupError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
            attrs[name] = "".join(value)
            i += 1
        else:
            start = i
            while i < n and (text[i].isalnum() or text[i] in ".-"):
                i += 1
            if i < n and not text[i].isspace() and text[i] != ">":
                raise MarkupError(
                    f"Unexpected end of name token at byte offset {_byte_offset(text, start)}"
                )
            attrs[name] = text[start:i].lower()


def _entity_for(node: _Open, inner: str, offset: int, length: int) -> dict[str, Any] | None:
    entity: dict[str, Any] = {"offset": offset, "length": length}
    if node.tag == "a":
        url = node.attrs.get("href") or inner
        if not url or any(ch.isspace() for ch in url):
            return None
        if "://" not in url and not url.startswith(("tg:", "mailto:")):
            url = f"http://{url}" + ("/" if "/" not in url else "")
        entity.update(type="text_link", url=url)
    elif node.tag == "tg-emoji":
        entity.update(type="custom_emoji", custom_emoji_id=node.attrs.get("emoji-id", ""))
    elif node.tag == "blockquote" and "expandable" in node.attrs:
        entity["type"] = "expandable_blockquote"
    else:
        entity["type"] = _SIMPLE_TAGS[node.tag]
        if node.tag == "pre" and node.language:
            entity["language"] = node.language
    return entity


def parse_html(text: str, *, strict: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Return ``(plain_text, entities)`` or raise :class:`MarkupError`."""
    out: list[str] = []
    pos = 0  # UTF-16 length of the output so far
    stack: list[_Open] = []
    found: list[tuple[int, int, int, dict[str, Any]]] = []
    opened = 0
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "&":
            decoded, j = _decode_entity(text, i)
            if decoded is None:
                if strict:
                    raise MarkupError(f'Unescaped "&" at byte offset {_byte_offset(text, i)}')
                decoded, j = "&", i + 1
            out.append(decoded)
            pos += utf16_len(decoded)
            i = j
            continue
        if char != "<":
            match = _SPECIAL_RE.search(text, i)
            j = match.start() if match else n
            chunk = text[i:j]
            out.append(chunk)
            pos += utf16_len(chunk)
            i = j
            continue
        begin = i
        i += 1
        if i < n and text[i] == "/":
            if not stack:
                raise MarkupError(f"Unexpected end tag at byte offset {_byte_offset(text, begin)}")
            start = i + 1
            i = start
            while i < n and not text[i].isspace() and text[i] != ">":
                i += 1
            end_name = text[start:i].lower()
            i = _skip_spaces(text, i)
            if i >= n or text[i] != ">":
                raise MarkupError(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
            i += 1
            node = stack.pop()
            if end_name and end_name != node.tag:
                raise MarkupError(
                    f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                    f'expected "</{node.tag}>", found "</{end_name}>"'
                )
            language = node.attrs.get("class", "")
            in_pre = node.tag == "code" and stack and stack[-1].tag == "pre"
            if in_pre and language.startswith("language-") and len(language) > 9:
                stack[-1].language = language[9:]  # <pre><code class="language-x">: one entity
                continue
            length = pos - node.offset
            if length > 0:
                inner = "".join(out[node.out_index :]) if node.tag == "a" else ""
                entity = _entity_for(node, inner, node.offset, length)
                if entity is not None:
                    found.append((node.offset, -length, node.order, entity))
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != ">":
            i += 1
        if i >= n:
            raise MarkupError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        tag = text[start:i].lower()
        if tag not in _ALL_TAGS:
            raise MarkupError(
                f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
            )
        attrs, i = _parse_attributes(text, i, tag, begin)
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise MarkupError(
                f'Tag "span" must have class "tg-spoiler" at byte offset '
                f"{_byte_offset(text, begin)}"
            )
        stack.append(_Open(tag, attrs, pos, opened, len(out)))
        opened += 1
    if stack:
        raise MarkupError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    found.sort(key=lambda item: item[:3])
    return "".join(out), [item[3] for item in found]


def check_markdown_v2(text: str) -> str:
    """Validate MarkdownV2 the way Telegram rejects it most often; return the plain text."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n:
            out.append(text[i + 1])
            i += 2
            continue
        if char == "`":
            fence = "```" if text.startswith("```", i) else "`"
            end = text.find(fence, i + len(fence))
            if end < 0:
                kind = "Pre" if fence == "```" else "Code"
                raise MarkupError(
                    f"Can't find end of {kind} entity at byte offset {_byte_offset(text, i)}"
                )
            out.append(text[i + len(fence) : end])
            i = end + len(fence)
            continue
        if char == "]" and i + 1 < n and text[i + 1] == "(":
            end = text.find(")", i + 2)
            if end < 0:
                raise MarkupError(
                    f"Can't find end of a URL at byte offset {_byte_offset(text, i + 2)}"
                )
            i = end + 1
            continue
        at_line_start = i == 0 or text[i - 1] == "\n"
        if char in _MDV2_RESERVED or char in "()" or (char == ">" and not at_line_start):
            raise MarkupError(
                f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
            )
        if char not in _MDV2_FORMAT and char not in "[>":
            out.append(char)
        i += 1
    return "".join(out)
