"""The faster paths of the worker's files give the bytes the general tools give: an edition's
message (``.eml``) against the ``email`` package's generator."""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidemap.outputs.editions import mail
from guidemap.outputs.editions.select import Edition, period_of
from guidemap.outputs.feeds.writer import day_start
from guidemap.outputs.site.types import SiteInfo

# Text with what changes a message: line ends of every kind, Thai, long lines, a header-breaking
# character in the site's name.
TEXT = st.one_of(st.text(), st.text(alphabet="ab กข้ำ\r\n\x0b\x85\u2028é=?_\t"))
NAMES = st.one_of(st.text(max_size=120), st.text(alphabet="ab กข้ำ =?_:;\"()<>,", max_size=200))


def _reference(edition: Edition, site: SiteInfo, text: str, html: str) -> bytes:
    """The message as the ``email`` package makes it."""
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["Subject"] = f"{edition.title} · {site.name}"
    msg["Date"] = email.utils.format_datetime(day_start(edition.period.issued))
    msg["X-Unsent"] = "1"
    msg.set_content(text, cte="base64")
    msg.add_alternative(html, subtype="html", cte="base64")
    msg.set_boundary(f"guidemap-edition-{edition.period.key}")
    return msg.as_bytes()


@settings(max_examples=300)
@given(st.integers(1, 100_000), st.dates(dt.date(1900, 1, 1), dt.date(2400, 12, 1)),
       st.sampled_from([1, 2, 3, 6, 12]), NAMES, TEXT, TEXT)
def test_the_message_is_the_email_packages(number: int, day: dt.date, months: int, name: str,
                                           text: str, html: str) -> None:
    edition = Edition(number, period_of(day, months), (), (), (), (), (), ())
    site = SiteInfo(name=name, url="https://example.org/", repo_url=None)
    try:
        expected = _reference(edition, site, text, html)
    except (ValueError, UnicodeEncodeError) as refused:  # a line break in a header, a lone surrogate
        with pytest.raises(type(refused)):
            mail.message(edition, site, text, html)
        return
    assert mail.message(edition, site, text, html) == expected
