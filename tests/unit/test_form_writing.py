"""What the three issue-form commands share when they write (``from-issue``, ``story-from-issue``,
``dated-from-issue``): never through a symbolic link or outside the folder, nothing from an issue
able to drive the maintainer's terminal, and one deadline for the whole picture download (a local
server that trickles bytes here, never the network)."""

from __future__ import annotations

import datetime as dt
import functools
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_dated_form import CALL, body
from test_issueform import GOOD as PROFILE_BODY
from test_storyform import GOOD as STORY_BODY
from test_storyform import PICTURE_URL, answer

from conftest import make_repo, org_yaml
from dated_fixture import ORGS
from guidemap.tools.cli import main
from guidemap.tools.forms import dated_form, storyform
from guidemap.tools.forms.issueform import IssueFormError
from guidemap.tools.forms.writing import for_terminal

STORY_ORGS = ("beach-for-life", "klum-amin")
ESCAPES = {
    "terminal title (OSC 0)": "\x1b]0;pwned\x07",
    "erase the screen (CSI)": "\x1b[2J",
    "write the clipboard (OSC 52)": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "single-byte CSI (C1)": "\x9b2K",
}


def run(repo: Path, *args: str, text: str) -> int:
    path = repo / "issue.md"
    path.write_text(text, encoding="utf-8")
    return main(["--root", str(repo), *args, str(path)])


# --- control characters and the terminal -------------------------------------------------------


@pytest.mark.parametrize("escape", ESCAPES.values(), ids=list(ESCAPES))
@pytest.mark.parametrize("question", ["title", "story", "picture"])
def test_story_answers_with_terminal_escapes_are_refused(tmp_path: Path, question: str, escape: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path, {o: org_yaml(o) for o in STORY_ORGS})
    value = (f"![รูป]({PICTURE_URL}{escape})" if question == "picture" else f"ค่ายเยาวชน{escape}")
    text = answer(STORY_BODY, question, value)
    with pytest.raises(IssueFormError) as err:
        storyform.story_from_issue(text, repo, dt.date(2026, 2, 3))
    assert any("control character" in p for p in err.value.problems), err.value.problems
    assert run(repo, "story-from-issue", text=text) == 1
    out = capsys.readouterr()
    assert "\x1b" not in out.err + out.out and "\x9b" not in out.err + out.out
    assert not list((repo / "content" / "stories").iterdir())


def test_the_picture_address_is_printed_quoted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path, {o: org_yaml(o) for o in STORY_ORGS})
    assert run(repo, "story-from-issue", text=STORY_BODY) == 0
    assert f"not fetched: {PICTURE_URL!r}" in capsys.readouterr().err


def test_problems_are_printed_with_control_characters_escaped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path, {o: org_yaml(o) for o in STORY_ORGS})

    def refuse(url: str) -> tuple[str, bytes]:  # e.g. a server's status line, quoted in a message
        raise IssueFormError(["cannot download the picture: HTTP Error 404: \x1b]0;pwned\x07"])

    monkeypatch.setattr(storyform, "fetch_picture", refuse)
    assert run(repo, "story-from-issue", "--fetch-image", text=STORY_BODY) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b]0;pwned\\x07" in err


def test_for_terminal_keeps_text_and_line_breaks() -> None:
    assert for_terminal("ค่าย\tเยาวชน\nline") == "ค่าย\tเยาวชน\nline"
    assert for_terminal("a\x1b[2Jb\x9bc\x00") == "a\\x1b[2Jb\\x9bc\\x00"


# --- one deadline for the whole download -------------------------------------------------------


