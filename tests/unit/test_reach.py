""""สนใจช่วย / I want to help", giving and the network's channels (outputs/pages/reach.py),
the footer's date and ``guidemap validate``'s reach report."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import make_repo, org_yaml
from guidemap.contract import channels, network
from guidemap.contract.load.profiles import load_org_file
from guidemap.contract.load.repository import load_repository
from guidemap.contract.model.types import Dataset, Org
from guidemap.contract.problems import Problems
from guidemap.outputs.pages import footer, reach
from guidemap.outputs.pages.group import org_page
from guidemap.outputs.site.types import SiteInfo
from guidemap.tools import reachability

SITE = SiteInfo("แผนที่ทดสอบ", "https://example.org/guide/", "https://github.com/example/guidemap",
                today=dt.date(2026, 11, 18))
HOSTILE = 'ร้าย <script>window.__pwned=1</script> "q" & %41'


def _with(contact: tuple[tuple[str, str], ...] = (), donate: str | None = None) -> SiteInfo:
    """The test site, for a network with its own channels (guidemap.yml contact:/donate:)."""
    return dataclasses.replace(SITE, network=dataclasses.replace(network.DEFAULT, contact=contact,
                                                                 donate=donate))


def _org(tmp_path: Path, org_id: str, extra: str = "", **kw: str) -> Org:
    path = tmp_path / "orgs" / f"{org_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(org_yaml(org_id, **kw) + extra, encoding="utf-8")
    problems = Problems()
    org = load_org_file(path, tmp_path, problems)
    assert org is not None, problems.report()
    return org


def _href(block: str) -> str | None:
    found = re.search(r'class="md-button md-button--primary gm-help__button" href="([^"]*)"', block)
    return html.unescape(found[1]) if found else None


@pytest.mark.parametrize(("url", "account"), [
    ("https://line.me/R/ti/p/@banrakthale", "@banrakthale"),
    ("https://line.me/R/ti/p/%40banrakthale", "@banrakthale"),
    ("https://line.me/ti/p/@ban.rak_thale", "@ban.rak_thale"),
    ("https://page.line.me/banrakthale", "@banrakthale"),
    ("https://line.me/R/ti/p/~someone", None),  # a person's id, not an official account
    ("https://lin.ee/abc123", None),
    ("https://evil.example/R/ti/p/@x", None),
])
def test_line_official_accounts_are_read_from_the_stored_link(url: str, account: str | None) -> None:
    assert reach.line_account(url) == account


def test_a_group_with_its_own_line_gets_a_filled_in_message_naming_it_and_its_page(tmp_path: Path) -> None:
    org = _org(tmp_path, "beach", '\ncontact:\n  line: "@banrakthale"\n  email: a@example.org\n')
    block = reach.help_button(reach.Ask(org, "orgs/beach/"), SITE, "orgs/beach/")
    href = _href(block)
    assert href is not None and href.startswith("https://line.me/R/oaMessage/%40banrakthale/?")
    text = unquote(urlsplit(href).query)
    assert text.startswith("สวัสดี")  # Thai first
    assert "กลุ่ม beach" in text and "https://example.org/guide/orgs/beach/" in text
    assert "Group beach" in text.split("\n\n", 1)[1]
    assert "สนใจช่วย" in block and "I want to help" in block


def test_email_then_phone_when_no_line_account(tmp_path: Path) -> None:
    org = _org(tmp_path, "mail", "\ncontact:\n  email: hello@example.org\n  phone: 073-312-222\n")
    href = _href(reach.help_button(reach.Ask(org, "orgs/mail/"), SITE, "orgs/mail/"))
    assert href is not None and href.startswith("mailto:hello@example.org?subject=")
    parts = dict(p.split("=", 1) for p in urlsplit(href).query.split("&"))
    assert "กลุ่ม mail" in unquote(parts["subject"]) and "orgs/mail/" in unquote(parts["body"])
    phone = _org(tmp_path, "phone", "\ncontact:\n  phone: 073-312-222\n")
    assert _href(reach.help_button(reach.Ask(phone, "orgs/phone/"), SITE, "")) == "tel:+6673312222"


def test_a_group_without_a_channel_is_reached_through_the_network(tmp_path: Path) -> None:
    org = _org(tmp_path, "quiet")
    site = _with(contact=(("email", "net@example.org"),))
    block = reach.help_button(reach.Ask(org, "orgs/quiet/"), site, "orgs/quiet/")
    href = _href(block)
    assert href is not None and href.startswith("mailto:net@example.org?")
    assert "ถึงเครือข่าย" in unquote(href) and "กลุ่ม quiet" in unquote(href)
    assert "ประสานกับกลุ่มให้" in block
    page = org_page(org, site, [], {org.id: org}).html
    assert "ติดต่อผ่านเครือข่าย" in page and "mailto:net@example.org" in page


def test_no_channel_anywhere_shows_no_button_but_what_to_do(tmp_path: Path) -> None:
    org = _org(tmp_path, "quiet")
    block = reach.help_button(reach.Ask(org, "orgs/quiet/"), SITE, "orgs/quiet/")
    assert _href(block) is None and "<a class=\"md-button" not in block
    assert "ยังไม่มีช่องทางติดต่อ" in block
    assert "issues/new?template=add-organization.yml" in block  # how a group adds its channel
    assert "template=report-listing.yml" in block  # who can help


def test_hostile_names_are_escaped_in_html_and_encoded_in_the_link(tmp_path: Path) -> None:
    org = _org(tmp_path, "bad", '\ncontact:\n  line: "@bad"\n', name_th=f"'{HOSTILE}'")
    block = reach.help_button(reach.Ask(org, "orgs/bad/", call_title=HOSTILE), SITE, "orgs/bad/")
    assert "<script>" not in block
    href = _href(block)
    assert href is not None and re.fullmatch(r"https://line\.me/R/oaMessage/%40bad/\?[A-Za-z0-9%._~-]*", href)
    assert HOSTILE in unquote(href)  # the text itself is kept, only encoded


def test_giving_order_donate_then_network_fund_then_a_message(tmp_path: Path) -> None:
    gives = _org(tmp_path, "gives", "\ndonate: https://example.org/give\n", needs="funding")
    page = org_page(gives, SITE, [], {}).html
    assert 'href="https://example.org/give"' in page.split('class="gm-section gm-needs"')[1]
    quiet = _org(tmp_path, "quiet", needs="funding")
    site = _with(donate="https://example.org/fund", contact=(("line", "https://line.me/R/ti/p/@net"),))
    needs = org_page(quiet, site, [], {}).html.split('class="gm-section gm-needs"')[1]
    assert "https://example.org/fund" in needs.split("</section>")[0]
    site = _with(contact=(("line", "https://line.me/R/ti/p/@net"),))
    needs = org_page(quiet, site, [], {}).html.split('class="gm-section gm-needs"')[1].split("</section>")[0]
    assert "gm-help--give" in needs and "oaMessage/%40net/" in needs
    assert "%E0%B8%97%E0%B8%B8%E0%B8%99" in needs  # "ทุน": the message is about giving


def test_the_footer_date_is_the_contents_not_the_clock(tmp_path: Path) -> None:
    a = _org(tmp_path, "a", updated="2020-01-01")
    b = _org(tmp_path, "b", updated="2021-06-30")
    data = Dataset([a, b], [], [], [])
    assert footer.data_changed(data, SITE) == dt.date(2021, 6, 30)
    html_text = footer.footer_html(data, SITE)
    assert 'datetime="2021-06-30"' in html_text and footer.footer_html(data, SITE) == html_text


def test_network_channels_are_checked_with_the_profile_rules(tmp_path: Path) -> None:
    make_repo(tmp_path, {"a": org_yaml("a")})
    (tmp_path / "guidemap.yml").write_text('contact:\n  line: "@south"\n  email: mailto:hi@example.org\n'
                                           "donate: https://example.org/fund\n", encoding="utf-8")
    result = load_repository(tmp_path)
    assert not result.problems
    net = result.network
    assert net.contact == (("line", "https://line.me/R/ti/p/@south"), ("email", "hi@example.org"))
    assert net.donate == "https://example.org/fund"


def test_validate_reports_reach_and_warns_without_failing(tmp_path: Path) -> None:
    a = _org(tmp_path, "a", "\ncontact:\n  email: a@example.org\n")
    b = _org(tmp_path, "b", needs="funding")
    lines = reachability.report([a, b], network.DEFAULT)
    assert lines[0].startswith("reach: 1 group(s) directly, 0 only through")
    assert any("orgs/b.yml" in line and line.startswith("warning:") for line in lines)
    with_net = dataclasses.replace(network.DEFAULT, contact=(("phone", "+6673312222"),))
    lines = reachability.report([a, b], with_net)
    assert lines == ["reach: 1 group(s) directly, 1 only through the network's channels / "
                     "ติดต่อกลุ่มได้โดยตรง 1 กลุ่ม ผ่านเครือข่ายเท่านั้น 1 กลุ่ม"]


def test_init_asks_for_the_networks_channels_and_writes_them(tmp_path: Path) -> None:
    from guidemap.tools import init

    bad = init.Answers(init.Label("เครือข่าย", "Network"), ("50",), "https://example.org/",
                       contact=(("line", "@bad id"), ("email", "nope")), donate="http://example.org/fund")
    problems = init.check(bad)
    assert [p.split(":")[0] for p in problems] == ["--line", "--email", "--donate"]
    good = dataclasses.replace(bad, contact=(("line", "@north"), ("email", "hi@example.org")),
                               donate="https://example.org/fund")
    assert init.check(good) == []
    (tmp_path / "guidemap.yml").write_text(init.network_yaml(init.network_of(good)), encoding="utf-8")
    problems_read = Problems()
    read = channels.complete(network.load(tmp_path, None, problems_read), tmp_path, None, problems_read)
    assert not problems_read
    assert read.contact == (("line", "https://line.me/R/ti/p/@north"), ("email", "hi@example.org"))
    assert read.donate == "https://example.org/fund"
    none = init.network_yaml(init.network_of(dataclasses.replace(good, contact=(), donate="")))
    assert "# contact:" in none and "\ncontact:" not in none


def test_empty_states_lead_somewhere(tmp_path: Path) -> None:
    from guidemap.outputs.pages.calls import volunteer_page
    from guidemap.outputs.pages.events import events_page

    org = _org(tmp_path, "welcoming")
    data = Dataset([org], [], [], [])
    site = _with(contact=(("email", "net@example.org"),))
    for page in (volunteer_page(data, site), events_page(data, site)):
        empty = page.html.split('class="gm-empty"', 1)[1]
        assert 'href="mailto:net@example.org"' in empty  # whom to ask
        assert "subscribe/" in empty  # how to hear of the next one
    assert 'href="../orgs/welcoming/"' in volunteer_page(data, SITE).html  # who welcomes volunteers


def test_no_open_call_lets_a_visitor_choose_a_province(tmp_path: Path) -> None:
    from guidemap.outputs.pages.calls import volunteer_page

    a = _org(tmp_path, "a")
    b = _org(tmp_path, "b", province="Yala", lat="6.54", lon="101.28")
    c = _org(tmp_path, "c", province="Yala", lat="6.54", lon="101.28")
    html_text = volunteer_page(Dataset([a, b, c], [], [], []), SITE).html
    choose = html_text.split('class="gm-welcoming-provinces"', 1)[1].split("</p>", 1)[0]
    assert 'href="../provinces/pattani/">ปัตตานี</a> (1)' in choose
    assert 'href="../provinces/yala/">ยะลา</a> (2)' in choose
