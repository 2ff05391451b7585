"""Files a parent sends once the claim is submitted — a later message, "Add evidence" from
/status, an appeal — are evidence of the case: screened as the intake screens them, kept,
hashed and read by the file keeper, and what was read reaches the agents' card (#16)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.files import ocr
from bot.files.keeper import FileKeeper
from bot.files.store import FileStore
from handlers.conversation import Conversation
from handlers.events import EventKind, Incoming, Media, MediaKind, Sender
from handlers.policy import AftercarePolicy, DeskPolicy, IntakePolicy
from handlers.reading import offer
from handlers.reading.extract import OcrLine, Reading
from handlers.replies import EditMessage, Outgoing, Reply, SendMedia
from storage.models import DraftStatus, Evidence
from storage.repositories import drafts, evidence
from tests.chat import ParentChat
from tests.core import core
from tests.handlers.desk_helpers import GROUP, Agent, submitted_case
from tests.receipts import blank

PARENT = 1001
CARD = 500  # the card's message id in desk_helpers.submitted_case
needs_pillow = pytest.mark.skipif(
    not ocr.available(), reason='the OCR extra: pip install -e ".[ocr]"'
)


@pytest.fixture
def desk() -> DeskPolicy:
    return DeskPolicy(chat_id=GROUP, use_topics=True)


@pytest.fixture
def conversation(database, policy, clock, localizer, desk) -> Conversation:
    appeals = AftercarePolicy(appeal_window_days=30)
    return core(database, clock, localizer, policy=policy, desk=desk, aftercare=appeals)


class Telegram:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    async def download(self, file_id: str, max_bytes: int) -> bytes:
        return self.files[file_id]


class Engine:
    """The OCR pool's interface, reading the same lines from every picture."""

    processes = 1
    timeout = 5.0

    def __init__(self, lines: list[OcrLine]) -> None:
        self.lines = lines

    async def read(self, data: bytes) -> list[OcrLine]:
        return self.lines

    def close(self) -> None:
        pass


class Sent:
    def __init__(self) -> None:
        self.out: list[Outgoing] = []

    async def queue(self, session, out):
        self.out.extend(out)
        return lambda: None


def _keeper(database, clock, tmp_path, files: dict[str, bytes], desk, sent) -> FileKeeper:
    keeper = FileKeeper(
        database=database,
        clock=clock,
        store=FileStore(tmp_path / "files"),
        download=Telegram(files).download,
        policy=IntakePolicy(),
        queue=sent.queue,
        ocr=Engine([OcrLine("-648.00", 0.99, height=60)]),  # type: ignore[arg-type]
        lease=timedelta(seconds=30),
    )
    keeper.desk = desk
    return keeper


def _photo(file_id: str) -> Media:
    return Media(MediaKind.PHOTO, file_id=file_id, file_unique_id=f"u-{file_id}", size=90_000)


def _card_lines(sent: Sent, localizer) -> list[str]:
    edits = [o for o in sent.out if isinstance(o, EditMessage) and o.message_id == CARD]
    assert edits, "the card was not edited"
    return [localizer.plain(edits[-1].language, part) for part in edits[-1].parts]


async def _case_files(database, case_id: int) -> list[Evidence]:
    async with database.unit_of_work() as session:
        return await evidence.list_for_case(session=session, case_id=case_id)


@needs_pillow
async def test_a_later_message_s_files_are_evidence_kept_and_read_for_the_card(
    database, clock, conversation, localizer, desk, tmp_path
):
    case = await submitted_case(database, clock.now())
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    exe = Media(
        MediaKind.DOCUMENT,
        file_id="f-setup",
        file_unique_id="u-setup",
        file_name="setup.exe",
        mime_type="application/x-msdownload",
        size=1000,
    )
    await parent.upload(_photo("later"), exe, group="album-9")
    # Screened as the intake screens: the program is refused, in the parent's language.
    assert parent.keys == ["error-file-type", "parent-relayed"]
    assert "setup.exe" in parent.text
    [relayed] = [o for o in parent.conversation_out if isinstance(o, SendMedia)]
    assert [m.file_id for m in relayed.media] == ["later"]
    [row] = await _case_files(database, case.id)
    assert (row.telegram_file_id, row.draft_id, row.media_group_id) == ("later", None, "album-9")

    sent = Sent()
    keeper = _keeper(database, clock, tmp_path, {"later": blank(40, 20)}, desk, sent)
    assert await keeper.fetch_due() == 1
    assert await keeper.read_due() == 1
    [row] = await _case_files(database, case.id)
    assert row.sha256 and row.content_type == "image/png" and row.reading["amount"] == "648.00"
    lines = _card_lines(sent, localizer)
    assert "📷 Screenshot 1: ✅ amount matches" in lines
    assert not [o for o in sent.out if isinstance(o, Reply)]  # nothing offered to the parent


