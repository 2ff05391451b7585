"""Where the bot's own web pages are served: the webhook, ``/healthz`` and ``/metrics``, the
supervisors' dashboard, each on an aiohttp server started the same way."""

from __future__ import annotations

from aiohttp import web


async def start_server(
    app: web.Application, listen: str, port: int
) -> tuple[web.AppRunner, web.TCPSite]:
    """``app`` served on ``listen:port`` (port 0: any free one); the runner stops it
    (``cleanup``). No access log: it would write every request line, and a dashboard
    sign-in link carries its token in the query."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, listen, port)
    await site.start()
    return runner, site
