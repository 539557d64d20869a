"""Benchmark: build time of N generated profiles against a plain mkdocs-material build.

Both sites use the same theme, search plugin and Markdown extensions, and keep their N pages
out of the navigation. The baseline has N plain Markdown pages holding the same text as the
profiles (name, summary, description); the guidemap site generates a page per profile plus the
directory, province, focus and help pages. Each build runs ``--repeat`` times, alternating
(after one untimed warm-up build of each), so both are measured in the same run on the same
machine; the best and the median of each are compared, for wall-clock time and for CPU time.
The guidemap site also holds ``--calls`` calls for volunteers and ``--events`` events (the plain
site a page per event and one page of the calls' text); a third site, the same profiles without
them, is built in the same rounds, so their own cost is reported as a ratio too.
Before each build the previous one's writes are flushed (``sync``), so one build's disk
traffic is not charged to the next.

    python scripts/bench_build.py --orgs 2000 --repeat 5
    python scripts/bench_build.py --orgs 2000 --calls 1000 --events 200 --repeat 5
    python scripts/bench_build.py --orgs 2000 --repeat 5 --dir /dev/shm   # without disk noise
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
CONFIG = """\
site_name: Bench
site_url: https://example.org/
docs_dir: content
theme:
  name: material
  language: th
  font: false
  features:
    - search.highlight
    - search.suggest
plugins:
  - search:
      lang: en
{extra_plugin}
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: true
nav:
  - index.md
validation:
  nav:
    omitted_files: ignore
"""
WORDS = ["อาสาสมัคร", "ชุมชน", "เยาวชน", "สันติภาพ", "การเยียวยา", "ชายหาด", "ทะเล", "โรงเรียน",
         "เด็กกำพร้า", "ผู้หญิง", "อบรม", "ค่าย", "กิจกรรม", "ช่วยเหลือ", "เครือข่าย"]
PROVINCES = [("ปัตตานี", 6.87, 101.25), ("ยะลา", 6.54, 101.28), ("นราธิวาส", 6.43, 101.82),
             ("สงขลา", 7.19, 100.59)]
FOCUS = ["peace", "healing", "children-youth", "women", "education", "marine", "rescue"]


def text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(n))


def profiles(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        province, lat, lon = rng.choice(PROVINCES)
        out.append({
            "id": f"group-{i:05d}", "name": f"กลุ่ม{text(rng, 2)} {i}", "province": province,
            "lat": f"{lat + rng.uniform(-0.2, 0.2):.4f}", "lon": f"{lon + rng.uniform(-0.2, 0.2):.4f}",
            "focus": ", ".join(sorted(set(rng.sample(FOCUS, 2)))), "summary": text(rng, 12),
            "description": text(rng, 60),
        })
    return out


def dated(orgs: list[dict[str, str]], n_calls: int, n_events: int,
          seed: int = 11) -> dict[str, dict[str, str]]:
    """Calls (open on the day of the run, some ongoing) and events (some past), as YAML texts."""
    rng = random.Random(seed)
    today = dt.date.today()
    calls, events = {}, {}
    for i in range(n_calls):
        org = rng.choice(orgs)["id"]
        start = today + dt.timedelta(days=rng.randint(1, 120))
        when = "" if i % 5 == 0 else (f"start: {start.isoformat()} 09:00\nend: {start.isoformat()} 16:00\n"
                                      f"apply_by: {(start - dt.timedelta(days=1)).isoformat()}\n")
        calls[f"call-{i:05d}"] = (
            f"title: อาสา{text(rng, 3)}\norgs: [{org}]\ndescription:\n  th: {text(rng, 40)}\n{when}"
            f"skills:\n  - th: {text(rng, 2)}\nremote: {rng.choice(['no', 'yes', 'partly'])}\n"
            f"min_age: {rng.randint(12, 20)}\nupdated: {today.isoformat()}\n")
    for i in range(n_events):
        org = rng.choice(orgs)["id"]
        start = today + dt.timedelta(days=rng.randint(-200, 200))
        events[f"event-{i:05d}"] = (
            f"title: ประชุม{text(rng, 3)}\nkind: {rng.choice(['meeting', 'training', 'open-day'])}\n"
            f"orgs: [{org}]\nstart: {start.isoformat()} 09:00\nend: {start.isoformat()} 15:00\n"
            f"description:\n  th: {text(rng, 40)}\nupdated: {today.isoformat()}\n")
    return {"calls": calls, "events": events}


def profile_yaml(o: dict[str, str]) -> str:
    """A generated group's profile file (bench_scale.py writes the same ones)."""
    return (f"id: {o['id']}\nname: {o['name']}\nprovince: {o['province']}\n"
            f"location: {{lat: {o['lat']}, lon: {o['lon']}}}\nfocus: [{o['focus']}]\n"
            f"summary: {o['summary']}\ndescription:\n  th: {o['description']}\nneeds: [volunteers]\n"
            "updated: 2026-01-01\n")


def write_guidemap_site(root: Path, orgs: list[dict[str, str]],
                        entries: dict[str, dict[str, str]] | None = None) -> None:
    (root / "orgs").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# หน้าแรก\n\n<!-- guidemap:summary -->\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG.format(extra_plugin="  - guidemap"), encoding="utf-8")
    for o in orgs:
        (root / "orgs" / f"{o['id']}.yml").write_text(profile_yaml(o), encoding="utf-8")
    for folder, files in (entries or {}).items():
        (root / folder).mkdir()
        for name, body in files.items():
            (root / folder / f"{name}.yml").write_text(body, encoding="utf-8")


