"""A `refund-desk run` process started ahead of its test: ``python -m tests.e2e.warm FRAMEWORK
PRELOG`` imports what the bot imports before it takes its first update (SQLAlchemy, Alembic,
Fluent, the framework: seconds of CPU, aiogram's most of all), then waits for one line on
stdin: ``{"argv": [...], "log": PATH}``. It then sends its output to the log (after what the
imports printed, kept in PRELOG meanwhile) and runs ``bot.cli.main(argv)``, exactly what
``python -m bot.cli ARGV`` runs. End of stdin before that line (the tests are over, or the
harness is gone): it exits 0 and nothing ran.

The harness (tests/e2e/harness.py, `WarmBots`) keeps one waiting per framework, so a test's
bot starts without the import time, while the next one imports during the test: at a lower
priority, where the harness can give it back its own when it hands it a bot to run (as root),
so that the import does not take CPU from the test's bot."""

from __future__ import annotations

import json
import os
import sys
import traceback


def _imports(framework: str) -> None:
    import bot.cli
    import bot.telegram.runner
    import bot.transports

    if framework == "aiogram":
        import bot.aiogram_transport
    else:
        import bot.ptb_transport
    del bot


#: The priority of a warm process while it imports (the harness resets it before the bot runs).
NICENESS = 10


def main() -> int:
    framework, prelog = sys.argv[1], sys.argv[2]
    priority = os.getpriority(os.PRIO_PROCESS, 0)
    if os.geteuid() == 0:  # only where it can be undone
        os.nice(NICENESS)
    failure = None
    try:
        _imports(framework)
    except BaseException:  # shown in the bot's log, as a cold start would show it
        failure = traceback.format_exc()
    line = sys.stdin.buffer.readline()
    if not line:
        os.unlink(prelog)
        return 0
    request = json.loads(line)
    if os.geteuid() == 0:  # the bot runs at the priority a cold start has
        os.setpriority(os.PRIO_PROCESS, 0, priority)
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    sys.stdout.flush()
    sys.stderr.flush()
    with open(prelog, "rb") as printed:
        os.write(log, printed.read())
    os.unlink(prelog)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    if failure is not None:
        sys.stderr.write(failure)
        return 1
    import bot.cli

    sys.argv = [bot.cli.__file__, *request["argv"]]  # as ``python -m bot.cli`` sets it
    return bot.cli.main(request["argv"])


if __name__ == "__main__":
    sys.exit(main())
