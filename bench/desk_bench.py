"""A busy desk, timed (issue #12): a burst of new cases while agents work earlier ones.

    python bench/desk_bench.py [--frameworks python-telegram-bot,aiogram] [--repeat 1]
                               [--new-cases 12] [--earlier 3] [--agents 3] [--duration 300]
                               [--postgres] [--harness-lease]

The scenario, per run (one framework): the Bot API emulator (tests/emulator) in this process
with Telegram's real limits enforced (``enable_rate_limits(per_group=20, group_window=60,
overall=30)``: a 429 beyond them), one forum group as the agents' desk, and the bot as a real
``python -m bot.cli run`` process (tests/e2e/harness.BotProcess + write_config, polling,
SQLite in a temp dir; ``--postgres``: a throwaway database next to
REFUND_DESK_TEST_POSTGRES_URL). write_config's settings are kept (``private_burst = 0`` among
them) except the outbox lease and sweep, which get their production defaults, 30 s / 2 s, as
in bench/intake_throughput.py (``--harness-lease`` keeps 1 s / 0.2 s).

1. Set-up (not timed): ``--earlier`` parents (3) submit a claim each and the bench waits until
   each case is in the group (topic, card, album).
2. Measured phase, at most ``--duration`` seconds (300):
   * a burst: ``--new-cases`` parents (12) start their intake one after the other over
     ``--burst-window`` seconds (40), in en, fr, zh-Hans, zh-Hant in turn, pausing
     ``--parent-think`` s (0.5) on average before each answer, each with one purchase and a
     2-photo album; so all submit within about a minute;
   * ``--agents`` agents (3) each work an earlier case at human pace (``--agent-think`` s,
     3.5, on average before each action), then take new cases as their cards arrive, one at a
     time: Claim; Ask parent, then the question as a message in the topic; the parent (who
     waits for the question, then pauses 2-5 s) answers; Approve (every third case: Reject,
     a reason, then a note as a message); Close. After each press the agent waits for its
     visible effect (at most ``--patience`` s, 60, then goes on like a person would); before
     deciding, for the parent's answer in the topic (until the end of the run).
   The run ends when every case is closed and every awaited message has arrived, or at
   ``--duration``: whatever has not arrived by then is counted as "more than" the time it had
   (a percentile that depends on such a value prints as ``> N``, or ``a–b`` when bounded).

Every time is measured at the emulator (``ApiCall.time``, ``time.monotonic()`` when the
request arrived, in the process that injects the updates):

* press → answered: the injected callback query → its ``answerCallbackQuery``.
* press → visible effect: → the first accepted group call showing it: Claim, the card edited
  with "Handled by: <agent>"; Approve, the card with its "Decision:"; Close, the card
  "— closed"; Ask parent, Reject and a reason, their prompt in the topic (before #12) or the
  card edited with its "✍️ Waiting for …" line (since), whichever comes first.
* agent message → parent: the question (and a rejection's note) typed in the topic → the
  parent's ``sendMessage`` quoting it.
* parent message → topic: the parent's answer → the ``sendMessage`` quoting it in the topic;
  → acknowledgement: → the parent's "Sent to support for …" (``parent-relayed``).
* submitted → card: the parent's press on Submit → the case card in its topic (new cases).
* peak group sends / 60 s and overall / 1 s: messages Telegram accepted (an album's items
  each count, as Telegram counts them; edits, topics and callback answers do not count at
  the emulator), the most in any sliding window; 429: refusals by the emulator's limits.
* no-op edits: ``editMessageText`` calls the emulator refused with 400 "message is not
  modified" (it compares the new text, entities and keyboard with the message's current ones,
  as Telegram does).
* duplicates: the same message (text, caption or album) accepted twice in one chat/thread,
  plus a second topic for one case: the scenario never asks for either.
* group messages per case: what each case cost in the group, from its topic to its close:
  topic, card, album items, prompts, relayed messages, card edits (and no-op ones), for the
  cases closed within the run.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import contextlib
import html
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from throwaway_database import POSTGRES_ENV, throwaway_database  # noqa: E402

from bot.i18n import Localizer  # noqa: E402
from handlers.replies import Msg  # noqa: E402
from tests.e2e.harness import BotProcess, write_config  # noqa: E402
from tests.e2e.intake import FRENCH  # noqa: E402
from tests.e2e.parent import TelegramParent  # noqa: E402
from tests.e2e.workers import group_sends, most_in_window  # noqa: E402
from tests.emulator import BotApiEmulator  # noqa: E402

FRAMEWORKS = ("python-telegram-bot", "aiogram")
TICKS = os.sysconf("SC_CLK_TCK")
NOT_MODIFIED = "message is not modified"
SEND_METHODS = ("sendMessage", "sendMediaGroup", "sendPhoto", "sendDocument")
_CARD = re.compile(r"Case <b>([2-9A-HJKMNP-Z]{5,8})</b>")
_REFERENCE = re.compile(r"(?<![A-Z0-9])([2-9A-HJKMNP-Z]{5,8})(?![A-Z0-9])")

#: One purchase each; the parents' languages in turn. ``answer``: their reply to the question.
SCRIPTS: tuple[dict[str, str], ...] = (
    {
        "code": "en",
        "language": "en",
        "age": "11",
        "account": "douyin_kid_2015",
        "amount": "$4.99",
        "when": "yesterday at 9pm",
        "zone": "London",  # a bare "en" client is asked where they are, before the time
        "description": "My son bought coins for a streamer without asking me.",
        "answer": "Yes, he is 11 and he used my phone.",
    },
    {
        # The French parent of tests/e2e/intake.py, with one purchase and words of their own.
        **{key: FRENCH[key] for key in ("code", "language", "age", "account", "amount", "when")},
        "description": "Ma fille a acheté des cadeaux pour un streamer sans me demander.",
        "answer": "Oui, elle a 11 ans, elle a pris mon téléphone.",
    },
    {
        "code": "zh-hans",
        "language": "zh-Hans",
        "age": "11岁",
        "account": "抖音号 2015",
        "amount": "648元",
        "when": "昨天晚上8点",
        "description": "孩子用我的手机给主播刷了礼物。",
        "answer": "是的，孩子十一岁，用的是我的手机。",
    },
    {
        "code": "zh-hant",
        "language": "zh-Hant",
        "age": "十歲",
        "account": "抖音號 88",
        "amount": "NT$ 990",
        "when": "昨天晚上8點",
        "description": "孩子趁我睡覺時用我的手機儲值遊戲點數。",
        "answer": "是的，孩子十歲，用的是我的手機。",
    },
)
AGENT_NAMES = ("Alice", "Bruno", "Chen", "Dana", "Emil", "Fatma")

# Metrics, in the order printed, with their targets (p95, seconds).
ANSWERED = "press → button answered"
EFFECT = "press → visible effect in the group"
TO_PARENT = "agent message → parent"
TO_TOPIC = "parent message → topic"
ACK = "parent message → acknowledgement"
CARD = "submitted → card in its topic"
#: On the card once a case is decided (desk-card-approved, -partial, -rejected in English).
DECIDED = "Decision:"
HOLE = "@@HOLE@@"
PRESSES = ("claim", "ask", "approve", "reject", "reason", "close")
METRICS = {ANSWERED: 1.0, EFFECT: 5.0, TO_PARENT: 5.0, TO_TOPIC: 30.0, ACK: 2.0, CARD: 180.0}


class RunOver(Exception):
    """The run's time is up: the scenario stops where it is."""


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text or ""))


