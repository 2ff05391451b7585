"""Text reaches Telegram whole and readable: long messages split, captions, edits and topic
names shortened without breaking the HTML, with the cut marked, and a parent's right-to-left
tricks kept inside their own words."""

from __future__ import annotations

import html
import random
import re
from datetime import UTC, datetime
from decimal import Decimal

from bot.i18n import isolated
from bot.telegram.calls import MAX_TEXT, MAX_TOPIC_NAME, render_calls, split_text
from handlers.case.view import CaseView
from handlers.desk import handoff
from handlers.events import Media, MediaKind
from handlers.policy import DeskPolicy
from handlers.replies import Button, EditMessage, Msg, Reply, SendDocument, SendMedia
from storage.models import Case, CaseTransaction
from tests.emulator.markup import parse_html, utf16_len

CAPTION = 1024
FSI, PDI, RLO = "\u2068", "\u2069", "\u202e"
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _visible(html_text: str) -> str:
    """What Telegram shows: parsed the way it parses HTML (raises on broken markup)."""
    text, _ = parse_html(html_text, strict=True)
    return text


def _letters(text: str, drop: str = "") -> str:
    """The text without white space (a cut may drop it) nor the given marks."""
    return "".join(char for char in text if not char.isspace() and char not in drop)


def _cut_marker(localizer, language: str = "en") -> str:
    return localizer.plain(language, Msg("text-cut"))


def test_a_long_text_of_ampersands_splits_into_valid_pieces_that_add_up(localizer):
    words = ("Tom & Jerry <3 && " * 300)[:5000]
    reply = Reply(1, "en", (Msg("review-description", {"value": words}),))
    calls = render_calls(localizer, [reply])
    assert len(calls) == 2  # 5,000 visible characters: two messages, not a third for escapes
    pieces = [_visible(params["text"]) for _, _, params in calls]
    assert all(utf16_len(piece) <= MAX_TEXT for piece in pieces)
    assert pieces[0].endswith("…") and pieces[1].startswith("…")  # the cut is marked
    joined = pieces[0].removesuffix("…") + pieces[1].removeprefix("…")
    assert _letters(joined) == _letters(localizer.plain("en", reply.parts[0]))


def test_a_cut_inside_bold_closes_it_and_reopens_it_in_the_next_piece():
    piece = "<b>" + "x &amp; y " * 1000 + "</b>"
    messages = split_text([piece, "<i>after</i>"])
    assert len(messages) == 2
    for message in messages:
        text, entities = parse_html(message, strict=True)
        assert utf16_len(text) <= MAX_TEXT
        assert entities[0]["type"] == "bold"
    assert "<i>after</i>" in messages[-1]


def test_emoji_and_chinese_are_counted_as_telegram_counts_them():
    """An emoji is two UTF-16 units; a Chinese character one; an escaped "&" one."""
    piece = "😀孩&amp;" * 1500
    messages = split_text([piece])
    visible = [_visible(m) for m in messages]
    assert all(utf16_len(v) <= MAX_TEXT for v in visible)
    assert utf16_len(visible[0]) > MAX_TEXT - 4  # filled, not cut needlessly
    assert "".join(v.strip("…") for v in visible) == "😀孩&" * 1500


def test_a_long_caption_is_cut_with_a_marker_and_stays_valid(localizer):
    words = ("a<b>&c " * 400)[:2000]
    caption = Msg("relay-from-parent", {"reference": "K7QM4", "text": words})
    photo = Media(MediaKind.PHOTO, file_id="photo-1")
    document = SendDocument(1, "en", "export.json", "{}", caption)
    calls = render_calls(localizer, [SendMedia(1, "en", (photo,), caption), document])
    whole = localizer.plain("en", caption)
    for _, _, params in calls:
        shown = _visible(params["caption"])
        assert utf16_len(shown) <= CAPTION
        assert shown.endswith(_cut_marker(localizer))
        kept = shown.removesuffix(_cut_marker(localizer))
        assert whole.startswith(kept) and len(kept) > CAPTION - 80