def _trickler(headers_too: bool, stop: threading.Event) -> Iterator[str]:
    """A loopback server sending one byte every 50 ms for 4 s: no single read ever waits long."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.recv(65536)
            head = b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 100000\r\n"
            if headers_too:  # the headers themselves come a byte at a time
                stream = head + b"X-Slow: " + b"a" * 1000
            else:
                conn.sendall(head + b"\r\n")
                stream = b"\xff" * 1000
            for i in range(80):
                if stop.is_set():
                    break
                try:
                    conn.sendall(stream[i:i + 1])
                except OSError:
                    break
                time.sleep(0.05)

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/assets/slow"
    stop.set()
    server.close()


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_a_trickling_download_stops_at_one_deadline(headers_too: bool) -> None:
    stop = threading.Event()
    served = _trickler(headers_too, stop)
    url = next(served)
    allowed = functools.partial(lambda base, u: u.startswith(base), url)
    began = time.monotonic()
    try:
        with pytest.raises(IssueFormError, match="did not download within 1 s"):
            storyform.fetch_picture(url, allowed, timeout=1.0)
        assert time.monotonic() - began < 2.5
    finally:
        next(served, None)


# --- never through a symbolic link, never outside the folder -----------------------------------


@pytest.fixture()
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text("keep me\n", encoding="utf-8")
    return folder


def _dated_repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", ORGS)


@pytest.mark.parametrize("update", [False, True], ids=["new", "update"])
def test_dated_writer_refuses_a_linked_file(tmp_path: Path, outside: Path, update: bool,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    repo = _dated_repo(tmp_path)
    (repo / "calls").mkdir()
    link = repo / "calls" / f"{CALL['id']}.yml"
    # A link to an existing file (replaced with --update), or a dangling one (created through it).
    link.symlink_to(outside / ("secret.txt" if update else "made.yml"))
    args = ["dated-from-issue", *(["--update"] if update else []), "call"]
    assert run(repo, *args, text=body(dated_form.CALL_FORM, CALL)) == 1
    assert "symbolic link" in capsys.readouterr().err
    assert sorted(p.name for p in outside.iterdir()) == ["secret.txt"]
    assert (outside / "secret.txt").read_text(encoding="utf-8") == "keep me\n"


def test_dated_writer_refuses_a_linked_folder(tmp_path: Path, outside: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    repo = _dated_repo(tmp_path)
    (repo / "calls").symlink_to(outside, target_is_directory=True)
    assert run(repo, "dated-from-issue", "call", text=body(dated_form.CALL_FORM, CALL)) == 1
    assert "symbolic link" in capsys.readouterr().err
    assert sorted(p.name for p in outside.iterdir()) == ["secret.txt"]


@pytest.mark.parametrize("what", ["file", "folder", "content folder"])
def test_story_writer_refuses_links(tmp_path: Path, outside: Path, what: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "repo", {o: org_yaml(o) for o in STORY_ORGS})
    stories = repo / "content" / "stories"
    if what == "file":
        (stories / "2026-02-03-camp.md").symlink_to(outside / "made.md")
    elif what == "folder":
        stories.rmdir()
        stories.symlink_to(outside, target_is_directory=True)
    else:
        for p in (repo / "content").rglob("*"):
            if p.is_file():
                p.unlink()
        stories.rmdir()
        (repo / "content").rmdir()
        (repo / "content").symlink_to(outside, target_is_directory=True)
    assert run(repo, "story-from-issue", "--today", "2026-02-03", "--slug", "camp", text=STORY_BODY) == 1
    assert "symbolic link" in capsys.readouterr().err
    assert sorted(p.name for p in outside.iterdir()) == ["secret.txt"]


@pytest.mark.parametrize("what", ["file", "folder"])
def test_profile_writer_refuses_links(tmp_path: Path, outside: Path, what: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    if what == "folder":
        (repo / "orgs").symlink_to(outside, target_is_directory=True)
    else:
        (repo / "orgs").mkdir()
        (repo / "orgs" / "ban-rak-thale.yml").symlink_to(outside / "secret.txt")
    assert run(repo, "from-issue", "--update", text=PROFILE_BODY) == 1
    assert "symbolic link" in capsys.readouterr().err
    assert sorted(p.name for p in outside.iterdir()) == ["secret.txt"]
    assert (outside / "secret.txt").read_text(encoding="utf-8") == "keep me\n"
