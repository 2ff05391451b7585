"""The supervisors' web page in a real browser (Debian's headless Chromium, driven through
chromedriver): a supervisor signs in with the link /dashboard sent them, sees the figures and
the chart, filters the cases, opens a case; the same link a second time is refused, and
every page seen is logged with who saw it.

``DASHBOARD_SCREENSHOT=docs/dashboard.png`` also writes the dashboard's screenshot there (the
one in the README)."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest

from bot.files.store import ContentStore, FileStore
from bot.i18n import Localizer
from bot.reports.web import SupervisorPages
from handlers.policy import DeskPolicy, IntakePolicy, SlaPolicy
from storage.database import Database
from storage.repositories import dashboard
from tests.chat import ParentChat
from tests.conftest import FakeClock
from tests.core import core
from tests.handlers.report_desk import NOW, seed

SUPERVISOR, AGENT = 7001, 7002
GROUP = -1001234567890
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="needs chromium and chromium-driver (.ci/run installs them)"
)


async def _screenshot_kept(database, store: ContentStore, case_id: int) -> None:
    """A 960×1400 screenshot kept in the file store (#16) as evidence of the case."""
    import io

    from PIL import Image

    from storage.models import Evidence

    out = io.BytesIO()
    Image.new("RGB", (960, 1400), (240, 200, 120)).save(out, "PNG")
    digest = store.put(out.getvalue())
    async with database.unit_of_work() as session:
        session.add(
            Evidence(
                case_id=case_id,
                kind="photo",
                telegram_file_id="f1",
                file_name="receipt.png",
                mime_type="image/png",
                content_type="image/png",
                sha256=digest,
                file_status="kept",
                created_at=NOW,
            )
        )


def _browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1100,1900",
        "--lang=en-US",
    ):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(DRIVER), options=options)


