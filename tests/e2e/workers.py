"""Several workers behind a load balancer, the scenario shared by the end-to-end test
(tests/e2e/test_several_workers.py) and its benchmark (bench/several_workers.py): parents who
read each question and answer it (some sending two messages without waiting), worker configs
for N webhook workers behind one public URL, and what to count afterwards."""

from __future__ import annotations

import asyncio
import html
import random
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from handlers.replies import Msg
from tests.e2e.harness import BotUnderTest, free_port
from tests.e2e.intake import REFERENCE
from tests.e2e.parent import TelegramParent


def script(index: int) -> dict[str, Any]:
    return {
        "account": f"acct_{index}_douyin",
        "amount": f"{10 + index},50 €",
        "expected_amount": f"{10 + index}.50",
        "when": "hier vers 21h",
        "description": f"Parent {index}: ma fille a acheté des cadeaux sans demander.",
        # Odd parents type the amount and its time without waiting for the bot in between.
        "hasty": index % 2 == 1,
    }


def _plain(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def _own_words(localizer, key: str) -> str:
    """The longest stretch of a French message's own words, between its placeholders."""
    pattern = localizer.bundles["fr"].get_message(key).value
    elements = getattr(pattern, "elements", [pattern])
    texts = [e.value for e in elements if type(e).__name__ == "TextElement"]
    lines = [_plain(line).strip() for text in texts for line in text.split("\n")]
    return max(lines, key=len)[:20]


class Parent:
    """A parent who reads what the bot says and answers the question actually asked: a message
    repeated after a crash (see README, "Reliability") is read and ignored, as a person would."""

    def __init__(self, emulator, localizer, index: int, *, think: float = 0.0) -> None:
        self.chat = TelegramParent(emulator, localizer, language_code="fr", name=f"P{index}")
        self.chat.language = "fr"  # the labels of the buttons it presses
        self.emulator, self.localizer = emulator, localizer
        self.think = think  # mean seconds a person takes before each answer
        self.timeout = 60.0
        #: Seconds from each message sent to the bot's answer to it.
        self.latencies: list[float] = []
        self._random = random.Random(index)

    def _expected(self, key: str, params: dict[str, Any]):
        prefix = _own_words(self.localizer, key)
        mine = self.chat._for_me
        return lambda call: mine(call) and prefix in _plain(call.params.get("text", ""))

    async def _pause(self) -> None:
        if self.think:
            await asyncio.sleep(self.think * self._random.uniform(0.5, 1.5))

    async def _await(self, since: int, key: str, **params: Any) -> None:
        started = time.monotonic()
        call = await self.emulator.wait_for_call(
            "sendMessage", self._expected(key, params), self.timeout, since=since, ok_only=True
        )
        self.chat.last = call.result
        self.latencies.append(time.monotonic() - started)

    async def say(self, text: str, key: str, **params: Any) -> None:
        await self._pause()
        since = self.emulator.mark()
        self.emulator.inject_text(self.chat.user, text)
        await self._await(since, key, **params)

    async def both(self, first: str, second: str, key: str) -> None:
        """Two messages at once, without waiting for the bot in between."""
        await self._pause()
        since = self.emulator.mark()
        self.emulator.inject_text(self.chat.user, first)
        self.emulator.inject_text(self.chat.user, second)
        await self._await(since, key)

    async def press(self, button: str, key: str, **params: Any) -> None:
        data = self.chat.data_of(button)
        await self._pause()
        since = self.emulator.mark()
        self.emulator.inject_callback(self.chat.user, self.chat.last["message_id"], data)
        await self._await(since, key, **params)

    async def album(self, photos: int, key: str, **params: Any) -> None:
        await self._pause()
        since = self.emulator.mark()
        self.emulator.inject_album(self.chat.user, ["photo"] * photos)
        await self._await(since, key, **params)


async def claim(parent: Parent, script: dict[str, Any]) -> str:
    """A whole claim in French, as tests/e2e/intake.complete_intake, waiting each time
    for the question that should come next; returns the case's reference."""
    since = parent.emulator.mark()
    parent.emulator.inject_command(parent.chat.user, "/start")
    await parent._await(since, "ask-consent")
    await parent.press("button-consent-yes", "ask-platform")
    await parent.press("platform-douyin", "ask-problem")
    await parent.press("problem-minor-purchase", "ask-writer")
    await parent.press("writer-parent", "ask-minor-age")
    await parent.say("11 ans", "ask-account", platform=Msg("platform-inline-douyin"))
    await parent.say(script["account"], "ask-payment")
    await parent.press("payment-wechat-pay", "ask-tx-amount", number=1)
    if script["hasty"]:
        await parent.both(script["amount"], script["when"], "ask-tx-confirm")
    else:
        await parent.say(script["amount"], "ask-tx-time")
        await parent.say(script["when"], "ask-tx-confirm")
    await parent.press("button-tx-correct", "ask-tx-order")
    await parent.press("button-no-order", "tx-recorded", count=1, total="")
    await parent.press("button-tx-done", "ask-evidence")
    await parent.album(2, "evidence-count", count=2)
    await parent.press("button-evidence-done", "ask-description")
    await parent.say(script["description"], "ask-contact")
    await parent.press("button-skip-contact", "ask-review")
    await parent.press("button-submit", "submitted", reference="")
    text = _plain(parent.chat.last["text"])
    match = re.search(REFERENCE, text)
    assert match, text
    return match.group(1)


def repeats(emulator, parents: list[Parent]) -> int:
    """Messages a parent received twice (a crash between sending and recording it)."""
    repeated = 0
    for parent in parents:
        texts = [
            c.params["text"]
            for c in emulator.calls_of("sendMessage")
            if c.status == 200 and parent.chat._for_me(c)
        ]
        repeated += len(texts) - len(set(texts))
    return repeated


def worker_configs(
    tmp_path: Path,
    emulator,
    *,
    framework: str,
    database_url: str,
    public_url: str = "",
    count: int,
    extra: str = "",
    group_window: float = 60.0,
    chat_lease: float = 2.0,
    warm: bool = True,
) -> tuple[list[int], list[BotUnderTest]]:
    """``count`` identical webhook workers (ports returned), all registering ``public_url``
    (by default none yet: written in their configs once the proxy in front has its port):
    ``worker0.toml``, ``worker0.log``... in ``tmp_path``."""
    ports = [free_port() for _ in range(count)]
    bots = [
        BotUnderTest(
            emulator,
            tmp_path,
            name=f"worker{index}",
            framework=framework,
            mode="webhook",
            database_url=database_url,
            extra=extra,
            port=port,
            public_url=public_url,
            limits={"group_window_seconds": group_window},
            telegram={"chat_lease_seconds": chat_lease},
            warm=warm,
        )
        for index, port in enumerate(ports)
    ]
    return ports, bots


def group_sends(emulator, group_id: int | None = None) -> list[tuple[float, int]]:
    """(time, messages) of each send Telegram accepted (in one group, or anywhere); an album
    counts its items, as Telegram's limits do."""
    sends = []
    for method in ("sendMessage", "sendMediaGroup", "sendPhoto", "sendDocument"):
        for call in emulator.calls_of(method):
            chat = str(call.params.get("chat_id"))
            if call.status == 200 and (group_id is None or chat == str(group_id)):
                media = call.params.get("media")
                sends.append((call.time, len(media) if isinstance(media, list) else 1))
    return sorted(sends)


def most_in_window(sends: list[tuple[float, int]], window: float) -> int:
    most, start, inside = 0, 0, 0
    for end in range(len(sends)):
        inside += sends[end][1]
        while sends[end][0] - sends[start][0] >= window:
            inside -= sends[start][1]
            start += 1
        most = max(most, inside)
    return most


def count_by_reference(emulator, method: str, pattern: str, key: str = "text") -> Counter[str]:
    found: Counter[str] = Counter()
    for call in emulator.calls_of(method):
        if call.status == 200 and (match := re.search(pattern, str(call.params.get(key, "")))):
            found[match.group(1)] += 1
    return found
