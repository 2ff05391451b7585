"""The evidence files' stores (#16): the same contract for the directory and for an
S3-compatible bucket (a real S3 server over HTTP: tests/s3.py), the keeper storing into the
bucket end to end, the start-up check's one-line errors, and the S3 secret key masked."""

from __future__ import annotations

import hashlib
import io
import logging
import os
import sys
import threading
import time
import types
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.config import BucketSettings, FileSettings
from bot.files import bucket as bucket_module
from bot.files.keeper import STORE_RETRY, FileKeeper
from bot.files.setup import build_store
from bot.files.store import ContentStore, FileStore, StoreProblem
from bot.logs import configure_logging, mask_secrets
from handlers.aftercare.erasure import erase_parent
from handlers.policy import DeskPolicy, IntakePolicy
from storage.models import User
from tests.bot.test_file_keeper import JPEG, PNG, Sent, Telegram, _draft_with, _rows
from tests.s3 import SECRET_KEY

OTHER = b"\x89PNG\r\n\x1a\n" + b"\x02" * 64


def _bucket_store(settings: BucketSettings) -> Any:
    return bucket_module.BucketStore(settings)


@pytest.fixture(params=["directory", "bucket"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A factory of stores over one place: each call is another worker's store."""
    if request.param == "directory":
        yield lambda: FileStore(tmp_path / "files")
    else:
        settings = request.getfixturevalue("bucket")
        yield lambda: _bucket_store(settings)


# -- the contract, both backends ----------------------------------------------------------


def test_a_store_keeps_one_copy_per_content_and_forgets_on_delete(backend):
    store: ContentStore = backend()
    store.check()
    before = time.time()
    first = store.put(JPEG)
    assert first == hashlib.sha256(JPEG).hexdigest()
    assert store.put(JPEG) == first
    second = store.put(PNG)
    listed = dict(store.digests())
    assert set(listed) == {first, second}
    assert all(before - 5 <= when <= time.time() + 5 for when in listed.values())
    assert store.has(first) and store.get(first) == JPEG and store.get(second) == PNG
    assert store.delete(first)
    assert not store.has(first) and store.get(first) is None
    assert not store.delete(first)  # nothing left to delete
    assert [digest for digest, _ in store.digests()] == [second]


def test_a_store_takes_only_sha256_names(backend):
    store: ContentStore = backend()
    for bad in ("../../etc/passwd", "AB" * 32, "ab" * 31, ""):
        for call in (store.get, store.has, store.delete):
            with pytest.raises(ValueError):
                call(bad)


def test_two_workers_store_the_same_content_once(backend, monkeypatch):
    one, two = backend(), backend()
    writes: list[str] = []
    for store in (one, two):
        client = getattr(store, "client", None)
        if client is not None:  # the bucket: count the uploads the server received
            client.meta.events.register(
                "before-call.s3.PutObject", lambda params, **_: writes.append(params["url_path"])
            )
    digest = one.put(JPEG)
    assert two.has(digest) and two.put(JPEG) == digest  # the second writes nothing
    if isinstance(one, FileStore):
        assert one.path_of(digest).stat().st_nlink == 1
    else:
        assert len(writes) == 1
    # At the same moment: both end with the one copy.
    results: list[str] = []
    barrier = threading.Barrier(2)

    def store_other(store: ContentStore) -> None:
        barrier.wait()
        results.append(store.put(OTHER))

    threads = [threading.Thread(target=store_other, args=(s,)) for s in (one, two)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [hashlib.sha256(OTHER).hexdigest()] * 2
    assert sorted(d for d, _ in one.digests()) == sorted([digest, results[0]])
    assert two.get(results[0]) == OTHER


def test_content_stored_long_ago_is_refreshed_when_stored_again(backend, monkeypatch):
    """The leftovers' sweep takes unnamed files over an hour old: a copy named again by a new
    download gets a new time, so the sweep never takes it while its row is being recorded."""
    store = backend()
    digest = store.put(JPEG)
    if isinstance(store, FileStore):
        long_ago = time.time() - 7200
        os.utime(store.path_of(digest), (long_ago, long_ago))
    else:  # a bucket's LastModified cannot be set back: "long ago" is a second here
        time.sleep(1.1)
        monkeypatch.setattr(bucket_module, "REFRESH_AFTER_SECONDS", 1.0)
    [(_, first_time)] = store.digests()
    assert store.put(JPEG) == digest
    [(_, second_time)] = store.digests()
    assert second_time > first_time and second_time >= time.time() - 60


# -- the bucket ---------------------------------------------------------------------------


def test_bucket_keys_are_content_addressed_under_the_prefix(bucket, s3_server):
    ours = _bucket_store(bucket.model_copy(update={"prefix": "refund-desk/"}))
    theirs = _bucket_store(bucket.model_copy(update={"prefix": "other-bot/"}))
    digest = ours.put(JPEG)
    theirs.put(PNG)
    assert f"refund-desk/{digest[:2]}/{digest[2:4]}/{digest}" in s3_server.keys(bucket.name)
    # Other keys in the bucket are not contents: the sweep never sees (so never deletes) them.
    s3_server.admin.put_object(Bucket=bucket.name, Key="refund-desk/notes.txt", Body=b"x")
    s3_server.admin.put_object(Bucket=bucket.name, Key=f"refund-desk/{digest}", Body=b"x")
    ours.check()  # its probe is deleted, and never listed as a content
    assert [d for d, _ in ours.digests()] == [digest]
    assert [d for d, _ in theirs.digests()] == [hashlib.sha256(PNG).hexdigest()]
    assert not ours.has(hashlib.sha256(PNG).hexdigest())


def test_a_versioned_bucket_is_said_at_start(bucket, s3_server, caplog):
    def said() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == "bot.files.bucket"]

    store = _bucket_store(bucket)
    store.check()
    assert said() == []
    s3_server.admin.put_bucket_versioning(
        Bucket=bucket.name, VersioningConfiguration={"Status": "Enabled"}
    )
    store.check()  # it works, but erased files would stay as older versions: a warning
    [warning] = said()
    assert warning.startswith(f"bucket {bucket.name} has versioning enabled: a deleted file")


def test_bucket_content_that_does_not_match_its_name_is_not_served(bucket, s3_server, caplog):
    store = _bucket_store(bucket)
    digest = hashlib.sha256(JPEG).hexdigest()
    s3_server.admin.put_object(Bucket=bucket.name, Key=store.key_of(digest), Body=PNG)
    assert store.get(digest) is None
    assert "does not hold the content it is named by" in caplog.text


def test_the_settings_choose_the_store(bucket, tmp_path):
    chosen = build_store(FileSettings(store="bucket", bucket=bucket))
    assert isinstance(chosen, bucket_module.BucketStore)
    assert chosen.describe() == f"bucket {bucket.name!r} at {bucket.endpoint_url}"
    local = build_store(FileSettings(directory=str(tmp_path / "files")))
    assert isinstance(local, FileStore) and local.describe() == f"directory {tmp_path}/files"


# -- the keeper, into the bucket ----------------------------------------------------------


def _keeper(database, clock, store, telegram, sent=None) -> FileKeeper:
    keeper = FileKeeper(
        database=database,
        clock=clock,
        store=store,
        download=telegram.download,
        policy=IntakePolicy(max_file_bytes=20 * 1024 * 1024),
        queue=(sent or Sent()).queue,
        ocr=None,
        lease=timedelta(seconds=30),
    )
    database.on_files_released = keeper.release
    return keeper


async def test_the_keeper_stores_into_the_bucket_and_erasure_deletes_from_it(
    database, clock, bucket, s3_server
):
    await _draft_with(database, clock, "A", user_id=7)
    await _draft_with(database, clock, "B", "C", user_id=8)
    telegram = Telegram({"A": [JPEG], "B": [JPEG], "C": [PNG]})
    keeper = _keeper(database, clock, _bucket_store(bucket), telegram)
    await keeper.check_store()
    assert await keeper.fetch_due() == 3
    rows = await _rows(database)
    jpeg, png = hashlib.sha256(JPEG).hexdigest(), hashlib.sha256(PNG).hexdigest()
    assert {k: (r.file_status, r.sha256) for k, r in rows.items()} == {
        "A": ("kept", jpeg),
        "B": ("kept", jpeg),
        "C": ("kept", png),
    }
    assert s3_server.keys(bucket.name) == sorted(
        f"{d[:2]}/{d[2:4]}/{d}" for d in (jpeg, png)
    )  # one copy of the picture both parents sent
    async with database.unit_of_work() as session:
        user = await session.get(User, 8)
        assert user is not None
        await erase_parent(session, user, clock.now(), DeskPolicy())
    # C's picture was only parent 8's: gone from the bucket; B's is also parent 7's (A).
    assert s3_server.keys(bucket.name) == [f"{jpeg[:2]}/{jpeg[2:4]}/{jpeg}"]


async def test_leftovers_in_the_bucket_are_swept_once_old(
    database, clock, bucket, s3_server, monkeypatch
):
    await _draft_with(database, clock, "A")
    keeper = _keeper(database, clock, _bucket_store(bucket), Telegram({"A": [JPEG]}))
    await keeper.fetch_due()
    leftover = keeper.store.put(PNG)  # stored, then the process died before recording it
    assert await keeper.sweep_leftovers() == 0  # young: maybe being recorded right now
    later = types.SimpleNamespace(time=lambda: time.time() + 7200)  # two hours on
    monkeypatch.setattr("bot.files.keeper.time", later)
    assert await keeper.sweep_leftovers() == 1
    named = hashlib.sha256(JPEG).hexdigest()
    assert keeper.store.has(named) and not keeper.store.has(leftover)


async def test_a_bucket_that_fails_is_retried_like_a_download_and_erasure_still_ends(
    database, clock, bucket, s3_server
):
    from tests.e2e.harness import free_port

    await _draft_with(database, clock, "A", user_id=8)
    down = bucket.model_copy(update={"endpoint_url": f"http://127.0.0.1:{free_port()}"})
    telegram = Telegram({"A": [JPEG, JPEG]})
    keeper = _keeper(database, clock, _bucket_store(down), telegram)
    await keeper.fetch_due()
    row = (await _rows(database))["A"]
    # Not the file's fault: again in a minute, not counted (an outage never gives a file up).
    assert (row.file_status, row.file_attempts, row.sha256) == ("waiting", 0, None)
    assert row.file_retry_at is not None
    assert row.file_retry_at.replace(tzinfo=None) == (clock.now() + STORE_RETRY).replace(
        tzinfo=None
    )
    keeper.store = _bucket_store(bucket)  # the service is back
    clock.advance(seconds=30)
    assert await keeper.fetch_due() == 0  # not before its time
    clock.advance(seconds=30)
    await keeper.fetch_due()
    assert (await _rows(database))["A"].file_status == "kept"
    keeper.store = _bucket_store(down)  # down again during an erasure: it is committed anyway
    async with database.unit_of_work() as session:
        user = await session.get(User, 8)
        assert user is not None
        await erase_parent(session, user, clock.now(), DeskPolicy())
    assert await _rows(database) == {}
    assert len(s3_server.keys(bucket.name)) == 1  # the hourly sweep's, once reachable
    keeper.store = _bucket_store(bucket)
    assert await keeper.sweep_leftovers(older_than=timedelta(seconds=-60)) == 1
    assert s3_server.keys(bucket.name) == []


# -- the start-up check -------------------------------------------------------------------


def _problem(store: ContentStore) -> str:
    with pytest.raises(StoreProblem) as caught:
        store.check()
    line = str(caught.value)
    assert "\n" not in line and SECRET_KEY not in line
    return line


def test_start_up_errors_name_the_setting_to_fix(bucket, s3_server, monkeypatch, tmp_path):
    from tests.e2e.harness import free_port

    missing = bucket.model_copy(update={"name": "no-such-evidence"})
    assert _problem(_bucket_store(missing)) == (
        f"files.bucket.name = 'no-such-evidence': no such bucket at {s3_server.url} "
        "(create it, or correct the name)"
    )
    closed = f"http://127.0.0.1:{free_port()}"
    line = _problem(_bucket_store(bucket.model_copy(update={"endpoint_url": closed})))
    assert line.startswith(
        f"files.bucket.endpoint_url = '{closed}': the bucket's service cannot be reached ("
    )
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    assert _problem(_bucket_store(bucket)) == (
        "files.bucket: no S3 credentials found: set AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in the bot's environment"
    )
    monkeypatch.setenv("AWS_PROFILE", "no-such-profile")
    with pytest.raises(StoreProblem) as caught:
        _bucket_store(bucket)
    assert str(caught.value) == (
        "files.bucket: the S3 credentials cannot be read (The config profile (no-such-profile) "
        "could not be found)"
    )
    # The directory: one the bot cannot create.
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    line = _problem(FileStore(blocked / "files"))
    assert line.startswith(f"files.directory = '{blocked}/files': the bot cannot write there")


def test_without_boto3_the_bucket_says_which_extra_to_install(bucket, monkeypatch):
    monkeypatch.setitem(sys.modules, "boto3", None)  # import boto3 fails, as when missing
    with pytest.raises(StoreProblem, match=r'needs the S3 client: pip install "\.\[s3\]"'):
        build_store(FileSettings(store="bucket", bucket=bucket))


def test_run_stops_at_start_with_one_line_when_the_bucket_is_wrong(
    bucket, tmp_path, monkeypatch, capsys
):
    from bot.cli import main

    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\ntoken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"\n'
        f'[storage]\nurl = "sqlite+aiosqlite:///{tmp_path}/bot.db"\n'
        f'[files]\nstore = "bucket"\nocr = false\n'
        f'[files.bucket]\nname = "not-{bucket.name}"\nendpoint_url = "{bucket.endpoint_url}"\n'
    )
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        assert main(["--config", str(config), "run"]) == 2
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error == (
        f"refund-desk: files.bucket.name = 'not-{bucket.name}': no such bucket at "
        f"{bucket.endpoint_url} (create it, or correct the name)"
    )


# -- secrets ------------------------------------------------------------------------------


def test_the_s3_secret_key_reaches_no_log_line(bucket, s3_server):
    store = _bucket_store(bucket)  # reads the credentials, and has their secret masked
    assert store.client._request_signer._credentials.secret_key == SECRET_KEY
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    configure_logging("INFO", json_format=True)
    buffer = io.StringIO()
    (handler,) = root.handlers
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(buffer)
    try:
        log = logging.getLogger("bot.files.bucket")
        log.error("signing with %s failed", SECRET_KEY)
        try:
            raise RuntimeError(f"credentials {os.environ['AWS_SECRET_ACCESS_KEY']} refused")
        except RuntimeError:
            log.exception("upload failed")
        log.warning("environment: AWS_SECRET_ACCESS_KEY=another-secret-not-registered")
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    output = buffer.getvalue()
    assert SECRET_KEY not in output and "another-secret-not-registered" not in output
    assert "signing with *** failed" in output and "Traceback" in output
    assert "AWS_SECRET_ACCESS_KEY=***" in output
    assert mask_secrets(f'"SecretAccessKey": "{SECRET_KEY}"') == '"SecretAccessKey": "***"'
    assert mask_secrets("aws_session_token = IQoJb3JpZ2luX2VjE") == "aws_session_token = ***"
    assert mask_secrets("648.00 CNY, key ab/cd/abcd") == "648.00 CNY, key ab/cd/abcd"


@pytest.mark.parametrize(
    ("command", "telegram"),
    [
        ("dashboard", ""),  # the supervisors' page alone, with no token
        ("run", '[telegram]\ntoken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"\n'),
    ],
    ids=["dashboard", "run"],
)
def test_without_the_s3_client_the_bucket_says_which_extra_in_one_line(
    command, telegram, bucket, tmp_path, monkeypatch, capsys
):
    from bot.cli import main

    config = tmp_path / "config.toml"
    config.write_text(
        f'{telegram}[storage]\nurl = "sqlite+aiosqlite:///{tmp_path}/bot.db"\n'
        f'[files]\nstore = "bucket"\n[files.bucket]\nname = "{bucket.name}"\n'
    )
    monkeypatch.setitem(sys.modules, "boto3", None)  # import boto3 fails, as when missing
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        assert main(["--config", str(config), command]) == 2
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    error = capsys.readouterr().err  # the database's upgrade may be logged first
    assert "Traceback" not in error
    assert error.strip().splitlines()[-1] == (
        'refund-desk: files.store = "bucket" needs the S3 client: pip install ".[s3]" (boto3)'
    )