def _text(call: Any) -> str:
    return str(call.params.get("text") or call.params.get("caption") or "")


def _same(a: Any, b: Any) -> bool:
    return a is not None and b is not None and str(a) == str(b)


# -- what is awaited, and how long it took --------------------------------------------------


#: Ways an outcome may show: (method, predicate on an accepted call of that method).
Ways = tuple[tuple[str, Callable[[Any], bool]], ...]


@dataclass
class Sample:
    """Something injected at ``at`` whose outcome is the first accepted call after it that
    matches one of ``ways``; resolved from the call log when the run is over."""

    metric: str
    kind: str
    at: float
    since: int
    ways: Ways
    latency: float | None = None  # seconds; None: had not happened by the end
    bound: float = 0.0  # for those: the time they had (the true value is more)

    def find(self, emulator: BotApiEmulator, until: float) -> Any | None:
        first = None
        for method, match in self.ways:
            calls = emulator.calls_of(method)
            for call in calls[bisect.bisect_left(calls, self.since, key=lambda c: c.seq) :]:
                if first is not None and call.time >= first.time:
                    break
                if self.at <= call.time <= until and call.ok and match(call):
                    first = call
                    break
        return first


def percentile(samples: list[Sample], q: float) -> tuple[float, float]:
    """The nearest-rank q-quantile, as (at least, at most): unfinished samples count as their
    bound for the first, as infinite for the second; equal when it is known exactly."""
    if not samples:
        return math.nan, math.nan
    low = sorted(s.latency if s.latency is not None else s.bound for s in samples)
    high = sorted(s.latency if s.latency is not None else math.inf for s in samples)
    rank = max(0, min(len(samples) - 1, math.ceil(q * len(samples)) - 1))
    return low[rank], high[rank]


def seconds(value: float) -> str:
    return f"{value:.2f}" if value < 1 else f"{value:.1f}" if value < 10 else f"{value:.0f}"


def fmt_bounds(low: float, high: float) -> str:
    if math.isnan(low):
        return "-"
    if high == low:
        return seconds(low)
    if math.isinf(high):
        return f"> {low:.0f}"
    return f"{seconds(low)}–{seconds(high)}"


def summary(samples: list[Sample]) -> str:
    """ "p50 / p95 / max (n, unfinished)" in seconds."""
    if not samples:
        return "-"
    cells = [fmt_bounds(*percentile(samples, q)) for q in (0.5, 0.95, 1.0)]
    open_ = sum(1 for s in samples if s.latency is None)
    tail = f"n={len(samples)}" + (f", {open_} not arrived" if open_ else "")
    return f"{' / '.join(cells)} ({tail})"


# -- the desk ----------------------------------------------------------------------------------


@dataclass
class DeskCase:
    reference: str
    case_id: int
    card_id: int
    topic: int | None
    card_at: float
    earlier: bool = False
    index: int = 0  # order of arrival: every third is rejected
    closed: bool = False


