"""The site's own small pieces of markup, shared by every output (pages, the guide map, the
feeds' links): English beside Thai, and links.

They sit below the page families and the map so that each imports them without importing the
others. Contributed text still goes through :func:`~guidemap.outputs.html.htmlkit.h` first: these
take HTML, never raw text.
"""

from __future__ import annotations

from functools import lru_cache

from guidemap.contract.vocab import Label
from guidemap.outputs.html.htmlkit import h, href
from guidemap.outputs.site import urls


def en(html: str, tag: str = "span", *, lang_first: bool = False) -> str:
    """English beside the Thai: ``lang`` for screen readers, ``gm-en`` for the stylesheet.

    ``lang_first`` writes the two attributes the other way round, as the group pages' own
    texts and edit links always have (kept so the published pages do not change)."""
    attrs = 'lang="en" class="gm-en"' if lang_first else 'class="gm-en" lang="en"'
    return f"<{tag} {attrs}>{html}</{tag}>"


# Labels are the code's and the network's (a pure function of the label: a changed label is
# another key), used on every group page; bounded, as `mkdocs serve` builds again and again.
@lru_cache(maxsize=4096)
def bi(label: Label) -> str:
    """A Thai label with its English beside it."""
    return f"{h(label.th)} {en(h(label.en))}"


def link(frm: str, to: str, text_html: str, cls: str = "") -> str:
    """A link from the page at ``frm`` to the site's own page ``to`` (relative, as generated
    HTML is not passed through the site builder's link rewriting)."""
    c = f' class="{cls}"' if cls else ""
    return f'<a href="{h(urls.rel(frm, to))}"{c}>{text_html}</a>'


def external(address: str, text_html: str) -> str:
    """A link away from the site, to an address a contributor gave."""
    return f'<a href="{href(address)}" rel="noopener noreferrer nofollow ugc">{text_html}</a>'


def copy_field(address: str, label_html: str) -> str:
    """An address to paste into an app: a read-only field anyone can select, and a copy button
    the site's script shows where the browser can copy (it does nothing until tapped)."""
    return (f'<div class="gm-copy"><label class="gm-copy__label">{label_html}'
            f'<input class="gm-copy__field" type="text" readonly value="{h(address)}" dir="ltr" '
            'spellcheck="false"></label>'
            '<button type="button" class="md-button gm-copy__button" hidden>คัดลอก '
            f'{en("Copy")}</button><span class="gm-copy__status" role="status"></span></div>')