def write_plain_site(root: Path, orgs: list[dict[str, str]],
                     entries: dict[str, dict[str, str]] | None = None) -> None:
    (root / "content" / "pages").mkdir(parents=True)
    (root / "content" / "index.md").write_text("# หน้าแรก\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG.format(extra_plugin=""), encoding="utf-8")
    for o in orgs:
        (root / "content" / "pages" / f"{o['id']}.md").write_text(
            f"# {o['name']}\n\n{o['province']}\n\n{o['summary']}\n\n{o['description']}\n", encoding="utf-8")
    # The same text as the calls and events: a page per event, one page of every call.
    entries = entries or {}
    for name, body in entries.get("events", {}).items():
        (root / "content" / "pages" / f"{name}.md").write_text(f"# {name}\n\n{body}\n", encoding="utf-8")
    if entries.get("calls"):
        (root / "content" / "calls.md").write_text(
            "# ร่วมเป็นอาสา\n\n" + "\n\n".join(entries["calls"].values()) + "\n", encoding="utf-8")


def adopt_orphans() -> None:
    """The build's worker process is a child of multiprocessing's fork server, which outlives
    the build by a moment: as a subreaper this process adopts and waits for both, so their CPU
    time counts in RUSAGE_CHILDREN with the build's (Linux; elsewhere it is left out)."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def reap_orphans() -> None:
    while True:
        try:
            os.wait()
        except ChildProcessError:
            return


def timed_build(root: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one clean build in a fresh process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    shutil.rmtree(root / "site", ignore_errors=True)
    os.sync()  # the previous build's writes are flushed now, not during this one
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-d", str(root / "site")], cwd=root, env=env,
                   check=True)
    wall = time.perf_counter() - start
    reap_orphans()  # not timed: the build has ended
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orgs", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--calls", type=int, default=0, help="calls for volunteers in the guidemap site")
    ap.add_argument("--events", type=int, default=0, help="events in the guidemap site")
    ap.add_argument("--seed", type=int, default=1, help="seed of the order within each round")
    ap.add_argument("--dir", type=Path, default=None,
                    help="where to write both sites (default: the system's temporary folder); "
                         "/dev/shm takes the disk's own noise out of both")
    args = ap.parse_args()
    adopt_orphans()
    orgs = profiles(args.orgs)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        plain, guide, bare = Path(tmp, "plain"), Path(tmp, "guidemap"), Path(tmp, "no-dated")
        entries = dated(orgs, args.calls, args.events)
        write_plain_site(plain, orgs, entries)
        write_guidemap_site(guide, orgs, entries)
        sites = [("plain", plain), ("guidemap", guide)]
        if args.calls or args.events:
            write_guidemap_site(bare, orgs)
            sites.append(("no-dated", bare))
        for _, root in sites:
            timed_build(root)  # warm the disk cache and Python's bytecode for all, untimed
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in sites}
        order = random.Random(args.seed)
        # Randomized interleaved trials: each round builds both, in a random order, so a slow
        # spell of a shared machine hits both sides alike (Abedi & Brecht, ICPE 2017).
        for _ in range(args.repeat):
            pair = list(sites)
            order.shuffle(pair)
            for name, root in pair:
                runs[name].append(timed_build(root))
        pages = sum(1 for _ in (guide / "site").rglob("index.html"))
        files = sum(1 for p in (guide / "site").rglob("*") if p.is_file())
        plain_files = sum(1 for p in (plain / "site").rglob("*") if p.is_file())
    print(f"orgs: {args.orgs}, calls: {args.calls}, events: {args.events}, repeats: {args.repeat}, "
          f"guidemap pages: {pages}, "
          f"files written: guidemap {files}, plain {plain_files}, in {args.dir or tempfile.gettempdir()}")
    summary: dict[str, dict[str, float]] = {}
    for kind, index in (("wall", 0), ("cpu", 1)):
        for name, values in runs.items():
            seconds = [v[index] for v in values]
            summary.setdefault(kind, {})[name] = min(seconds)
            summary[kind][name + " median"] = statistics.median(seconds)
            middle = statistics.median(seconds)
            print(f"{kind:4s} {name:9s} best {min(seconds):6.2f} s  median {middle:6.2f} s"
                  f"  (runs: {', '.join(f'{t:.2f}' for t in seconds)})")
    for kind in ("wall", "cpu"):
        best = summary[kind]["guidemap"] / summary[kind]["plain"]
        median = summary[kind]["guidemap median"] / summary[kind]["plain median"]
        print(f"ratio guidemap / plain material, {kind}: best {best:.2f}, median {median:.2f}  (goal <= 1.3)")
    if "no-dated" in runs:
        for kind in ("wall", "cpu"):
            best = summary[kind]["guidemap"] / summary[kind]["no-dated"]
            median = summary[kind]["guidemap median"] / summary[kind]["no-dated median"]
            print(f"ratio with / without the calls and events, {kind}: best {best:.2f}, median {median:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