@dataclass
class Parent:
    chat: TelegramParent
    script: dict[str, str]
    reference: str | None = None
    submitted_at: float | None = None


@dataclass
class RunResult:
    framework: str
    database: str
    samples: list[Sample] = field(default_factory=list)
    wall: float = 0.0
    capped: bool = False
    submit_span: float = math.nan
    cases_total: int = 0
    cards: int = 0
    closed: int = 0
    intake_failures: int = 0
    group_peak_60s: int = 0
    group_calls_peak_60s: int = 0
    overall_peak_1s: int = 0
    rate_limited: int = 0
    rate_limited_by: Counter[str] = field(default_factory=Counter)
    noop_edits: int = 0
    noop_by_state: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0
    duplicate_examples: list[str] = field(default_factory=list)
    per_case: dict[str, float] = field(default_factory=dict)
    per_case_n: int = 0
    bot_cpu: float = 0.0
    log_errors: int = 0
    tracebacks: bool = False
    error: str | None = None


class Desk:
    def __init__(
        self, emulator: BotApiEmulator, localizer: Localizer, args: argparse.Namespace, group: Any
    ) -> None:
        self.emulator, self.localizer, self.args, self.group = emulator, localizer, args, group
        self.samples: list[Sample] = []
        self.cases: dict[str, DeskCase] = {}
        self.parents: dict[str, Parent] = {}
        self.new_refs: set[str] = set()
        self.queue: asyncio.Queue[DeskCase] = asyncio.Queue()
        self.deadline = math.inf
        self.intake_failures = 0
        self.started = 0.0
        self._card_cursor = 0

    # -- time ---------------------------------------------------------------------------------

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def check(self) -> None:
        if self.left() <= 0:
            raise RunOver

    async def sleep(self, seconds: float) -> None:
        if seconds >= self.left():
            await asyncio.sleep(max(self.left(), 0))
            raise RunOver
        await asyncio.sleep(seconds)

    async def wait_call(self, method: str, match: Callable[[Any], bool], since: int, cap: float):
        """The first accepted call after ``since``; None after ``cap`` s; RunOver at the end."""
        timeout = min(cap, self.left())
        if timeout <= 0:
            raise RunOver
        try:
            return await self.emulator.wait_for_call(
                method, match, timeout=timeout, since=since, ok_only=True
            )
        except TimeoutError:
            self.check()
            return None

    # -- samples ------------------------------------------------------------------------------

    def expect(
        self, metric: str, kind: str, since: int, at: float, method: str, match: Callable
    ) -> Sample:
        return self.expect_any(metric, kind, since, at, ((method, match),))

    def expect_any(self, metric: str, kind: str, since: int, at: float, ways: Ways) -> Sample:
        sample = Sample(metric, kind, at, since, ways)
        self.samples.append(sample)
        return sample

    async def wait_sample(self, sample: Sample, cap: float) -> None:
        """Until the sample's outcome shows, at most ``cap`` s; RunOver at the end."""
        timeout = min(cap, self.left())
        if timeout <= 0:
            raise RunOver
        try:
            await self.emulator.wait_for(lambda: sample.find(self.emulator, math.inf), timeout)
        except TimeoutError:
            self.check()

    def resolve(self, until: float) -> None:
        for sample in self.samples:
            call = sample.find(self.emulator, until)
            if call is not None:
                sample.latency = call.time - sample.at
            else:
                sample.bound = max(until - sample.at, 0.0)

    def all_arrived(self) -> bool:
        now = time.monotonic()
        return all(s.find(self.emulator, now) is not None for s in self.samples)

    # -- predicates -----------------------------------------------------------------------------

    def in_group(self, call: Any) -> bool:
        return _same(call.params.get("chat_id"), self.group.id)

    def in_topic(self, case: DeskCase, contains: str) -> Callable[[Any], bool]:
        def match(call: Any) -> bool:
            return (
                self.in_group(call)
                and (case.topic is None or _same(call.params.get("message_thread_id"), case.topic))
                and contains in _plain(_text(call))
            )

        return match

    def card_edit(self, case: DeskCase, contains: str) -> Callable[[Any], bool]:
        def match(call: Any) -> bool:
            return (
                self.in_group(call)
                and _same(call.params.get("message_id"), case.card_id)
                and contains in _plain(_text(call))
            )

        return match

    def to_chat(self, chat_id: int, contains: str) -> Callable[[Any], bool]:
        def match(call: Any) -> bool:
            return _same(call.params.get("chat_id"), chat_id) and contains in _plain(_text(call))

        return match

    def en(self, key: str, **params: Any) -> str:
        return self.localizer.plain("en", Msg(key, params))

    # -- cards arriving -------------------------------------------------------------------------

    def _new_cards(self) -> list[DeskCase]:
        calls = self.emulator.calls_of("sendMessage")
        found = []
        for call in calls[self._card_cursor :]:
            if not (call.ok and self.in_group(call)):
                continue
            match = _CARD.search(str(call.params.get("text", "")))
            if not match or match.group(1) in self.cases:
                continue
            markup = (call.result or {}).get("reply_markup") or {}
            data = [
                b.get("callback_data", "")
                for row in markup.get("inline_keyboard", [])
                for b in row
            ]
            case_id = next((int(d.split("|")[1]) for d in data if d.startswith("d|")), None)
            if case_id is None:
                continue
            case = DeskCase(
                match.group(1),
                case_id,
                call.result["message_id"],
                call.params.get("message_thread_id"),
                call.time,
                index=len(self.cases),
            )
            self.cases[case.reference] = case
            found.append(case)
        self._card_cursor = len(calls)
        return found

    async def watch_cards(self) -> None:
        """Put each new case on the agents' queue as its card arrives."""
        while self.left() > 0:
            try:
                found = await self.emulator.wait_for(self._new_cards, timeout=self.left())
            except TimeoutError:
                return
            for case in found:
                self.queue.put_nowait(case)

    # -- parents --------------------------------------------------------------------------------

    async def intake(self, parent: Parent, think: float, rng: random.Random) -> None:
        """A whole claim, waiting for each question; one purchase, a 2-photo album."""
        chat, script = parent.chat, parent.script

        async def pause() -> None:
            if think:
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))

        await chat.command("start")
        chat.language = script["language"]
        for key in (
            "button-consent-yes",
            "platform-douyin",
            "problem-minor-purchase",
            "writer-parent",
        ):
            await pause()
            await chat.press(key)
        for text in (script["age"], script["account"]):
            await pause()
            await chat.say(text)
        await pause()
        await chat.press("payment-wechat-pay")  # asked before the purchases
        answers = (script["amount"], script.get("zone"), script["when"])
        for text in [answer for answer in answers if answer is not None]:
            await pause()
            await chat.say(text)
        for key in ("button-tx-correct", "button-no-order", "button-tx-done"):
            await pause()
            await chat.press(key)
        await pause()
        await chat.album(2)
        await pause()
        await chat.press("button-evidence-done")
        await pause()
        await chat.say(script["description"])
        await pause()
        await chat.press("button-skip-contact")
        await pause()
        since, at = self.emulator.mark(), time.monotonic()
        await chat.press("button-submit")  # injected before its first await
        match = _REFERENCE.search(_plain(chat.last.get("text", "")))
        if not match:
            raise AssertionError(f"no reference in {chat.last.get('text')!r}")
        parent.reference, parent.submitted_at = match.group(1), at
        self.parents[parent.reference] = parent
        needle = f"Case <b>{parent.reference}</b>"
        self.expect(
            CARD,
            "card",
            since,
            at,
            "sendMessage",
            lambda c: self.in_group(c) and needle in str(c.params.get("text", "")),
        )

    async def answer_question(self, parent: Parent, rng: random.Random) -> None:
        """Wait for the agent's question, read it, answer it."""
        assert parent.reference is not None
        ref = parent.reference
        asked = await self.wait_call(
            "sendMessage", self.to_chat(parent.chat.chat_id, f"[Q {ref}]"), 0, math.inf
        )
        if asked is None:
            return
        await self.sleep(rng.uniform(2.0, 5.0))
        text = f"[A {ref}] {parent.script['answer']}"
        since, at = self.emulator.mark(), time.monotonic()
        self.emulator.inject_text(parent.chat.user, text)
        self.expect(
            TO_TOPIC,
            "answer",
            since,
            at,
            "sendMessage",
            lambda c: self.in_group(c) and f"[A {ref}]" in _plain(_text(c)),
        )
        ack = self.localizer.plain(
            parent.script["language"], Msg("parent-relayed", {"reference": ref})
        )
        self.expect(
            ACK, "answer", since, at, "sendMessage", self.to_chat(parent.chat.chat_id, ack)
        )

    # -- agents ---------------------------------------------------------------------------------

    async def press(self, agent: Any, case: DeskCase, kind: str, data: str, effect: Ways) -> None:
        """One press on the card (or a prompt), as a person: think, press, watch for the
        effect (at most ``--patience`` s)."""
        await self.sleep(self.args.agent_think * self._rng(agent).uniform(0.5, 1.5))
        since, at = self.emulator.mark(), time.monotonic()
        update = self.emulator.inject_callback(agent, case.card_id, data, chat=self.group)
        query = update["callback_query"]["id"]
        self.expect(
            ANSWERED,
            kind,
            since,
            at,
            "answerCallbackQuery",
            lambda c: str(c.params.get("callback_query_id")) == query,
        )
        sample = self.expect_any(EFFECT, kind, since, at, effect)
        await self.wait_sample(sample, self.args.patience)

    async def write(self, agent: Any, case: DeskCase, text: str, parent_chat: int | None) -> int:
        await self.sleep(self.args.agent_think * self._rng(agent).uniform(0.5, 1.5))
        since, at = self.emulator.mark(), time.monotonic()
        self.emulator.inject_text(agent, text, chat=self.group, thread_id=case.topic)
        if parent_chat is not None:
            needle = text.split("]")[0] + "]"
            kind = "question" if text.startswith("[Q") else "note"
            self.expect(
                TO_PARENT, kind, since, at, "sendMessage", self.to_chat(parent_chat, needle)
            )
        return since

    def _rng(self, agent: Any) -> random.Random:
        if not hasattr(self, "_rngs"):
            self._rngs: dict[int, random.Random] = {}
        return self._rngs.setdefault(agent.id, random.Random(agent.id))

    def effect(self, case: DeskCase, kind: str, name: str) -> Ways:
        """How a press shows in the group. Claim, Approve and Close edit the card. Ask parent,
        Reject and a reason posted a prompt in the topic before #12; since, the card is edited
        to say what the bot waits for: either counts, whichever this tree does."""
        edit = "editMessageText"
        if kind == "claim":
            return ((edit, self.card_edit(case, self.en("desk-card-assignee", name=name))),)
        if kind == "approve":
            return ((edit, self.card_edit(case, DECIDED)),)
        if kind == "close":
            return ((edit, self.card_edit(case, f"— {self.en('desk-status-closed')}")),)
        prompt, line = {
            "ask": ("desk-ask-prompt", "desk-card-waiting-question"),
            "reject": ("desk-reject-prompt", "desk-card-waiting-reason"),
            "reason": ("desk-reject-note-prompt", "desk-card-waiting-note"),
        }[kind]
        ways = [("sendMessage", self.in_topic(case, self.en(prompt, reference=case.reference)))]
        with contextlib.suppress(KeyError):  # no such line on the card in this tree
            text = self.en(line, name=name, reason=HOLE).split(HOLE)[0]
            ways.append((edit, self.card_edit(case, text)))
        return tuple(ways)

    async def work(self, agent: Any, case: DeskCase) -> None:
        ref, cid, name = case.reference, case.case_id, agent.first_name
        parent = self.parents.get(ref)
        chat = parent.chat.chat_id if parent else None

        async def press(kind: str, action: str, argument: str = "") -> None:
            data = f"d|{cid}|{action}|{argument}"
            await self.press(agent, case, kind, data, self.effect(case, kind, name))

        await press("claim", "claim")
        await press("ask", "ask")
        question = f"[Q {ref}] Is the child really 11, and was it your phone?"
        since = await self.write(agent, case, question, chat)
        # Wait for the parent's answer in the topic (as long as the run lasts).
        await self.wait_call("sendMessage", self.in_topic(case, f"[A {ref}]"), since, math.inf)
        if case.index % 3 == 2:
            await press("reject", "reject")
            await press("reason", "reject_reason", "insufficient_evidence")
            note = f"[N {ref}] The screenshots do not show the purchase."
            since = await self.write(agent, case, note, chat)
            decided = self.card_edit(case, DECIDED)
            await self.wait_call("editMessageText", decided, since, self.args.patience)
        else:
            await press("approve", "approve")
        await press("close", "close")
        case.closed = True

    async def agent(self, agent: Any, first: DeskCase | None) -> None:
        case = first
        with contextlib.suppress(RunOver):
            while True:
                if case is None:
                    case = await self.next_case()
                    if case is None:
                        return
                await self.work(agent, case)
                case = None

    async def next_case(self) -> DeskCase | None:
        """The oldest card nobody took yet; None once every new case has been taken."""
        while self.queue.empty():
            if self.all_in():
                return None
            await self.sleep(0.2)
        return self.queue.get_nowait()

    def all_in(self) -> bool:
        """Every new case has its card (no more will come); failed intakes excepted."""
        expected = self.args.new_cases - self.intake_failures
        return len([r for r in self.new_refs if r in self.cases]) >= expected


