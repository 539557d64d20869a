#!/usr/bin/env python3
"""The long fuzzing run: the property tests of tests/properties/ with a large budget.

    .venv/bin/python scripts/fuzz.py --minutes 35 [--only NAME ...] [--log-every 5]

Runs every property in turns (each gets an equal share of the time) with random, not
derandomized, examples until the time is up, then prints, per property, the examples tried, the
slowest one, and the failures found (each distinct failure once, with the falsifying example
Hypothesis prints and a ``@reproduce_failure`` blob). A property that raises keeps being fuzzed,
without shrinking, for other failures. An example slower than ``--slow`` seconds (``--slow-build``
for whole-site builds) is reported as a failure too: a bound per file, measured here rather
than asserted in the test suite. Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
MODULES = ("test_properties_input", "test_properties_output", "test_properties_build",
           "test_properties_dated")


@dataclass
class Stats:
    name: str
    examples: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    runs: int = 0
    failures: dict[str, str] = field(default_factory=dict)  # signature -> report
    slow: list[str] = field(default_factory=list)


def _properties(only: list[str]) -> dict[str, Callable[..., Any]]:
    sys.path[:0] = [str(REPO / "tests" / "properties"), str(REPO / "tests")]
    os.environ["GUIDEMAP_HYPOTHESIS_PROFILE"] = "fuzz"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    found = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for attr, value in sorted(vars(module).items()):
            wanted = not only or any(o in attr for o in only)
            if attr.startswith("test_") and hasattr(value, "hypothesis") and wanted:
                found[attr] = value
    return found


def _signature(exc: BaseException) -> str:
    """What tells two failures apart: the exception type and where it was raised."""
    frames = traceback.extract_tb(exc.__traceback__)
    inner = [f for f in frames if "/hypothesis/" not in f.filename] or frames
    where = f"{Path(inner[-1].filename).name}:{inner[-1].lineno}" if inner else "?"
    first = (str(exc).splitlines() or [""])[0][:160]
    return f"{type(exc).__name__} at {where}: {first}"


def _report(exc: BaseException) -> str:
    notes = "\n".join(getattr(exc, "__notes__", []))
    text = "".join(traceback.format_exception_only(type(exc), exc))
    # Several distinct failures at once come as a group: report each with its example.
    inner = [_report(e) for e in getattr(exc, "exceptions", ())]
    return "\n\n".join([f"{text}\n{notes}".strip(), *inner])


def _instrument(test: Any, stats: Stats, slow_after: float) -> None:
    inner = test.hypothesis.inner_test

    def counted(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            took = time.perf_counter() - start
            stats.examples += 1
            stats.slowest = max(stats.slowest, took)
            if took > slow_after and len(stats.slow) < 5:
                stats.slow.append(f"{took:.1f} s: {args!r:.300} {kwargs!r:.300}")

    test.hypothesis.inner_test = counted


def _run_once(test: Any, stats: Stats, chunk: int) -> None:
    from hypothesis import Phase, settings

    # Shrinking a whole-site build takes minutes of builds: its failures are shown as found.
    shrink = not stats.failures and "built_site" not in stats.name
    phases = (Phase.generate, Phase.shrink) if shrink else (Phase.generate,)
    test._hypothesis_internal_use_settings = settings(
        settings.get_profile("fuzz"), max_examples=chunk, derandomize=False, phases=phases)
    start = time.perf_counter()
    try:
        test()
    except Exception as exc:  # a failing property: recorded, and the run goes on
        key = _signature(exc)
        if key not in stats.failures:
            stats.failures[key] = _report(exc)
            print(f"\n!!! {stats.name}: {key}\n{stats.failures[key]}\n", flush=True)
    finally:
        stats.seconds += time.perf_counter() - start
        stats.runs += 1


def _table(all_stats: list[Stats], elapsed: float) -> str:
    lines = [f"fuzzing: {elapsed / 60:.1f} minutes",
             f"{'property':55} {'examples':>9} {'slowest s':>9} {'failures':>8}"]
    for s in all_stats:
        lines.append(f"{s.name:55} {s.examples:>9} {s.slowest:>9.2f} {len(s.failures) + len(s.slow):>8}")
    total = sum(s.examples for s in all_stats)
    failed = sum(len(s.failures) + len(s.slow) for s in all_stats)
    lines.append(f"{'total':55} {total:>9} {'':>9} {failed:>8}")
    return "\n".join(lines)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--only", nargs="*", default=[], help="properties whose name contains one of these")
    parser.add_argument("--slow", type=float, default=10.0, help="seconds an example may take")
    parser.add_argument("--slow-build", type=float, default=300.0,
                        help="seconds a whole-site build example may take")
    parser.add_argument("--log-every", type=float, default=5.0, help="minutes between progress tables")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)

    tests = _properties(args.only)
    stats = {name: Stats(name) for name in tests}
    for name, test in tests.items():
        _instrument(test, stats[name], args.slow_build if "built_site" in name else args.slow)
    start = time.monotonic()
    deadline = start + args.minutes * 60
    next_log = start + args.log_every * 60
    print(f"fuzzing {len(tests)} properties for {args.minutes} minutes", flush=True)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        while time.monotonic() < deadline:
            # The property that has had the least time so far goes next.
            name = min(stats, key=lambda n: stats[n].seconds)
            s = stats[name]
            # Aim at about 20 seconds per turn, from the property's own pace so far.
            pace = s.seconds / s.examples if s.examples else 10.0  # first turn: a couple of examples
            chunk = max(1, min(2000, int(20 / max(pace, 1e-3))))
            _run_once(tests[name], s, chunk)
            if time.monotonic() >= next_log:
                print(_table(list(stats.values()), time.monotonic() - start), flush=True)
                next_log += args.log_every * 60
    except KeyboardInterrupt:
        print("interrupted: the figures so far", flush=True)
    elapsed = time.monotonic() - start
    print(_table(list(stats.values()), elapsed))
    for s in stats.values():
        for key, report in s.failures.items():
            print(f"\n=== {s.name}: {key}\n{report}")
        for line in s.slow:
            print(f"\n=== {s.name}: slow example {line}")
    if args.json:
        args.json.write_text(json.dumps(
            {"minutes": round(elapsed / 60, 1),
             "properties": {s.name: {"examples": s.examples, "slowest_seconds": round(s.slowest, 2),
                                     "failures": list(s.failures), "slow": s.slow}
                            for s in stats.values()}}, ensure_ascii=False, indent=1) + "\n")
    return 1 if any(s.failures or s.slow for s in stats.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
