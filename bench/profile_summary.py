"""Summarise a py-spy ``--format raw`` profile (collapsed stacks) of the bot process.

    python bench/profile_summary.py PROFILE.txt [--top 30] [--match TEXT ...]

Prints: samples per thread; "self" time per package (where the CPU actually was); inclusive
time of the functions most often on the stack; and, with ``--match``, the share of samples
whose stack contains each given text (e.g. ``--match render_calls outbox.add_calls``).
py-spy records only non-idle samples unless ``--idle`` was given, so shares are of CPU time.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

_OURS = ("bot/", "handlers/", "storage/")
#: Leaves that are a thread blocked, not working. py-spy's idle detection misses some of them
#: (aiosqlite's worker threads blocked in SimpleQueue.get, the loop in epoll_wait).
_WAITS = re.compile(
    r"^(EpollSelector\.select \(selectors\.py|_connection_worker_thread "
    r"\(aiosqlite/core\.py:59\))"
)
_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^:()]+)(?::\d+)?\)$")


def package(file: str) -> str:
    """``sqlalchemy/orm/session.py`` → ``sqlalchemy``; repo files keep two levels."""
    parts = file.split("/")
    if parts[0] in ("bot", "handlers", "storage") and len(parts) > 1:
        return "/".join(parts[:2]) if parts[0] == "bot" and len(parts) > 2 else file
    return parts[0].removesuffix(".py")


def parse(path: Path) -> list[tuple[str, list[str], int]]:
    stacks = []
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = stack.split(";")
        thread = frames[0]
        stacks.append((thread, frames[1:], int(count)))
    return stacks


def func_name(frame: str) -> str:
    match = _FRAME.match(frame)
    return f"{match['func']} ({match['file']})" if match else frame


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("profile", type=Path)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--match", nargs="*", default=[])
    parser.add_argument(
        "--thread",
        help="only samples of threads whose name contains this (e.g. MainThread: the event loop)",
    )
    parser.add_argument(
        "--drop-waits",
        action="store_true",
        help="drop samples whose leaf is a blocking wait (epoll, queue.get)",
    )
    args = parser.parse_args()
    stacks = parse(args.profile)
    if args.thread:
        stacks = [s for s in stacks if args.thread in s[0]]
    if args.drop_waits:
        stacks = [s for s in stacks if not (s[1] and _WAITS.search(s[1][-1]))]
    total = sum(c for _, _, c in stacks)
    print(f"{args.profile}: {total} samples")

    threads: Counter[str] = Counter()
    for thread, _frames, count in stacks:
        name = thread.split(": ", 1)[-1] if ": " in thread else thread
        threads[re.sub(r"Thread-\d+", "Thread-N", name)] += count
    print("\nby thread:")
    for name, count in threads.most_common():
        print(f"  {100 * count / total:5.1f}%  {name}")

    own: Counter[str] = Counter()
    for _, frames, count in stacks:
        leaf = _FRAME.match(frames[-1]) if frames else None
        own[package(leaf["file"]) if leaf else "?"] += count
    print("\nself time by package/module:")
    for name, count in own.most_common(args.top):
        print(f"  {100 * count / total:5.1f}%  {name}")

    inclusive: Counter[str] = Counter()
    for _, frames, count in stacks:
        for name in {func_name(f) for f in frames}:
            inclusive[name] += count
    print("\ninclusive time (function anywhere on the stack):")
    skip = ("asyncio/", "threading.py", "<module>", "bot_wrapper.py", "runners.py", "cli.py")
    shown = 0
    for name, count in inclusive.most_common():
        if any(s in name for s in skip):
            continue
        print(f"  {100 * count / total:5.1f}%  {name}")
        shown += 1
        if shown >= args.top:
            break

    owners: Counter[str] = Counter()
    for _thread, frames, count in stacks:
        ours = [
            f
            for f in frames
            if (m := _FRAME.match(f))
            and m["file"].startswith(_OURS)
            and not m["file"].startswith("bot/cli.py")
        ]
        if ours:
            owners[func_name(ours[-1])] += count
        elif "_connection_worker_thread" in "".join(frames):
            owners["(aiosqlite worker thread: SQLite itself)"] += count
        else:
            leaf = _FRAME.match(frames[-1]) if frames else None
            owners[f"(no project frame: {package(leaf['file']) if leaf else '?'})"] += count
    print(
        "\nresponsible project function (innermost bot/handlers/storage frame, library calls"
        " included):"
    )
    for name, count in owners.most_common(args.top):
        print(f"  {100 * count / total:5.1f}%  {name}")

    if args.match:
        print("\nstacks containing:")
        for text in args.match:
            count = sum(c for _, frames, c in stacks if any(text in f for f in frames))
            print(f"  {100 * count / total:5.1f}%  {text}")


if __name__ == "__main__":
    main()