# -- one run ---------------------------------------------------------------------------------


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _config(tmp: Path, emulator: BotApiEmulator, framework: str, url: str, args, group) -> Path:
    extra = f'[agents]\nchat_id = {group.id}\nlanguage = "en"\n'
    config = write_config(
        tmp / "config.toml",
        emulator,
        framework=framework,
        mode="polling",
        database_url=url,
        extra=extra,
    )
    if not args.harness_lease:  # production defaults (see bench/intake_throughput.py)
        text = config.read_text(encoding="utf-8")
        text = text.replace("outbox_lease_seconds = 1\n", "outbox_lease_seconds = 30\n")
        text = text.replace("outbox_sweep_seconds = 0.2\n", "outbox_sweep_seconds = 2\n")
        config.write_text(text, encoding="utf-8")
    return config


async def run_once(args: argparse.Namespace, framework: str, localizer: Localizer) -> RunResult:
    tmp = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    if args.postgres:
        place = throwaway_database(args.postgres)
        database = "PostgreSQL"
    else:
        place, database = contextlib.nullcontext(f"sqlite+aiosqlite:///{tmp}/bot.db"), "SQLite"
    result = RunResult(framework, database)
    async with place as url, BotApiEmulator() as emulator:
        group = emulator.make_forum_group("Refund team")
        limiter = emulator.enable_rate_limits(per_group=20, group_window=60, overall=30)
        bot = BotProcess(
            _config(tmp, emulator, framework, url, args, group), emulator, tmp / "bot.log"
        )
        await bot.start(timeout=60)
        assert bot.process is not None
        desk = None
        try:
            desk = await _scenario(args, emulator, localizer, group, bot, result)
        except Exception as exc:
            result.error = f"{type(exc).__name__}: {exc}"[:300]
            print(f"  !! {framework}: {result.error}\n  log: {tmp / 'bot.log'}", file=sys.stderr)
        finally:
            if bot.process.returncode is None:
                try:
                    await bot.stop(timeout=15)
                except TimeoutError:
                    await bot.kill()
        log = bot.log()
        result.tracebacks = "Traceback" in log
        result.log_errors = sum(1 for line in log.splitlines() if " ERROR " in line)
        _count(emulator, group, limiter, result, desk)
    if result.error or result.tracebacks or args.keep:
        print(f"  (bot log kept: {tmp / 'bot.log'})", file=sys.stderr)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return result


