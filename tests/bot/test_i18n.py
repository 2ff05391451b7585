"""The localizer: parameters are always text, never markup."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from decimal import Decimal

from bot.i18n import Localizer
from handlers.formatting import format_money, format_when
from handlers.replies import Msg


def test_a_parents_markup_is_escaped_in_html_and_kept_in_plain_text(localizer):
    words = "My son <b>12</b> & <script>x</script>"
    msg = Msg("review-description", {"value": words})
    html_text = localizer.html("en", msg)
    assert "&lt;b&gt;12&lt;/b&gt; &amp; &lt;script&gt;" in html_text
    assert localizer.plain("en", msg).endswith(words)


def test_nested_messages_are_translated_not_escaped(localizer):
    msg = Msg("review-platform", {"value": Msg("platform-custom", {"name": "B<i>li"})})
    assert localizer.html("fr", msg).endswith("B&lt;i&gt;li")


def test_plural_forms_follow_the_language(localizer):
    one = localizer.plain("en", Msg("evidence-count", {"count": 1}))
    many = localizer.plain("en", Msg("evidence-count", {"count": 3}))
    assert "1 file " in one and "3 files" in many


def test_long_parameters_are_kept_whole() -> None:
    """A parent may write up to Telegram's 4,096 characters; Fluent alone stops at 2,500."""
    localizer = Localizer()
    text = "孩子 <b>& " + "x" * 5000 + " 结束"
    rendered = localizer.html(
        "zh-Hans", Msg("relay-from-parent", {"reference": "K7QM4", "text": text})
    )
    assert html.escape(text, quote=False) in rendered
    assert "\x00" not in rendered
    nested = Msg("relay-from-parent", {"reference": "K7QM4", "text": "\x00" + "y" * 3000})
    assert "y" * 3000 in localizer.plain("fr", nested)


def test_a_parents_bidi_controls_stay_inside_an_isolate_of_their_own(localizer):
    """A right-to-left override typed by a parent must not reverse what follows it."""
    tricked = Msg("review-account", {"value": "\u202eabc\u2066 & d\u200f"})
    assert localizer.html("en", tricked) == "Account: \u2068abc &amp; d\u2069"
    assert localizer.plain("en", tricked) == "Account: \u2068abc & d\u2069"
    hebrew = Msg("review-platform", {"value": Msg("platform-custom", {"name": "עברית 12"})})
    assert localizer.plain("en", hebrew) == "Platform: \u2068עברית 12\u2069"


def test_the_bots_own_values_and_left_to_right_words_get_no_isolation_marks(localizer):
    money = format_money(Decimal("1234.5"), "EUR", "fr")  # French grouping: U+202F
    when = format_when(datetime(2026, 11, 19, 12, tzinfo=UTC), "Asia/Shanghai", "zh-Hant")
    for language, msg in (
        ("fr", Msg("review-total", {"total": money})),
        ("zh-Hant", Msg("desk-deadline-warning", {"reference": "K7QM4", "due": when})),
        ("zh-Hans", Msg("review-platform", {"value": Msg("platform-custom", {"name": "哔哩"})})),
        ("en", Msg("review-description", {"value": "Mon fils a payé 30 € 😀"})),
    ):
        for text in (localizer.html(language, msg), localizer.plain(language, msg)):
            assert "\u2068" not in text and "\u2069" not in text


def test_a_message_that_is_only_a_missing_placeable_does_not_crash(tmp_path):
    """Fluent formats ``key = { $name }`` without ``name`` to FluentNone, not a str; the
    localizer used to call ``.replace`` on it."""
    from bot.i18n import Localizer
    from handlers.languages import SUPPORTED
    from handlers.replies import Msg

    for language in SUPPORTED:
        (tmp_path / language).mkdir()
        (tmp_path / language / "only.ftl").write_text("only-var = { $name }\n", encoding="utf-8")
    localizer = Localizer(tmp_path)
    assert localizer.plain("en", Msg("only-var")) == "name"
    assert localizer.html("fr", Msg("only-var", {"name": "Léa"})) == "Léa"
