"""Lighthouse on every page type, as a phone on a slow connection sees the site.

Builds the site from this repository (or takes a built one with ``--site``), serves it on
127.0.0.1 with gzip the way a static host does (scripts/audit.py's server), and runs the
pinned Lighthouse of ``scripts/audit/`` (``npm ci --prefix scripts/audit``; its default mobile
emulation and simulated slow 4G, Debian's Chromium, map tiles blocked so nothing leaves the
machine) on one page of each type. Prints the four category scores, the layout shift (CLS),
the largest paint and the blocking time: the table of docs/benchmarks.md.

    python scripts/bench_lighthouse.py                 # build, run, print the Markdown table
    python scripts/bench_lighthouse.py --site site/    # a site already built
    python scripts/bench_lighthouse.py --lighthouse PATH/TO/node_modules/.bin/lighthouse

The aims (issue 22): performance 95 or more, accessibility, best practices and SEO 100, CLS at
most 0.02 on every page type.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import audit

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def run(lighthouse: Path, url: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cmd = [str(lighthouse), url, f"--only-categories={','.join(CATEGORIES)}", "--output=json",
               f"--output-path={report}", "--quiet", "--no-enable-error-reporting",
               f"--chrome-flags={' '.join(audit.CHROME_FLAGS)}",
               f"--blocked-url-patterns=*{audit.TILE_HOST}*"]
        result = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": audit.CHROMIUM}, capture_output=True,
                                text=True, timeout=300)
        if result.returncode != 0 or not report.is_file():
            raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    cats, audits = data["categories"], data["audits"]
    row: dict[str, Any] = {c: round(cats[c]["score"] * 100) for c in CATEGORIES}
    row["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    row["lcp_ms"] = round(audits["largest-contentful-paint"]["numericValue"])
    row["tbt_ms"] = round(audits["total-blocking-time"]["numericValue"])
    row["failing"] = sorted(a["id"] for a in audits.values()
                            if a.get("score") == 0 and a.get("scoreDisplayMode") == "binary")
    return row


def table(rows: list[dict[str, Any]]) -> str:
    lines = ["| page | path | performance | accessibility | best practices | SEO | CLS | LCP | TBT |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r['page']} | `{r['path']}` | {r['performance']} | {r['accessibility']} | "
                     f"{r['best-practices']} | {r['seo']} | {r['cls']:.3f} | {r['lcp_ms'] / 1000:.1f} s | "
                     f"{r['tbt_ms']} ms |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build this repository)")
    parser.add_argument("--lighthouse", type=Path, default=audit.LIGHTHOUSE)
    args = parser.parse_args()
    if not args.lighthouse.exists():
        print(f"{args.lighthouse} missing: npm ci --prefix scripts/audit", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or audit.build_site(Path(tmp) / "site")
        rows = []
        with audit.serve_folder(site) as base:
            for kind, path in audit.page_types(site).items():
                row = {"page": kind, "path": "/" + path, **run(args.lighthouse, base + path)}
                print(f"  {kind:<10} perf {row['performance']:>3}  cls {row['cls']:.3f}  "
                      f"failing {row['failing']}", file=sys.stderr)
                rows.append(row)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