async def _scenario(args, emulator, localizer, group, bot, result: RunResult) -> Desk:
    desk = Desk(emulator, localizer, args, group)
    agents = [
        emulator.make_user(AGENT_NAMES[i % len(AGENT_NAMES)], language_code="en")
        for i in range(args.agents)
    ]

    def parent(i: int, tag: str) -> Parent:
        script = SCRIPTS[i % len(SCRIPTS)]
        chat = TelegramParent(emulator, localizer, language_code=script["code"], name=f"{tag}{i}")
        chat.timeout = 120.0
        return Parent(chat, script)

    # Set-up: the earlier cases, in the group before the measured phase.
    earlier = [parent(i, "E") for i in range(args.earlier)]
    await asyncio.wait_for(
        asyncio.gather(*(desk.intake(p, 0.0, random.Random(i)) for i, p in enumerate(earlier))),
        120,
    )
    await emulator.wait_for(
        lambda: desk._new_cards() is not None and len(desk.cases) >= args.earlier, timeout=120
    )
    for case in desk.cases.values():
        case.earlier = True
        await emulator.wait_for_call(
            "sendMediaGroup",
            lambda c, t=case.topic: (
                desk.in_group(c) and _same(c.params.get("message_thread_id"), t)
            ),
            timeout=120,
            ok_only=True,
        )
    desk.samples.clear()  # the set-up is not measured
    first = list(desk.cases.values())
    for case in first[args.agents :]:
        desk.queue.put_nowait(case)

    # The measured phase.
    cpu0 = _cpu_seconds(bot.process.pid)
    desk.started = time.monotonic()
    desk.deadline = desk.started + args.duration
    new = [parent(i + args.earlier, "N") for i in range(args.new_cases)]

    async def newcomer(i: int, p: Parent) -> None:
        await asyncio.sleep(args.burst_window * i / max(args.new_cases - 1, 1))
        rng = random.Random(1000 + i)
        try:
            await desk.intake(p, args.parent_think, rng)
        except RunOver:
            raise
        except Exception as exc:  # counted; the others go on
            desk.intake_failures += 1
            print(
                f"  !! intake of parent N{i} failed: {type(exc).__name__}: {exc}"[:300],
                file=sys.stderr,
            )
            return
        assert p.reference is not None
        desk.new_refs.add(p.reference)
        await desk.answer_question(p, rng)

    async def earlier_parent(i: int, p: Parent) -> None:
        await desk.answer_question(p, random.Random(500 + i))

    watcher = asyncio.create_task(desk.watch_cards())
    tasks = [asyncio.create_task(newcomer(i, p)) for i, p in enumerate(new)]
    tasks += [asyncio.create_task(earlier_parent(i, p)) for i, p in enumerate(earlier)]
    tasks += [
        asyncio.create_task(desk.agent(a, first[i] if i < len(first) else None))
        for i, a in enumerate(agents)
    ]
    try:
        for task in asyncio.as_completed(tasks):
            with contextlib.suppress(RunOver):
                await task
        while desk.left() > 0 and not desk.all_arrived():
            await asyncio.sleep(0.5)
    finally:
        for task in [*tasks, watcher]:
            task.cancel()
        await asyncio.gather(*tasks, watcher, return_exceptions=True)
    end = min(time.monotonic(), desk.deadline)
    result.capped = time.monotonic() >= desk.deadline
    desk.resolve(end)
    result.wall = end - desk.started
    result.bot_cpu = _cpu_seconds(bot.process.pid) - cpu0
    result.samples = desk.samples
    submits = [p.submitted_at for p in new if p.submitted_at is not None]
    if submits:
        result.submit_span = max(submits) - desk.started
    result.cases_total = args.earlier + args.new_cases
    result.cards = len([r for r in desk.new_refs if r in desk.cases])
    result.closed = sum(1 for c in desk.cases.values() if c.closed)
    result.intake_failures = desk.intake_failures
    return desk


