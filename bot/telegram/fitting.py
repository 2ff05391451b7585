"""Telegram's length limits, applied the way Telegram measures and without breaking the text.

Telegram counts UTF-16 code units of the text a reader sees: a tag counts nothing, an entity
such as ``&amp;`` one character, an emoji two. A text over a limit is cut between whole
characters (never inside an entity, a tag, an emoji sequence or a flag), preferably at a line
break or a space near the limit; tags and bidi isolates open at the cut are closed there and
reopened after it, so each piece is valid HTML that reads the same way as the whole.
"""

from __future__ import annotations

import re
import unicodedata

from bot.i18n import POP_DIRECTIONAL_ISOLATE

#: Ends a piece of a message cut in two, and starts the next piece.
CONTINUED = "\u2026"
_MARKUP = re.compile(r"<[^<>]*>|&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_TAG = re.compile(r"<[^<>]*>")
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI; each ends at PDI
_LINE_WINDOW, _WORD_WINDOW = 200, 40  # how far back a cut may move to a line or word end
_BACK_OFF = 16  # how far back a cut may move to keep one visible character whole


def shorten(text: str, limit: int, marker: str, *, markup: bool = True) -> str:
    """``text`` if it fits in ``limit``, else as much of it as fits followed by ``marker``."""
    measure = telegram_length if markup else _utf16_length
    if measure(text) <= limit:
        return text
    head, _ = cut_text(text, limit - measure(marker), markup=markup)
    return head + marker


def telegram_length(html_text: str) -> int:
    """The length Telegram checks: UTF-16 units of the text once the HTML is parsed."""
    return _utf16_length(_ENTITY.sub("&", _TAG.sub("", html_text)))


def _utf16_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _tokens(text: str, markup: bool) -> list[str]:
    """Characters, with each tag and entity of HTML as one token."""
    if not markup:
        return list(text)
    out: list[str] = []
    position = 0
    for match in _MARKUP.finditer(text):
        out.extend(text[position : match.start()])
        out.append(match.group())
        position = match.end()
    out.extend(text[position:])
    return out


def _is_tag(token: str) -> bool:
    return len(token) > 1 and token[0] == "<"


def _opens(token: str) -> bool:
    return token in _ISOLATES or (_is_tag(token) and token[1] != "/")


def _closes(token: str) -> bool:
    return token == POP_DIRECTIONAL_ISOLATE or (_is_tag(token) and token[1] == "/")


def _closer(opener: str) -> str:
    if opener in _ISOLATES:
        return POP_DIRECTIONAL_ISOLATE
    return f"</{opener[1:].split(maxsplit=1)[0].rstrip('>')}>"


def _open_after(tokens: list[str]) -> list[str]:
    """The tags and isolates still open after these tokens, outermost first."""
    stack: list[str] = []
    for token in tokens:
        if _opens(token):
            stack.append(token)
        elif _closes(token) and stack:
            stack.pop()
    return stack


def _splits_character(tokens: list[str], index: int) -> bool:
    """Whether a cut before ``tokens[index]`` falls inside one visible character (an emoji
    sequence, a flag, a letter and its accent)."""
    before, after = tokens[index - 1], tokens[index]
    if len(before) != 1 or len(after) != 1:
        return False
    if before == "\u200d" or after in "\u200d\ufe0e\ufe0f":
        return True
    if "\U0001f3fb" <= after <= "\U0001f3ff" or "\U000e0020" <= after <= "\U000e007f":
        return True  # skin tone, tag sequence (subdivision flags)
    if unicodedata.category(after).startswith("M"):
        return True
    run = 0  # regional indicators pair up into flags
    while index - 1 - run >= 0 and "\U0001f1e6" <= tokens[index - 1 - run] <= "\U0001f1ff":
        run += 1
    return run % 2 == 1 and "\U0001f1e6" <= after <= "\U0001f1ff"


def cut_text(text: str, budget: int, *, markup: bool = True) -> tuple[str, str]:
    """Cut ``text`` into a head showing at most ``budget`` units and the rest.

    The head ends at a line break or a space near the limit if there is one, otherwise
    between two whole characters; open tags and isolates are closed at its end (the closing
    isolates counted in the budget) and reopened at the start of the rest. The rest is empty
    when nothing visible is left for it.
    """
    if budget < 8:
        raise ValueError(f"cannot cut text to {budget} units")
    tokens = _tokens(text, markup)
    used = depth = end = 0
    line = word = (0, 0)  # (token index after a line break / space, units used there)
    for index, token in enumerate(tokens):
        if _is_tag(token):
            continue
        width = 1 if len(token) > 1 or token <= "\uffff" else 2
        depth += (token in _ISOLATES) - (token == POP_DIRECTIONAL_ISOLATE and depth > 0)
        if used + width + depth > budget:
            break
        used, end = used + width, index + 1
        if token == "\n":
            line = (end, used)
        elif token.isspace():
            word = (end, used)
    else:
        return text, ""
    cut = end
    if line[0] and line[1] >= used - _LINE_WINDOW:
        cut = line[0]
    elif word[0] and word[1] >= used - _WORD_WINDOW:
        cut = word[0]
    else:
        floor = max(1, cut - _BACK_OFF)
        while cut > floor and _splits_character(tokens, cut):
            cut -= 1
        if _splits_character(tokens, cut):
            cut = end
    while cut < len(tokens) and _closes(tokens[cut]):
        cut += 1  # a closing tag right after the cut stays with the head
    while cut > 1 and _opens(tokens[cut - 1]):
        cut -= 1  # an opening tag right before it goes with the rest
    head, rest = tokens[:cut], tokens[cut:]
    while len(head) > 1 and head[-1].isspace():
        head.pop()
    while rest and rest[0].isspace():
        rest.pop(0)
    stack = _open_after(head)
    head_text = "".join(head) + "".join(_closer(opener) for opener in reversed(stack))
    if all(token.isspace() or _opens(token) or _closes(token) for token in rest):
        return head_text, ""
    return head_text, "".join(stack) + "".join(rest)
