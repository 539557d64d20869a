"""An approved issue, start to end: read the event, convert the issue with its form's converter,
and write what the workflow's git and gh steps use, each in its own file of ``out``:

- ``outcome``: ``pull-request`` or ``refused`` (also ``outcome=...`` in ``$GITHUB_OUTPUT``);
- for a pull request: ``branch``, ``title``, ``body.md``, ``commit.txt``, ``files`` (the paths
  written, NUL-separated, for ``git add``) and ``comment.md`` (the answer on the issue, the pull
  request's address added by the workflow);
- for a refusal: ``comment.md``, the problems and what to change.

A refusal is an answer, not a failure (exit 0); an unusable event file is the workflow's fault
(:class:`~guidemap.tools.approve.event.EventError`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from guidemap.contract.network import Network
from guidemap.tools.approve import message
from guidemap.tools.approve.convert import Fetch, Written, convert
from guidemap.tools.approve.event import read_event
from guidemap.tools.approve.summary import summary_rows
from guidemap.tools.forms.storyform import fetch_picture
from guidemap.tools.forms.writing import FormError

THAI_TIME = dt.timezone(dt.timedelta(hours=7))  # Thailand keeps no summer time


@dataclass(frozen=True)
class Outcome:
    outcome: str  # "pull-request" | "refused"
    written: Written | None
    files: dict[str, str]  # name in ``out`` → its text


def thai_today() -> dt.date:
    """The day in Thailand (a runner's clock is UTC: before 07:00 in Thailand it is yesterday)."""
    return dt.datetime.now(THAI_TIME).date()


def approve_issue(event_path: Path, root: Path, out: Path, site: Network, today: dt.date | None = None,
                  fetch: Fetch = fetch_picture, github_output: Path | None = None) -> Outcome:
    event = read_event(event_path)
    try:
        written = convert(event, root, today or thai_today(), site, fetch)
    except FormError as exc:
        result = Outcome("refused", None, {"comment.md": message.refused_comment(exc.problems)})
    else:
        rows = summary_rows(written, root)
        result = Outcome("pull-request", written, {
            "branch": message.branch(event.number),
            "title": message.pr_title(written, rows, event.number),
            "body.md": message.pr_body(written, rows, event.number),
            "commit.txt": message.commit_message(written, event.number),
            "files": "\0".join(written.paths),
            "comment.md": message.opened_comment(written),
        })
    out.mkdir(parents=True, exist_ok=True)
    for name, text in {"outcome": result.outcome, **result.files}.items():
        (out / name).write_text(text, encoding="utf-8")
    if github_output is not None:  # the one value a workflow condition reads: never the issue's text
        with open(github_output, "a", encoding="utf-8") as f:
            f.write(f"outcome={result.outcome}\n")
    return result