def _count(emulator, group, limiter, result: RunResult, desk: Desk | None) -> None:
    """What Telegram saw over the whole run (set-up included: the limits always hold)."""
    sends = group_sends(emulator, group.id)
    result.group_peak_60s = most_in_window(sends, 60.0)
    result.overall_peak_1s = most_in_window(group_sends(emulator), 1.0)
    paced = list(sends)
    for method in ("editMessageText", "createForumTopic"):
        paced += [
            (c.time, 1)
            for c in emulator.calls_of(method)
            if _same(c.params.get("chat_id"), group.id)
        ]
    result.group_calls_peak_60s = most_in_window(sorted(paced), 60.0)
    result.rate_limited = len(limiter.violations)
    for v in limiter.violations:
        where = "group" if _same(v.chat_id, group.id) else "private"
        result.rate_limited_by[f"{v.scope}, {v.method} to the {where}"] += 1
    for call in emulator.calls_of("editMessageText"):
        if call.status == 400 and NOT_MODIFIED in str((call.error or {}).get("description", "")):
            result.noop_edits += 1
            header = _plain(str(call.params.get("text", ""))).split("\n")[0]
            result.noop_by_state[header.rsplit("— ", 1)[-1]] += 1
    # Duplicates: the same message twice in one chat/thread, a second topic for one case.
    seen: Counter[tuple[Any, ...]] = Counter()
    for method in SEND_METHODS:
        for call in emulator.calls_of(method):
            if not call.ok:
                continue
            media = call.params.get("media")
            body = (
                tuple(str(m.get("media")) for m in media)
                if isinstance(media, list)
                else _text(call)
            )
            key = (
                method,
                str(call.params.get("chat_id")),
                str(call.params.get("message_thread_id") or ""),
                body,
            )
            seen[key] += 1
    topics = Counter(
        str(c.params.get("name", "")).split(" ")[0]
        for c in emulator.calls_of("createForumTopic")
        if c.ok
    )
    dupes = [(k, n) for k, n in seen.items() if n > 1]
    dupes += [(("createForumTopic", ref), n) for ref, n in topics.items() if n > 1]
    result.duplicates = sum(n - 1 for _, n in dupes)
    result.duplicate_examples = [f"{n}× {str(k)[:150]}" for k, n in dupes[:5]]
    if desk is not None:
        result.per_case, result.per_case_n = _per_case(emulator, group, desk)


