"""The daily loop: the real ``mkdocs serve`` rebuilds when a call, an event, the network file
(``guidemap.yml``) or a contributed picture changes, not only a profile or a story, and the
served pages show the edit."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import BIN, REPO
from dated_fixture import CALLS, EPOCH, EVENTS, dated_repo

DEADLINE = 120.0  # seconds for the first build, and again for each rebuild (a shared 2-core machine)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    def __init__(self, repo: Path, base: str, proc: subprocess.Popen[bytes], log: Path) -> None:
        self.repo, self.base, self.proc, self.log = repo, base, proc, log

    def get(self, path: str) -> str | None:
        found = self.get_bytes(path)
        return None if found is None else found.decode("utf-8")

    def get_bytes(self, path: str) -> bytes | None:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return bytes(response.read())
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None  # not served yet, or being rebuilt

    def wait_changed(self, path: str, before: bytes) -> bytes:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            assert self.proc.poll() is None, f"mkdocs serve stopped:\n{self.stop()}"
            now = self.get_bytes(path)
            if now is not None and now != before:
                return now
            time.sleep(0.5)
        pytest.fail(f"{path} never changed within {DEADLINE:.0f} s:\n{self.stop()[-6000:]}")

    def wait_for(self, path: str, text: str) -> str:
        """The page once it holds ``text``; fails after DEADLINE seconds or if serve stopped."""
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            assert self.proc.poll() is None, f"mkdocs serve stopped:\n{self.stop()}"
            page = self.get(path)
            if page is not None and text in page:
                return page
            time.sleep(0.5)
        pytest.fail(f"{path} never showed {text!r} within {DEADLINE:.0f} s:\n{self.stop()[-6000:]}")

    def wait_built(self, builds: int) -> None:
        """Until the server has finished ``builds`` builds (pages are rewritten one by one)."""
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            assert self.proc.poll() is None, f"mkdocs serve stopped:\n{self.stop()}"
            if self.log.read_text(encoding="utf-8", errors="replace").count("Documentation built") >= builds:
                return
            time.sleep(0.5)
        pytest.fail(f"no build {builds} within {DEADLINE:.0f} s:\n{self.stop()[-6000:]}")

    def stop(self) -> str:
        """Stops the server (Ctrl-C, then a kill) and its helper process; returns its log."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=30)
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    repo = dated_repo(tmp_path / "repo", calls={"beach-clean": CALLS["beach-clean"]},
                      events={"meeting-2569": EVENTS["meeting-2569"]})
    (repo / "guidemap.yml").write_bytes((REPO / "guidemap.yml").read_bytes())
    (repo / "orgs" / "logos").mkdir()
    picture(repo / "orgs" / "logos" / "beach.png", "red")
    with (repo / "orgs" / "beach.yml").open("a", encoding="utf-8") as profile:
        profile.write("logo: logos/beach.png\nlogo_alt: โลโก้กลุ่มชายหาด\n")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(EPOCH)}
    env.pop("SITE_URL", None)
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        # Loopback only; its own process group, so that the helper process is stopped with it.
        proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
                                cwd=repo, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    served = Served(repo, f"http://127.0.0.1:{port}/guide/", proc, log)
    try:
        yield served
    finally:
        served.stop()


def picture(path: Path, colour: str) -> None:
    from PIL import Image

    Image.new("RGB", (48, 48), colour).save(path, "PNG")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(1.1)  # a new modification time even on a file system with one-second times
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serve_rebuilds_on_a_call_an_event_the_network_file_and_a_picture(served: Served) -> None:
    served.wait_for("volunteer/", "อาสาเก็บขยะชายหาด")
    served.wait_for("events/meeting-2569/", "ประชุมเครือข่ายครั้งที่สอง")
    served.wait_for("orgs/beach/", "ทะเลและชายหาด")

    edit(served.repo / "calls" / "beach-clean.yml", "th: อาสาเก็บขยะชายหาด", "th: อาสาเก็บขยะชายหาดรอบสอง")
    served.wait_for("volunteer/", "อาสาเก็บขยะชายหาดรอบสอง")

    edit(served.repo / "events" / "meeting-2569.yml", "ประชุมเครือข่ายครั้งที่สอง", "ประชุมเครือข่ายครั้งที่สาม")
    served.wait_for("events/meeting-2569/", "ประชุมเครือข่ายครั้งที่สาม")

    # A focus label is the network's: the group's page and the focus area's page name it anew.
    edit(served.repo / "guidemap.yml", "th: ทะเลและชายหาด", "th: ทะเล ชายหาด และป่าชายเลน")
    served.wait_for("orgs/beach/", "ทะเล ชายหาด และป่าชายเลน")
    served.wait_for("focus/marine/", "ทะเล ชายหาด และป่าชายเลน")

    # A contributed picture (a group's logo) is published again, re-encoded, from the new file.
    logo = served.get_bytes("orgs/beach/logo.png")
    assert logo
    time.sleep(1.1)
    picture(served.repo / "orgs" / "logos" / "beach.png", "blue")
    served.wait_changed("orgs/beach/logo.png", logo)

    log = served.stop()
    assert "guidemap: guidemap:" not in log
    assert "guidemap: 4 groups" in log  # the plugin's logger names it once


def card(page: str, org_id: str) -> str:
    start = page.index(f'<li class="gm-card" id="org-{org_id}">')
    return page[start:page.index("</li>", start)]


def test_serve_rebuild_shows_a_new_focus_label_on_listing_cards(served: Served) -> None:
    assert "ทะเลและชายหาด" in card(served.wait_for("provinces/songkhla/", 'id="org-beach"'), "beach")
    edit(served.repo / "guidemap.yml", "th: ทะเลและชายหาด", "th: ทะเล ชายหาด และป่าชายเลน")
    served.wait_built(2)
    assert "ทะเล ชายหาด และป่าชายเลน" in card(served.get("provinces/songkhla/") or "", "beach")
