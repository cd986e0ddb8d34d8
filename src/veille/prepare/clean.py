"""The clean stage: the article body out of its boilerplate, metadata out of its header and credits.

Needs ``Document.text`` as ingest leaves it (NFC, ``\\n`` line ends). Replaces ``text`` by the body
that every later offset indexes into, and fills ``title``, ``published``, ``source`` and ``authors``
where the container (JSON fields, HTML meta tags) left them empty.

What counts as boilerplate, the date headers, bylines, outlet credits, reporting verbs and French
month names are data: ``data/boilerplate.json``, compiled once by :func:`load_rules`
(``boilerplate.py``); the head, lead and credits are read by ``metadata.py``. The body is
otherwise kept verbatim: lines lose their trailing spaces, runs of blank lines become one.
"""

import hashlib
import re

from .boilerplate import Rules, comparable, load_rules, parse_date
from .metadata import (
    Found, deictic_published, fallback_title, read_credits, read_head, read_lead, recipient_outlet)
from ..model import Document

__all__ = ["clean", "fingerprint", "load_rules", "parse_date"]


# ---------------------------------------------------------------- the stage

def clean(doc: Document) -> Document:
    """Replace ``doc.text`` by the article body and fill the metadata its boilerplate carried.

    1. drop boilerplate lines, and the comment area or related-articles block closing the text;
    2. read the head: date header, title (kept), section label (kept), repeated title and byline
       (dropped), then the outlet dateline opening the body; a date line or byline standing alone
       among the first paragraphs (after a subtitle or a lead) is dropped too;
    3. read the credits closing the text (dropped): outlet, newsroom, ``Source :``, names alone;
    4. failing any other source, the outlet named as the recipient of a source's words, and the
       publication date that a date told from the day of writing gives (``hier jeudi 12 mars
       2020``, ``ce lundi 31 janvier 2022``: kept);
    5. write the body back and fill the metadata fields that are still empty; a document without
       a title takes its first line, or its outlet and date.
    """
    rules = load_rules()
    found = Found()
    lines = _drop_boilerplate(_lines(doc.text), rules, found)               # 1
    lines = read_head(lines, rules, found, doc.title)                      # 2
    lines = read_lead(lines, rules, found)
    lines = read_credits(lines, rules, found)                              # 3
    if not (doc.source or found.source):                                    # 4
        found.source = recipient_outlet("\n".join(lines), rules)
    if not (doc.published or found.publication()):
        found.published = deictic_published("\n".join(lines), rules)
    doc.text = _paragraphs(lines)                                           # 5
    _fill(doc, found)
    doc.title = doc.title or fallback_title(doc, rules)
    return doc


def fingerprint(text: str) -> str:
    """Return a sha256 hex digest of ``text`` that ignores case, spacing and apostrophe variants.

    Two copies of one article, spaced or cased differently, get the same fingerprint; used to
    skip an article given twice.
    """
    return hashlib.sha256(comparable(text).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- boilerplate lines

def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def _drop_boilerplate(lines: list[str], rules: Rules, found: Found) -> list[str]:
    """The lines without boilerplate, up to the comment area or related-articles block. A
    copyright line of the footer (after the last line kept: ``© 2024 Le Courrier du Maghreb.
    Tous droits réservés``) names the outlet; one inside the text credits a photo, and is only
    dropped."""
    kept: list[str] = []
    has_body = False
    footer = None
    for line in lines:
        stripped = line.strip()
        if has_body and rules.end_marker.fullmatch(stripped):
            break
        if len(stripped) <= rules.drop_line_max and rules.drop_line.fullmatch(stripped):
            footer = rules.copyright.fullmatch(stripped) or footer
            continue
        kept.append(line)
        if stripped:
            has_body, footer = True, None
    if footer and has_body:
        found.offer(source=footer["outlet"].rstrip("."))
    return kept


# ---------------------------------------------------------------- writing back

def _paragraphs(lines: list[str]) -> str:
    """Join lines, one blank line between paragraphs, no surrounding whitespace."""
    text = "\n".join(lines)
    return re.sub(r"\n(?:[ \t]*\n)+", "\n\n", text).strip()


def _fill(doc: Document, found: Found) -> None:
    doc.title = doc.title or found.title
    doc.published = doc.published or found.publication()
    doc.source = doc.source or found.source
    doc.authors = doc.authors or found.authors
