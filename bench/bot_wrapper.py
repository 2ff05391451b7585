"""``python -m bot.cli`` with benchmark-only switches, for diagnosis — never for production.

    python bench/bot_wrapper.py [--unpaced] [--cprofile OUT.prof] -- --config FILE run

* ``--unpaced``: ``bot.telegram.pacing.Pacer.acquire`` becomes a no-op, so the bot sends as
  fast as it can instead of keeping under Telegram's ~30 messages/s. Shows what the process
  could do without that (deliberate) limit.
* ``--cprofile OUT``: cProfile around the whole run, written on SIGTERM (graceful stop).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--unpaced", action="store_true")
    parser.add_argument("--cprofile", type=Path)
    parser.add_argument("cli", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    cli_args = [a for a in args.cli if a != "--"] if args.cli[:1] == ["--"] else args.cli

    if args.unpaced:
        from bot.telegram import pacing

        async def acquire(self: pacing.Pacer, chat_id: int) -> None:
            return None

        pacing.Pacer.acquire = acquire  # type: ignore[method-assign]

    from bot.cli import main as cli_main

    if args.cprofile is None:
        return cli_main(cli_args)
    import cProfile

    profiler = cProfile.Profile()
    try:
        return profiler.runcall(cli_main, cli_args)
    finally:
        profiler.dump_stats(str(args.cprofile))


if __name__ == "__main__":
    sys.exit(main())