def test_a_long_edit_is_cut_with_a_marker_and_keeps_its_buttons(localizer):
    words = ("<i>é</i> & " * 700)[:6000]
    button = Button(Msg("review-header"), "x|1")
    edit = EditMessage(1, 7, "fr", (Msg("review-description", {"value": words}),), ((button,),))
    ((_, method, params),) = render_calls(localizer, [edit])
    assert method == "editMessageText" and params["reply_markup"]["inline_keyboard"]
    shown = _visible(params["text"])
    assert utf16_len(shown) <= MAX_TEXT
    assert shown.endswith(_cut_marker(localizer, "fr"))


def _view(account: str, platform_other: str = "Bilibili") -> CaseView:
    when = datetime(2026, 11, 19, 12, tzinfo=UTC)
    case = Case(
        id=3,
        reference="K7QM4",
        user_id=5,
        chat_id=5,
        language="en",
        timezone="Asia/Shanghai",
        platform="other",
        platform_other=platform_other,
        problem="minor_purchase",
        writer="parent",
        account=account,
        payment_method="alipay",
        description="He bought diamonds",
        submitted_at=when,
    )
    tx = CaseTransaction(amount=Decimal("648"), currency="CNY", occurred_at=when, position=1)
    return CaseView(case, [tx], [])


def _outside_isolates(text: str) -> str:
    """The text with every FSI…PDI span removed; fails on an unbalanced isolate."""
    out, depth = [], 0
    for char in text:
        if char == FSI:
            depth += 1
        elif char == PDI:
            assert depth > 0, f"PDI without FSI in {text!r}"
            depth -= 1
        elif depth == 0:
            out.append(char)
    assert depth == 0, f"isolate left open in {text!r}"
    return "".join(out)


def test_a_right_to_left_override_stays_inside_the_parents_words(localizer):
    view = _view(f"{RLO}abc", platform_other=f"{RLO}Bili")
    desk = DeskPolicy(chat_id=-100, language="en")
    total = view.totals_in("en")
    card = render_calls(localizer, [handoff.card(view, desk)])[0][2]["text"]
    topic = render_calls(localizer, [handoff.topic_request(view, desk)])[0][2]["name"]
    for text, words in ((_visible(card), "abc"), (topic, "Bili")):
        outside = _outside_isolates(text)
        assert not _BIDI_CONTROLS.search(outside)  # no override, mark or isolate loose
        assert words not in outside  # the parent's words are isolated...
        assert total in outside  # ...and the bot's own figures never are
    assert f"{FSI}Bili{PDI} · {total}" in topic
    assert f"Account: {FSI}abc{PDI}" in _visible(card)


def test_a_long_topic_name_is_cut_on_whole_characters_and_closes_its_isolate(localizer):
    view = _view("acc", platform_other="עברית " + "😀" * 150)
    desk = DeskPolicy(chat_id=-100, language="en")
    name = render_calls(localizer, [handoff.topic_request(view, desk)])[0][2]["name"]
    assert utf16_len(name) <= MAX_TOPIC_NAME
    assert name.encode("utf-16-le").decode("utf-16-le") == name
    assert name.startswith(f"K7QM4 · {FSI}עברית 😀")
    assert name.endswith(f"{PDI}…")
    _outside_isolates(name)


def test_any_mix_of_markup_emoji_and_isolates_splits_into_valid_pieces_that_add_up():
    rng = random.Random(10)
    atoms = ["a", " ", "\n", "&", "<", "孩", "😀", "👨\u200d👩\u200d👧", "🇫🇷", "e\u0301", "ש", RLO]
    for _ in range(60):
        parts = []
        for _ in range(rng.randint(1, 3)):
            words = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 2500)))
            value = html.escape(isolated(words), quote=False)
            parts.append(f"<b>Note</b>: <i>{value}</i> <b>648.00 CNY</b>")
        limit = rng.choice([MAX_TEXT, CAPTION, 300])
        shown = [_visible(message) for message in split_text(parts, limit)]
        assert all(utf16_len(text) <= limit for text in shown)
        assert all(_outside_isolates(text) is not None for text in shown)
        whole = "".join(_visible(part) for part in parts)
        assert _letters("".join(shown), drop="…" + FSI + PDI) == _letters(whole, drop=FSI + PDI)