def _per_case(emulator, group, desk: Desk) -> tuple[dict[str, float], int]:
    """Group calls per closed case, by kind, averaged."""
    closed = [c for c in desk.cases.values() if c.closed]
    if not closed:
        return {}, 0
    totals: Counter[str] = Counter()
    for case in closed:
        ref = case.reference
        prompts = {
            desk.en(k, reference=ref)
            for k in (
                "desk-ask-prompt",
                "desk-question-sent",
                "desk-reject-prompt",
                "desk-reject-note-prompt",
            )
        }
        totals["topic"] += sum(
            1
            for c in emulator.calls_of("createForumTopic")
            if c.ok and str(c.params.get("name", "")).startswith(ref)
        )
        for method in SEND_METHODS:
            for call in emulator.calls_of(method):
                if not (call.ok and desk.in_group(call)):
                    continue
                if not _same(call.params.get("message_thread_id"), case.topic):
                    continue
                text = _plain(_text(call))
                media = call.params.get("media")
                if isinstance(media, list):
                    totals["album items"] += len(media)
                elif f"Case {ref}" in text:
                    totals["card"] += 1
                elif any(p in text for p in prompts):
                    totals["prompts"] += 1
                elif f"[A {ref}]" in text:
                    totals["relayed"] += 1
                else:
                    totals["other"] += 1
        for call in emulator.calls_of("editMessageText"):
            if desk.in_group(call) and _same(call.params.get("message_id"), case.card_id):
                if call.ok:
                    totals["card edits"] += 1
                elif call.status == 400:
                    totals["no-op edits"] += 1
    return {k: v / len(closed) for k, v in totals.items()}, len(closed)


# -- report ----------------------------------------------------------------------------------


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    return "\n".join(
        [
            line(header),
            "|" + "|".join("-" * (w + 2) for w in widths) + "|",
            *(line(r) for r in rows),
        ]
    )


def _short(framework: str) -> str:
    return "PTB" if framework.startswith("python") else "aiogram"