@pytest.mark.parametrize("kept_in", ["directory", "bucket"])
async def test_a_supervisor_signs_in_filters_the_cases_and_opens_one(
    tmp_path, localizer, request, kept_in
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    database = Database(f"sqlite+aiosqlite:///{tmp_path}/bot.db")
    await database.upgrade()
    ids = await seed(database)
    store: ContentStore = FileStore(tmp_path / "files")
    if kept_in == "bucket":  # the thumbnails read from an S3-compatible bucket (tests/s3.py)
        from bot.files.bucket import BucketStore

        store = BucketStore(request.getfixturevalue("bucket"))
    await _screenshot_kept(database, store, ids["BBBBB"])
    clock = FakeClock(NOW)
    desk = DeskPolicy(
        chat_id=GROUP,
        language="en",
        timezone="Asia/Shanghai",
        supervisor_ids=frozenset({SUPERVISOR}),
    )
    pages = SupervisorPages(
        database=database,
        clock=clock,
        desk=desk,
        sla=SlaPolicy(),
        localizer=Localizer(),
        files=store,
    )
    server = await pages.serve("127.0.0.1", 0)
    port = server.addresses[0][1]
    base = f"http://127.0.0.1:{port}"
    conversation = core(
        database,
        clock,
        localizer,
        policy=IntakePolicy(),
        desk=DeskPolicy(**{**desk.__dict__, "dashboard_url": base}),
    )
    # An agent who is not a supervisor gets no link; the supervisor does, in private.
    outsider = ParentChat(conversation, localizer, user_id=AGENT)
    await outsider.command("dashboard")
    assert outsider.keys == ["dashboard-refused"]
    supervisor = ParentChat(conversation, localizer, user_id=SUPERVISOR)
    await supervisor.command("dashboard")
    assert supervisor.keys == ["dashboard-link"]
    link = supervisor.last.parts[0].params["url"]
    assert link.startswith(f"{base}/dashboard/signin?token=")

    browser = await asyncio.to_thread(_browser)

    async def visit(url: str) -> str:
        await asyncio.to_thread(browser.get, url)
        return await asyncio.to_thread(lambda: browser.find_element(By.TAG_NAME, "body").text)

    def click_and_wait(how: str, what: str) -> str:
        """Click what navigates, wait for the next page, return its text."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait

        # The old page is marked, and the next one is the page without the mark.
        # Asking about the old page's nodes mid-navigation can itself fail in
        # chromedriver ("Node with given id does not belong to the document"),
        # so a question asked while the page changes is asked again.
        browser.execute_script("window.refundDeskBefore = true")
        browser.find_element(how, what).click()
        WebDriverWait(browser, 15, ignored_exceptions=(WebDriverException,)).until(
            lambda b: b.execute_script(
                "return !window.refundDeskBefore && document.readyState === 'complete'"
            )
        )
        return browser.find_element(By.TAG_NAME, "body").text

    async def click(how: str, what: str) -> str:
        return await asyncio.to_thread(click_and_wait, how, what)

    try:
        await visit(link)  # as Telegram's link preview does: nothing is spent
        await visit(link)
        text = await click(By.ID, "sign-in")
        assert browser.current_url.startswith(f"{base}/dashboard")
        assert "Supervisors' desk" in text and "Received" in text

        text = await visit(f"{base}/dashboard?period=2026-09")
        assert "Received 6 · decided 3 · open 3 · overdue now 2" in text  # both teams
        assert "Decided on time: 33% (2 of 6)" in text
        width = await asyncio.to_thread(
            browser.execute_script, "return document.querySelector('img').naturalWidth"
        )
        assert width > 300  # the chart came back as a picture
        shot = tmp_path / "dashboard.png"
        await asyncio.to_thread(browser.save_screenshot, str(shot))
        assert shot.stat().st_size > 10_000
        if os.environ.get("DASHBOARD_SCREENSHOT"):
            shutil.copy(shot, Path(os.environ["DASHBOARD_SCREENSHOT"]))

        # From the figures by agent to Bob's cases.
        text = await click(By.LINK_TEXT, "Bob")
        assert "2 cases" in text and "BBBBB" in text and "EEEEE" in text
        await visit(f"{base}/dashboard?period=2026-09")

        # The list, filtered with the page's own form: closed cases only.
        text = await click(By.LINK_TEXT, "The cases, with filters →")
        assert "7 cases" in text
        status = await asyncio.to_thread(browser.find_element, By.NAME, "status")
        await asyncio.to_thread(Select(status).select_by_value, "closed")
        text = await click(By.CSS_SELECTOR, "button[type=submit]")
        assert "2 cases" in text and "AAAAA" in text and "DDDDD" in text
        assert "BBBBB" not in text
        text = await visit(f"{base}/dashboard/cases?overdue=1")
        assert "2 cases" in text and "CCCCC" in text and "EEEEE" in text
        text = await visit(f"{base}/dashboard/cases?q=account-b")
        assert "One case" in text and "BBBBB" in text

        # A case's own page: its purchases and timeline.
        text = await click(By.LINK_TEXT, "BBBBB")
        assert "Case BBBBB" in text
        assert "CN¥200.00" in text and "CN¥100.00" in text
        assert "Appealed by the parent" in text and "Decided (partial)" in text
        thumbnail = 0
        for _ in range(50):  # the picture loads after the page
            thumbnail = await asyncio.to_thread(
                browser.execute_script,
                "const i = document.querySelector('.files img');"
                "return i && i.complete ? i.naturalWidth : 0",
            )
            if thumbnail:
                break
            await asyncio.sleep(0.1)
        assert thumbnail == 480  # the kept screenshot, made smaller

        # Signed out, the same link again: refused; the pages too.
        await asyncio.to_thread(browser.delete_all_cookies)
        await visit(link)
        text = await click(By.ID, "sign-in")
        assert "has been used already or has expired" in text
        text = await visit(f"{base}/dashboard")
        assert "Type /dashboard to the bot" in text
    finally:
        await asyncio.to_thread(browser.quit)
        await server.cleanup()

    async with database.unit_of_work() as session:
        seen = await dashboard.views_of(session=session, user_id=SUPERVISOR)
    assert len(seen) >= 7
    assert any(v.path.startswith("/dashboard/cases/BBBBB") for v in seen)
    await database.dispose()