@needs_pillow
async def test_add_evidence_from_status_goes_to_the_case_and_is_read(
    database, clock, conversation, localizer, desk, tmp_path
):
    case = await submitted_case(database, clock.now())
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    await parent.press_data(f"st:evidence:{case.id}")
    await parent.upload(_photo("receipt"))
    assert parent.keys == ["parent-relayed"]
    sent = Sent()
    keeper = _keeper(database, clock, tmp_path, {"receipt": blank(40, 20)}, desk, sent)
    await keeper.fetch_due()
    await keeper.read_due()
    assert "📷 Screenshot 1: ✅ amount matches" in _card_lines(sent, localizer)


@needs_pillow
async def test_appeal_files_are_kept_and_read_for_the_card_too(
    database, clock, conversation, localizer, desk, tmp_path
):
    case = await submitted_case(database, clock.now(), language="en")
    agent = Agent(conversation)
    await agent.press(case, "reject")
    await agent.press(case, "reject_reason", "insufficient_evidence")
    await agent.press(case, "reject_skip_note")
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    await parent.press_data(f"appeal:{case.id}")
    await parent.say("Here is the full receipt.")
    await parent.upload(_photo("appeal-shot"))
    await parent.press("button-appeal-send")
    [row] = await _case_files(database, case.id)
    assert row.telegram_file_id == "appeal-shot" and row.sha256 is None

    sent = Sent()
    keeper = _keeper(database, clock, tmp_path, {"appeal-shot": blank(40, 20)}, desk, sent)
    assert await keeper.fetch_due() == 1
    assert await keeper.read_due() == 1
    [row] = await _case_files(database, case.id)
    assert row.sha256 and row.read_status == "read"
    assert "📷 Screenshot 1: ✅ amount matches" in _card_lines(sent, localizer)


async def test_a_file_refused_after_submission_is_said_without_relaying_an_empty_message(
    database, clock, conversation, localizer
):
    case = await submitted_case(database, clock.now())
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    huge = Media(MediaKind.PHOTO, file_id="huge", file_unique_id="u-huge", size=90 * 1024 * 1024)
    await parent.upload(huge)
    assert parent.keys == ["error-file-size"]
    assert parent.conversation_out == []
    assert await _case_files(database, case.id) == []


async def test_a_claim_s_own_screenshot_read_after_submitting_edits_the_card(
    database, clock, localizer, desk
):
    """OCR is slower than a parent who submits at once: the file read then is on the card."""
    case = await submitted_case(database, clock.now())
    async with database.unit_of_work() as session:
        draft = await drafts.create_draft(
            session=session, user_id=PARENT, chat_id=PARENT, step="review", answers={},
            now=clock.now(),
        )  # fmt: skip
        draft.status = DraftStatus.SUBMITTED
        row = Evidence(
            draft_id=draft.id,
            case_id=case.id,
            kind="photo",
            telegram_file_id="slow",
            reading=Reading(amount="648.00", currency="CNY").to_json(),
            read_status="read",
            created_at=clock.now(),
        )
        session.add(row)
        await session.flush()
        assert row.id is not None
        evidence_id = row.id
    async with database.unit_of_work() as session:
        out = await offer.reading_ready(
            session=session, evidence_id=evidence_id, policy=IntakePolicy(), now=clock.now(),
            desk=desk,
        )  # fmt: skip
    sent = Sent()
    sent.out = out
    assert "📷 Screenshot 1: ✅ amount matches" in _card_lines(sent, localizer)


async def test_files_waiting_for_which_claim_become_evidence_of_the_claim_chosen(
    database, clock, conversation, localizer
):
    first = await submitted_case(database, clock.now(), reference="K7QM4")
    second = await submitted_case(database, clock.now(), reference="P3RX8")
    parent = ParentChat(conversation, localizer, user_id=PARENT)
    await parent.upload(_photo("which"))
    assert parent.keys == ["parent-which-case"]
    assert await _case_files(database, first.id) == await _case_files(database, second.id) == []
    await parent.press_data(f"pcase:{second.id}")
    assert parent.keys == ["parent-relayed"]
    [row] = await _case_files(database, second.id)
    assert row.telegram_file_id == "which" and await _case_files(database, first.id) == []


async def test_the_card_counts_a_later_file_at_once(database, clock, conversation, localizer):
    await submitted_case(database, clock.now(), language="en")
    event = Incoming(
        sender=Sender(PARENT, "en"),
        chat_id=PARENT,
        kind=EventKind.MEDIA,
        media=(_photo("later"),),
        message_id=1,
    )
    out = await conversation.handle(event)
    edits = [o for o in out if isinstance(o, EditMessage) and o.message_id == CARD]
    assert edits, "the card still says what it said before the file"
    text = [localizer.plain("en", part) for part in edits[-1].parts]
    assert "Evidence: 1 file" in text
