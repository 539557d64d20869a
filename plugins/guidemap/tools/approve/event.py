"""The issue an ``issues`` event is about, read from the event file GitHub writes
(``GITHUB_EVENT_PATH``): a stranger's text, so only its shape is trusted here."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_EVENT_BYTES = 4_000_000  # an issue body is at most 65,536 characters; the payload is larger


class EventError(Exception):
    """The event file cannot be used (missing, not JSON, not an issue): a fault of the workflow,
    not of the contributor, so the job fails instead of answering on the issue."""


@dataclass(frozen=True)
class IssueEvent:
    number: int
    title: str
    body: str
    labels: tuple[str, ...]


def _text(value: Any, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise EventError(f"the event's {name} is not text")
    return value


def parse_event(payload: Any) -> IssueEvent:
    """The issue of an ``issues`` event payload (already decoded from JSON)."""
    issue = payload.get("issue") if isinstance(payload, dict) else None
    if not isinstance(issue, dict):
        raise EventError("the event is not about an issue")
    number = issue.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise EventError("the event's issue has no number")
    if issue.get("pull_request") is not None:
        raise EventError("the event is about a pull request, not an issue")
    raw_labels = issue.get("labels") or []
    if not isinstance(raw_labels, list):
        raise EventError("the event's labels are not a list")
    labels = tuple(_text(label.get("name"), "label") for label in raw_labels if isinstance(label, dict))
    return IssueEvent(number, _text(issue.get("title"), "title"), _text(issue.get("body"), "body"), labels)


def read_event(path: Path) -> IssueEvent:
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_EVENT_BYTES + 1)
    except OSError as exc:
        raise EventError(f"cannot read the event file: {exc}") from exc
    if len(raw) > MAX_EVENT_BYTES:
        raise EventError(f"the event file is larger than {MAX_EVENT_BYTES} bytes")
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise EventError(f"the event file is not JSON: {exc}") from exc
    return parse_event(payload)
