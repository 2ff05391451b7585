"""The localizer: parameters are always text, never markup."""

from __future__ import annotations

import html

from bot.i18n import Localizer
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
