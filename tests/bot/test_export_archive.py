"""/mydata with the parent's own files (#16): the core names the kept files and leaves out
what would take the archive over the Bot API's 50 MB (saying why, in the parent's language);
the runtime makes the ZIP at sending time from the store, and says in the JSON which file the
store no longer had."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from types import SimpleNamespace

import pytest

from bot.console import ConsoleTransport
from bot.files.archive import archive_spec, build_archive, fill_archives, has_archive
from bot.files.store import FileStore
from bot.telegram.calls import render_calls, take_uploads
from handlers.aftercare import export_files
from handlers.aftercare.export_files import archive_name, pack
from handlers.events import EventKind, Incoming, Sender
from handlers.replies import Attachment, SendDocument
from storage.models import Evidence
from tests.handlers.desk_helpers import submitted_case

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8
PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 300


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _archive(chat_id: int, content: str, *files: Attachment, **fields: str) -> SendDocument:
    """The /mydata export ``content`` sent as a ZIP holding it and the kept ``files``."""
    return SendDocument(
        chat_id=chat_id,
        language="en",
        file_name="refund-desk-2026-11-20.zip",
        content=content,
        mime_type="application/zip",
        attachments=files,
        content_name="refund-desk-2026-11-20.json",
        **fields,
    )


def test_kept_files_are_named_by_case_place_and_original_name():
    kept = Evidence(kind="photo", sha256="a" * 64, content_type="image/jpeg")
    assert archive_name("K7QM4", 1, kept) == "K7QM4/01-photo.jpg"
    named = Evidence(
        kind="document", sha256="b" * 64, content_type="application/pdf", file_name="../bill:1"
    )
    assert archive_name("K7QM4", 12, named) == "K7QM4/12-_bill_1.pdf"
    long = Evidence(kind="photo", sha256="c" * 64, file_name="x" * 300 + ".png")
    name = archive_name("draft-3", 2, long)
    assert name is not None and name.startswith("draft-3/02-xxx") and name.endswith(".png")
    assert len(name.split("/")[1]) <= 84
    assert archive_name("K7QM4", 3, Evidence(kind="photo")) is None  # not kept: no file


def _export(*sizes: int | None) -> dict:
    evidence = [
        {"file_name": f"f{n}", "sha256": f"{n:064x}", "size_bytes": size,
         "in_archive": f"K7QM4/{n:02d}-f{n}.jpg"}
        for n, size in enumerate(sizes, start=1)
    ]  # fmt: skip
    return {"cases": [{"reference": "K7QM4", "evidence": evidence}], "drafts": []}


def test_files_go_in_while_they_fit_the_rest_are_listed_with_why():
    data = _export(1000, 5000, 100, None)
    attachments, left, used = pack(data, room=1500, unknown_size=200, why="too big")
    assert used == 1000 + 100 + 2 * (100 + 2 * len("K7QM4/01-f1.jpg"))
    # 1000 fits; 5000 does not; 100 still fits after; an unknown size counts as 200.
    assert [a.name for a in attachments] == ["K7QM4/01-f1.jpg", "K7QM4/03-f3.jpg"]
    assert [e["in_archive"] for e in data["cases"][0]["evidence"]] == [
        "K7QM4/01-f1.jpg", None, "K7QM4/03-f3.jpg", None,
    ]  # fmt: skip
    assert [(e["file_name"], e["reason"], e["why"]) for e in left] == [
        ("f2", "upload_limit", "too big"),
        ("f4", "upload_limit", "too big"),
    ]
    assert data["files_left_out"] == left


def test_the_json_grown_by_the_list_of_files_left_out_still_fits(monkeypatch):
    limit = export_files.WRAPPING + 60_000
    monkeypatch.setattr(export_files, "UPLOAD_LIMIT", limit)
    data = _export(*[1000] * 50)
    content, attachments, left = export_files.fit(
        data, unknown_size=0, why="x" * 500, render=lambda d: json.dumps(d, indent=2)
    )
    assert attachments and left and len(attachments) + len(left) == 50
    files = sum(1000 + export_files.PER_FILE + 2 * len(a.name) for a in attachments)
    assert len(content.encode()) + files + export_files.WRAPPING <= limit
    assert json.loads(content)["files_left_out"] == left


def test_the_runtime_makes_the_zip_and_says_which_file_the_store_lost(tmp_path):
    store = FileStore(tmp_path)
    store.put(JPEG)
    entries = [
        {"sha256": _sha(JPEG), "in_archive": "K7QM4/01-photo.jpg"},
        {"sha256": _sha(PNG), "in_archive": "K7QM4/02-photo.png"},  # erased meanwhile
    ]
    content = json.dumps({"cases": [{"evidence": entries}]})
    document = _archive(
        7,
        content,
        Attachment(_sha(JPEG), "K7QM4/01-photo.jpg"),
        Attachment(_sha(PNG), "K7QM4/02-photo.png"),
        missing_note="not found",
    )
    made = build_archive(content, archive_spec(document), store.get)
    archive = zipfile.ZipFile(io.BytesIO(made))
    assert archive.namelist() == ["refund-desk-2026-11-20.json", "K7QM4/01-photo.jpg"]
    assert archive.read("K7QM4/01-photo.jpg") == JPEG
    data = json.loads(archive.read("refund-desk-2026-11-20.json"))
    [kept, lost] = data["cases"][0]["evidence"]
    assert kept["in_archive"] == "K7QM4/01-photo.jpg"
    assert (lost["in_archive"], lost["left_out"]) == (None, "unavailable")
    assert data["files_left_out"] == [
        {"sha256": _sha(PNG), "reason": "unavailable", "why": "not found"}
    ]


def test_the_outbox_row_holds_names_and_hashes_and_the_bytes_come_at_sending(tmp_path, localizer):
    store = FileStore(tmp_path)
    store.put(JPEG)
    document = _archive(7, '{"cases": []}', Attachment(_sha(JPEG), "K7QM4/01-photo.jpg"))
    ((_, method, params),) = render_calls(localizer, [document])
    assert method == "sendDocument" and has_archive(params)
    json.dumps(params)  # plain JSON: the outbox row
    assert _sha(JPEG) in json.dumps(params) and "\\u00ff" not in json.dumps(params)
    plain, uploads = take_uploads(fill_archives(params, store.get))
    assert not has_archive(plain)
    name, data = uploads["document"]
    assert name == "refund-desk-2026-11-20.zip"
    assert zipfile.ZipFile(io.BytesIO(data)).read("K7QM4/01-photo.jpg") == JPEG


async def _kept_files(database, clock, case_id: int, *sizes: int) -> None:
    async with database.unit_of_work() as session:
        for n, size in enumerate(sizes):
            session.add(
                Evidence(
                    case_id=case_id,
                    kind="photo",
                    telegram_file_id=f"f{n}",
                    sha256=f"{n:064x}",
                    size=size,
                    content_type="image/jpeg",
                    file_status="kept",
                    created_at=clock.now(),
                )
            )


async def _mydata(conversation) -> SendDocument:
    event = Incoming(
        sender=Sender(1001, "fr"), chat_id=1001, kind=EventKind.COMMAND, command="mydata"
    )
    out = await conversation.handle(event)
    return next(o for o in out if isinstance(o, SendDocument))


async def test_mydata_names_the_kept_files_of_each_claim(database, clock, conversation):
    case = await submitted_case(database, clock.now())
    await _kept_files(database, clock, case.id, 1000, 2000)
    document = await _mydata(conversation)
    assert document.file_name.endswith(".zip") and document.mime_type == "application/zip"
    assert document.content_name.endswith(".json")
    assert [a.name for a in document.attachments] == ["K7QM4/01-photo.jpg", "K7QM4/02-photo.jpg"]
    assert document.caption is not None and document.caption.key == "mydata-caption-files"
    assert document.missing_note.startswith("Absent de cette archive")  # in French
    data = json.loads(document.content)
    assert [e["in_archive"] for e in data["cases"][0]["evidence"]] == [
        "K7QM4/01-photo.jpg", "K7QM4/02-photo.jpg",
    ]  # fmt: skip
    assert "files_left_out" not in data


async def test_mydata_leaves_out_what_would_pass_the_upload_limit_and_says_why(
    database, clock, conversation, localizer, monkeypatch
):
    monkeypatch.setattr(export_files, "UPLOAD_LIMIT", export_files.WRAPPING + 30_000)
    case = await submitted_case(database, clock.now())
    await _kept_files(database, clock, case.id, 10_000, 25_000)
    document = await _mydata(conversation)
    assert [a.name for a in document.attachments] == ["K7QM4/01-photo.jpg"]
    assert document.caption is not None and document.caption.key == "mydata-caption-left-out"
    assert "Un fichier n'a pas pu y entrer" in localizer.plain("fr", document.caption)
    data = json.loads(document.content)
    [left] = data["files_left_out"]
    assert left["sha256"] == f"{1:064x}" and left["reason"] == "upload_limit"
    assert left["why"].startswith("Absent de cette archive\u00a0: avec lui, elle dépasserait")
    assert data["cases"][0]["evidence"][1]["in_archive"] is None


async def test_the_console_writes_the_archive(tmp_path, localizer):
    intake = SimpleNamespace(default_language="en")
    app = SimpleNamespace(localizer=localizer, settings=SimpleNamespace(intake=intake))
    out = io.StringIO()
    console = ConsoleTransport(app, language_code="en", out=out, export_dir=tmp_path)  # type: ignore[arg-type]
    content = '{"cases": [{"evidence": [{"in_archive": "K7QM4/01-photo.jpg"}]}]}'
    kept = Attachment(_sha(JPEG), "K7QM4/01-photo.jpg")
    document = _archive(1, content, kept, missing_note="gone")
    console.render([document])  # no store (files not kept): the JSON says the file is not in
    archive = zipfile.ZipFile(tmp_path / "refund-desk-2026-11-20.zip")
    data = json.loads(archive.read("refund-desk-2026-11-20.json"))
    assert data["cases"][0]["evidence"][0]["in_archive"] is None
    assert str(tmp_path / "refund-desk-2026-11-20.zip") in out.getvalue()


@pytest.fixture(autouse=True)
def _no_stray_limit():
    yield
    assert export_files.UPLOAD_LIMIT == 50 * 1024 * 1024