def report(results: list[RunResult]) -> str:
    runs: Counter[str] = Counter()
    names = []
    for r in results:
        runs[r.framework] += 1
        names.append(f"{_short(r.framework)} #{runs[r.framework]}")
    header = ["figure (s: p50 / p95 / max)", "target", *names]
    rows: list[list[str]] = []
    for metric, target in METRICS.items():
        row = [metric, f"p95 ≤ {target:g} s"]
        for r in results:
            row.append(
                "FAILED" if r.error else summary([s for s in r.samples if s.metric == metric])
            )
        rows.append(row)
    counts = [
        ("peak group sends / 60 s", "≤ 20", lambda r: str(r.group_peak_60s)),
        ("peak sends overall / 1 s", "≤ 30", lambda r: str(r.overall_peak_1s)),
        ("group calls / 60 s (sends, edits, topics)", "", lambda r: str(r.group_calls_peak_60s)),
        (
            "429 from the emulator",
            "",
            lambda r: (
                str(r.rate_limited)
                + (
                    f" ({', '.join(f'{k}: {v}' for k, v in r.rate_limited_by.items())})"
                    if r.rate_limited_by
                    else ""
                )
            ),
        ),
        (
            "no-op edits (400 not modified)",
            "0",
            lambda r: (
                str(r.noop_edits)
                + (
                    f" ({', '.join(f'{k}: {v}' for k, v in r.noop_by_state.items())})"
                    if r.noop_by_state
                    else ""
                )
            ),
        ),
        ("duplicates", "0", lambda r: str(r.duplicates)),
        ("new cases submitted within", "", lambda r: f"{r.submit_span:.0f} s"),
        (
            "new cases with their card",
            "",
            lambda r: (
                f"{r.cards}"
                + (f" ({r.intake_failures} intakes failed)" if r.intake_failures else "")
            ),
        ),
        ("cases closed (earlier + new)", "", lambda r: f"{r.closed} of {r.cases_total}"),
        ("measured phase", "", lambda r: f"{r.wall:.0f} s" + (" (capped)" if r.capped else "")),
        ("bot CPU", "", lambda r: f"{r.bot_cpu:.1f} s"),
        (
            "ERROR lines in the bot's log",
            "",
            lambda r: str(r.log_errors) + (" + Traceback" if r.tracebacks else ""),
        ),
    ]
    for name, target, value in counts:
        rows.append([name, target, *(value(r) for r in results)])
    out = [table(rows, header)]
    for r in results:
        if r.per_case:
            order = [
                "topic",
                "card",
                "album items",
                "prompts",
                "relayed",
                "other",
                "card edits",
                "no-op edits",
            ]
            parts = ", ".join(f"{k} {r.per_case.get(k, 0):.1f}" for k in order)
            sends = sum(
                r.per_case.get(k, 0)
                for k in ("card", "album items", "prompts", "relayed", "other")
            )
            paced = sends + sum(
                r.per_case.get(k, 0) for k in ("topic", "card edits", "no-op edits")
            )
            out.append(
                f"\n{_short(r.framework)}: group messages per closed case (n={r.per_case_n}): "
                f"{parts} → {sends:.1f} messages as Telegram counts them, {paced:.1f} calls "
                "with the topic and the edits"
            )
        if r.duplicate_examples:
            out.append(f"{_short(r.framework)} duplicates: " + "; ".join(r.duplicate_examples))
        kinds = [k for k in PRESSES if any(s.kind == k for s in r.samples)]
        if kinds and not r.error:
            rows = [
                [
                    kind,
                    *(
                        summary([s for s in r.samples if s.metric == m and s.kind == kind])
                        for m in (ANSWERED, EFFECT)
                    ),
                ]
                for kind in kinds
            ]
            out.append(f"\n{_short(r.framework)}, by press (s: p50 / p95 / max):")
            out.append(table(rows, ["press", "button answered", "visible effect"]))
    return "\n".join(out)


def _git(*arguments: str) -> str:
    """What ``git`` says about the checkout the bench runs from."""
    done = subprocess.run(
        ["git", "-C", str(REPO), *arguments], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def _commit() -> str:
    try:
        head = _git("rev-parse", "--short=12", "HEAD")
        dirty = _git("status", "--porcelain", "-uno")
        return head + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return f"unknown ({REPO} is not a git checkout)"


async def main_async(args: argparse.Namespace) -> int:
    localizer = Localizer()
    results: list[RunResult] = []
    started = time.monotonic()
    load = os.getloadavg()
    for framework in args.frameworks:
        for i in range(args.repeat):
            print(f"== {framework} run {i + 1}/{args.repeat}", file=sys.stderr)
            result = await run_once(args, framework, localizer)
            results.append(result)
            print(report([result]), file=sys.stderr)
    print()
    print(
        f"desk: {args.earlier} earlier + {args.new_cases} new cases, {args.agents} agents "
        f"(think {args.agent_think:g} s, patience {args.patience:g} s), burst over "
        f"{args.burst_window:g} s, parents think {args.parent_think:g} s; polling; "
        f"{results[0].database if results else ''}; emulator limits 20/60 s per group, 30/s "
        f"overall; at most {args.duration:g} s measured; tree {_commit()}; "
        f"cores={os.cpu_count()} load={load[0]:.1f} python={sys.version.split()[0]}"
    )
    print(report(results))
    print(f"\ntotal benchmark time {time.monotonic() - started:.0f} s")
    return 1 if any(r.error for r in results) else 0


#: The options in seconds: flag, default, what it is.
_SECONDS = (
    ("--duration", 300.0, "the most seconds the measured phase may last"),
    ("--burst-window", 40.0, "seconds over which the new parents start"),
    ("--parent-think", 0.5, "mean pause of a new parent before each intake answer"),
    ("--agent-think", 3.5, "mean pause of an agent before each action"),
    ("--patience", 60.0, "how long an agent watches for a press's effect before going on"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--frameworks",
        default=",".join(FRAMEWORKS),
        type=lambda s: [f.strip() for f in s.split(",") if f.strip()],
    )
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--new-cases", type=int, default=12)
    parser.add_argument("--earlier", type=int, default=3, help="cases in the group beforehand")
    parser.add_argument("--agents", type=int, default=3)
    for flag, default, meaning in _SECONDS:
        parser.add_argument(flag, type=float, default=default, help=meaning)
    parser.add_argument("--postgres", action="store_true", help=f"PostgreSQL from {POSTGRES_ENV}")
    parser.add_argument(
        "--harness-lease",
        action="store_true",
        help="keep write_config's 1 s outbox lease / 0.2 s sweep",
    )
    parser.add_argument("--keep", action="store_true", help="keep the bot's log and database")
    args = parser.parse_args()
    unknown = [f for f in args.frameworks if f not in FRAMEWORKS]
    if unknown:
        parser.error(f"unknown framework(s) {unknown}; known: {', '.join(FRAMEWORKS)}")
    if args.postgres:
        args.postgres = os.environ.get(POSTGRES_ENV)
        if not args.postgres:
            parser.error(f"--postgres needs {POSTGRES_ENV}")
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
