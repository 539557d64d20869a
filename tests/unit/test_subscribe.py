"""The newsletter's channels in guidemap.yml (newsletter: line:, email_signup:), checked like the
network's other channels; the subscribe page's LINE and e-mail rows only when configured; the
site's policy lets the form post to that one origin; the Google Calendar link."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import unquote

from conftest import make_repo, org_yaml
from guidemap.contract.load.repository import load_repository
from guidemap.outputs.html import csp
from guidemap.outputs.pages.subscribe import add_friend_url
from guidemap.outputs.site import urls

SIGNUP = "https://buttondown.com/api/emails/embed-subscribe/southvol"


def _load(tmp_path: Path, network_file: str):  # type: ignore[no-untyped-def]
    make_repo(tmp_path, {"a": org_yaml("a")})
    (tmp_path / "guidemap.yml").write_text(network_file, encoding="utf-8")
    return load_repository(tmp_path)


def test_the_newsletter_channels_are_read_and_normalized(tmp_path: Path) -> None:
    result = _load(tmp_path, f'newsletter:\n  line: "@southvol"\n  email_signup: {SIGNUP}\n')
    assert not result.problems, result.problems.report()
    assert result.network.newsletter_line == "https://line.me/R/ti/p/@southvol"
    assert result.network.email_signup == SIGNUP


def test_bad_newsletter_channels_are_errors_naming_file_line_and_field(tmp_path: Path) -> None:
    result = _load(tmp_path, "name: {th: เครือข่าย, en: Network}\nnewsletter:\n"
                             '  line: "javascript:alert(1)"\n  email_signup: http://example.org/join\n'
                             "  emial: x\n")
    found = {(p.line, p.field) for p in result.problems.items}
    assert {(3, "newsletter.line"), (4, "newsletter.email_signup"), (5, "newsletter.emial")} <= found
    assert result.network.newsletter_line is None and result.network.email_signup is None
    report = result.problems.report()
    assert "guidemap.yml:4" in report and "https://" in report  # http is refused: an address travels


def test_a_network_without_newsletter_channels_has_none(tmp_path: Path) -> None:
    result = _load(tmp_path, "name: {th: เครือข่าย, en: Network}\n")
    assert not result.problems
    assert result.network.newsletter_line is None and result.network.email_signup is None


def test_the_add_friend_link_percent_encodes_the_official_account() -> None:
    assert add_friend_url("https://line.me/R/ti/p/@southvol") == "https://line.me/R/ti/p/%40southvol"
    assert add_friend_url("https://lin.ee/AbCdEf") == "https://lin.ee/AbCdEf"  # a short link as given


def test_form_action_allows_the_signup_origin_alone() -> None:
    assert "form-action 'self';" in csp.policy([]) + ";"
    with_form = csp.policy([], form_origins=[csp.origin(SIGNUP)])
    assert "form-action 'self' https://buttondown.com" in with_form
    assert "embed-subscribe" not in with_form  # an origin, not a path


def test_google_calendar_adds_the_webcal_address() -> None:
    link = urls.google_calendar("https://example.org/guide/", "calendars/network.ics")
    assert link is not None and link.startswith("https://calendar.google.com/calendar/r?cid=")
    assert unquote(link.split("cid=", 1)[1]) == "webcal://example.org/guide/calendars/network.ics"
    assert urls.google_calendar(None, "calendars/network.ics") is None


def test_feed_pages_are_apart_from_the_feed_files() -> None:
    assert urls.feed_page(urls.FEED_RSS) == "follow/newsletter/"
    assert urls.feed_page("feeds/focus/peace.xml") == "follow/focus/peace/"
    assert urls.feed_page(urls.alert_feed("province", "yala")) == "follow/alerts/province/yala/"
    assert urls.feed_page("feeds/orgs/a.xml") == "orgs/a/#follow"  # a group's own page
    assert not any(urls.feed_page(p).endswith((".xml", ".atom"))
                   for p in (urls.FEED_RSS, urls.CALLS_RSS, "feeds/orgs/a.xml"))


def test_the_network_dataclass_keeps_the_defaults_of_an_older_site() -> None:
    from guidemap.contract import network

    assert dataclasses.replace(network.DEFAULT).email_signup is None


def test_the_channels_sit_beside_the_editions_period(tmp_path: Path) -> None:
    result = _load(tmp_path, "newsletter:\n  period: quarterly\n"
                             f'  line: "@southvol"\n  email_signup: {SIGNUP}\n')
    assert not result.problems, result.problems.report()
    assert result.network.edition_months == 3 and result.network.email_signup == SIGNUP


def test_many_groups_are_followed_from_their_own_pages_not_a_row_each() -> None:
    from guidemap.outputs.pages.feed_links import Feed
    from guidemap.outputs.pages.subscribe import MAX_GROUP_ROWS, _narrow_feeds

    def feeds(n: int) -> tuple[Feed, ...]:
        return tuple(Feed(f"feeds/orgs/g{i}.xml", f"จดหมายข่าว: กลุ่ม {i}", "", f"orgs/g{i}/", (), "org")
                     for i in range(n))

    few = _narrow_feeds("subscribe/", feeds(MAX_GROUP_ROWS))
    assert few.count('class="gm-row"') == MAX_GROUP_ROWS
    many = _narrow_feeds("subscribe/", feeds(2000))
    assert 'class="gm-row"' not in many and 'href="../orgs/"' in many and "2,000" in many
    assert len(many) < 1000
