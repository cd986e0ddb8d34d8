"""Metadata out of the text: the publication date, the outlet, the authors and the title that the
head, the lead and the credits of an article give (``clean.py`` runs these readers).

- :func:`read_head`: date lines (``Publié le 12 mars 2020 à 10h30``), the title, a section label,
  copies of the title, bylines (``Par Karim B. | 14/05/2024``, ``Name, OUTLET, 17 mars 2017``) and
  the outlet dateline opening the body (``ALGER, 12 mars (APS) –``);
- :func:`read_lead`: a date line or a ``Par`` byline standing alone among the first paragraphs;
- :func:`read_credits`: the credits closing the text (``(Le360.ma)``, ``Rédaction d'Algerie360``,
  ``Source : …``, the authors' names);
- :func:`recipient_outlet`, :func:`deictic_published`: failing those, the outlet named as the
  recipient of a source's words, the date told from the day of writing;
- :func:`fallback_title`: the title of a document that gives none.

Authors are person names only: a byline part that reads as an outlet's name is the source. A date
without a year gives no ``published`` (the record has no field for a partial date).
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from .boilerplate import Rules, comparable, is_date, parse_date
from ..model import Document



@dataclass
class Found:
    """Metadata read from the text, before it is written onto the document."""

    title: str | None = None
    published: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    #: the date of an update ('Mis à jour le …'): the publication date when nothing gives one
    updated: str | None = None

    def offer(self, published=None, source=None, authors=(), updated=None):
        """Keep the first value found for each field."""
        self.published = self.published or published
        self.source = self.source or source
        self.authors = self.authors or list(authors)
        self.updated = self.updated or updated

    def publication(self) -> str | None:
        return self.published or self.updated


# ---------------------------------------------------------------- the head and the lead

def read_head(lines: list[str], rules: Rules, found: Found, known_title: str | None) -> list[str]:
    """Consume the metadata lines opening the text; return the lines without them.

    The head is a run of at most ``head_max_lines`` lines among: a date header (whose remainder,
    a byline or else the opening of the body, is read too), the title (kept), a section label
    after it (``International.``, kept), copies of the title, bylines and a known outlet's name
    alone (``Le360.ma``, dropped). The first line that is none of these opens the body; an outlet
    dateline there is read and removed.
    """
    out = list(lines)
    title_at = None
    i = _next_content(out, 0)
    for _ in range(rules.head_max_lines):
        if i >= len(out):
            return out
        line = out[i].strip()
        rest, date_text, kind = _split_date_header(line, rules)
        if date_text is not None:
            found.offer(**{kind: parse_date(date_text)})
            if rest and (byline := _parse_byline(rest, rules)) is None:
                out[i] = rest
                break
            found.offer(**(byline if rest else {}))
        elif title_at is not None and comparable(line) == comparable(found.title):
            pass
        elif (byline := _parse_byline(line, rules)) is not None:
            found.offer(**byline)
        elif rules.named_outlet.fullmatch(line.rstrip(". ")):
            found.offer(source=line.rstrip(". "))        # the outlet's name heading the page
        elif title_at is None and _is_title(out, i, rules, known_title):
            title_at, found.title = i, line
            i = _next_content(out, i + 1)
            continue
        elif title_at is not None and _is_label(out, i, rules):
            i = _next_content(out, i + 1)
            continue
        else:
            break
        del out[i]
        i = _next_content(out, i)
    if i < len(out) and i != title_at:
        out[i] = _strip_dateline(out[i], rules, found)
    return out


def read_lead(lines: list[str], rules: Rules, found: Found) -> list[str]:
    """Drop a date line or a ``Par …`` byline standing alone as a paragraph among the first
    ``lead_max_lines`` paragraphs (after a subtitle or a lead: ``Par Rédaction X`` then
    ``Publié le 16 décembre 2024``), offering what it gives. Only whole lines of these two
    shapes are taken, so that no sentence of the body is mistaken for them."""
    out = list(lines)
    seen = 0
    i = _next_content(out, 0)
    while i < len(out) and seen < rules.lead_max_lines:
        offers = _standalone_metadata(out[i].strip(), rules)
        if offers is None:
            seen, i = seen + 1, i + 1
        else:
            for offer in offers:
                found.offer(**offer)
            del out[i]
        i = _next_content(out, i)
    return out


def _standalone_metadata(line: str, rules: Rules) -> list[dict] | None:
    """What a whole line that is a date line, a ``Par`` byline, or a date line ending with one
    offers, in order; None for any other line."""
    place_date = rules.place_date.fullmatch(line.strip())
    if place_date:                  # 'Bamako, le 22 septembre 2023'
        return [{"published": parse_date(place_date["date"])}]
    rest, date_text, kind = _split_date_header(line, rules)
    dated = [{kind: parse_date(date_text)}] if date_text is not None else []
    if dated and not rest:
        return dated
    tail = rest if dated else line
    byline = _parse_byline(tail, rules, strict=True) if rules.byline_prefix.match(tail) else None
    return None if byline is None else dated + [byline]


def _next_content(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _split_date_header(line: str, rules: Rules) -> tuple[str, str | None, str]:
    """The rest of ``line`` after a date header, the header's date, and what it dates
    (``published``, or ``updated`` for 'Mis à jour le …'); ``(line, None, "published")`` when
    ``line`` opens with none."""
    for header in rules.date_headers:
        m = header.match(line)
        if m:
            kind = "updated" if m.groupdict().get("update") else "published"
            return line[m.end():].lstrip(" \t:,.–—-|"), m["date"], kind
    return line, None, "published"


def _is_title(lines: list[str], i: int, rules: Rules, known_title: str | None) -> bool:
    """A headline: repeated on the next line, equal to the known title, or short and apart."""
    line = lines[i].strip()
    after = _next_content(lines, i + 1)
    if after >= len(lines):
        return False
    if comparable(lines[after]) == comparable(line):
        return True
    if known_title and comparable(known_title) == comparable(line):
        return True
    return (not lines[i + 1].strip() and len(line) <= rules.title_max_chars
            and len(line.split()) >= rules.title_min_words
            and line[-1] not in rules.title_bad_endings)


def _is_label(lines: list[str], i: int, rules: Rules) -> bool:
    """A section label under the title (``International.``, ``Maghreb / Sécurité``): a line of
    one to ``label_max_words`` capitalised words without digits, with more text after it."""
    words = lines[i].strip().rstrip(".").replace("/", " ").split()
    return (0 < len(words) <= rules.label_max_words and _next_content(lines, i + 1) < len(lines)
            and words[0][0].isupper() and all(w.isalpha() or w in "&-" for w in words))


def _parse_byline(line: str, rules: Rules, strict: bool = False) -> dict | None:
    """Read ``Par Prénom Nom`` / ``Prénom Nom [et Prénom Nom], OUTLET, 17 mars 2017`` /
    ``OUTLET, 17 mars 2017`` / ``Par Rédaction OUTLET`` / ``Par Karim B. | 14/05/2024``.

    Returns the ``Found.offer`` arguments, or None when the line is not a byline: every part after
    the names must be an outlet or a date, unless the line opens with ``Par`` (and ``strict`` is
    False). Authors are person names only: a part that reads as an outlet (a known one, a domain,
    a newsroom, a name opening with an article or holding a word such as *Courrier*, *Hebdo*) is
    the source. Without names, the line must give a newsroom, or open with ``Par`` and give an
    outlet (``Par AFP``), or give an outlet and a date; a bare acronym, which may be a place
    (``ALGER, 3 mai 2020``), is no outlet then.
    """
    if len(line) > rules.byline_max:
        return None
    prefix = rules.byline_prefix.match(line)
    has_prefix = prefix is not None
    body = line[prefix.end():] if prefix else line
    parts = [p.strip() for p in rules.byline_split.split(body.rstrip(". ")) if p.strip()]
    named = _name_parts(parts, rules)
    read = _outlet_and_date(parts[named:], rules, lenient=has_prefix and not strict)
    if read is None:
        return None
    outlet, date_text, newsroom = read
    if outlet is None and date_text and named >= 2:
        # 'Nadia Berrahal, Maghreb Veille, 12 mars 2024': an outlet unknown to the list
        # stands where outlets stand, between the names and the date
        named -= 1
        outlet = parts[named]
    authors = [n.strip() for part in parts[:named] for n in rules.name_split.split(part)]
    if authors and not (has_prefix or outlet or date_text):
        return None
    if not authors and not (newsroom or outlet and (has_prefix or date_text and _surely_outlet(outlet, rules))):
        return None
    return {"authors": authors, "source": outlet,
            "published": parse_date(date_text) if date_text else None}


def _outlet_and_date(parts: list[str], rules: Rules, lenient: bool) -> tuple | None:
    """``(outlet, date text, whether the outlet signs as a newsroom)`` of the parts of a byline
    after its names; None when a part is neither, unless ``lenient`` (a ``Par`` byline may
    add a role: ``Par Karim Ouali, envoyé spécial``)."""
    outlet = date_text = None
    newsroom = False
    for part in parts:
        if outlet is None and (room := rules.newsroom.fullmatch(part)):
            outlet, newsroom = room["outlet"], True
        elif outlet is None and (rules.outlet.fullmatch(part) or _looks_like_outlet(part, rules)):
            outlet = part
        elif date_text is None and is_date(part, rules):
            date_text = part
        elif not lenient:
            return None
    return outlet, date_text, newsroom


def _name_parts(parts: list[str], rules: Rules) -> int:
    """How many leading parts are lists of person names."""
    n = 0
    while n < len(parts) and all(_is_name(s, rules) for s in rules.name_split.split(parts[n])):
        n += 1
    return n


def _is_name(text: str, rules: Rules) -> bool:
    """Two to five words, capitalised but for particles (de, El, ben…), not opening with an
    article (``Le Courrier du Maghreb``), and not an outlet."""
    words = text.split()
    if not 2 <= len(words) <= 5 or rules.outlet.fullmatch(text) or _looks_like_outlet(text, rules):
        return False
    capitalised = [w for w in words if w[0].isupper() and re.fullmatch(r"[^\W\d_][\w'’.-]*", w)]
    fitting = [w for w in words if w in capitalised or w.casefold() in rules.name_particles]
    return len(capitalised) >= 2 and len(fitting) == len(words)


def _looks_like_outlet(text: str, rules: Rules) -> bool:
    """Capitalised words that open with an article or hold a word of outlets' names:
    ``Le Courrier du Maghreb``, ``Maghreb Veille Hebdo``, ``La Tribune d'Alger``."""
    words = text.replace("’", "'").split()
    if not 1 <= len(words) <= 6 or not words[0][:1].isupper():
        return False
    first = words[0].casefold()
    opens_with_article = first in rules.articles or first[:2] in ("l'", "d'")
    holds_noun = any(w.casefold().strip(".,") in rules.outlet_nouns for w in words)
    return (opens_with_article and len(words) >= 2) or holds_noun


def _surely_outlet(name: str, rules: Rules) -> bool:
    """An outlet that no place name could be: a known outlet or a domain, or a name that
    reads as an outlet's (not a bare acronym such as ``ALGER``)."""
    return bool(rules.named_outlet.fullmatch(name)) or _looks_like_outlet(name, rules)


def _strip_dateline(line: str, rules: Rules, found: Found) -> str:
    """Remove ``Le360.ma.``, ``ALGER (AFP) -`` or ``ALGER, 12 mars (APS) –`` opening the body,
    offering the outlet (and the date, when it has a year)."""
    for pattern in (rules.outlet_prefix, rules.dateline):
        m = pattern.match(line.lstrip())
        if m:
            date_text = m.groupdict().get("date") or m.groupdict().get("bare_date")
            found.offer(source=m.groupdict().get("outlet"), published=parse_date(date_text) if date_text else None)
            return line.lstrip()[m.end():]
    return line


# ---------------------------------------------------------------- the closing credits

def read_credits(lines: list[str], rules: Rules, found: Found) -> list[str]:
    """Remove the credits closing the text, at most ``credit_max_lines`` of them, last first:
    a line ``(AFP)`` / ``Avec AFP`` / ``Source : Le Courrier du Maghreb``, a newsroom
    (``Rédaction d'Algerie360``), a byline (``Ulysse Gosset et Pascal Samama``), and
    ``(Le360.ma)`` glued to the last sentence."""
    out = list(lines)
    for _ in range(rules.credit_max_lines):
        last = _last_content(out)
        if last < 0:
            return out
        credit = _credit(out[last].strip(), rules)
        if credit is None:
            break
        found.offer(**credit)
        del out[last]
    last = _last_content(out)
    m = rules.credit_inline.search(out[last]) if last >= 0 else None
    if m:
        found.offer(source=m["outlet"])
        out[last] = out[last][:m.start()].rstrip()
    return out


def _credit(line: str, rules: Rules) -> dict | None:
    """The ``Found.offer`` arguments of a closing credit line; None when it is none."""
    for pattern in (rules.credit_line, rules.credit_named, rules.newsroom):
        m = pattern.fullmatch(line)
        if m:
            return {"source": m["outlet"]}
    byline = _parse_byline(line, rules, strict=True)
    if byline and (byline["authors"] or byline["source"]):
        return byline
    parts = rules.name_split.split(line.rstrip("."))
    if len(line) <= rules.byline_max and all(_is_name(p.strip(), rules) for p in parts):
        return {"authors": [p.strip() for p in parts]}
    return None


def _last_content(lines: list[str]) -> int:
    i = len(lines) - 1
    while i >= 0 and not lines[i].strip():
        i -= 1
    return i


# ---------------------------------------------------------------- failing those: the body

def recipient_outlet(text: str, rules: Rules) -> str | None:
    """``…, confie à Maghreb-intelligence une source sécuritaire`` → ``Maghreb-intelligence``."""
    m = rules.recipient.search(text)
    return m["outlet"] if m else None


def deictic_published(text: str, rules: Rules) -> str | None:
    """The publication date, at the precision it is known, that the first date told from the
    day of writing gives: ``hier jeudi 12 mars 2020`` → 2020-03-13; ``ce lundi 31 janvier
    2022`` (within a week either way) → 2022. The weekday must be the date's: a date it
    contradicts is a typo, and gives nothing."""
    for m in rules.deictic.finditer(text):
        try:
            told = date(int(m["year"]), rules.months[m["mname"].casefold()], int(m["day"]))
        except ValueError:
            continue
        if rules.weekdays.index(m["weekday"].casefold()) != told.weekday():
            continue
        after, before = rules.deictic_offsets[comparable(m["deixis"])]
        return _common_precision(told + timedelta(days=after), told + timedelta(days=before))
    return None


def _common_precision(first: date, last: date) -> str | None:
    """The ISO date that every day from ``first`` to ``last`` shares: the day, the month, the
    year, or None."""
    if first == last:
        return first.isoformat()
    if (first.year, first.month) == (last.year, last.month):
        return first.isoformat()[:7]
    return f"{first.year:04d}" if first.year == last.year else None


def fallback_title(doc: Document, rules: Rules) -> str | None:
    """The title of a document that gives none: its first line (its first sentence when the
    line is long, cut at a word under ``fallback_title_max_chars``), or, when that line is too
    short to name the article (``Rabat``), its outlet and date; never the file name."""
    first = next((line.strip() for line in doc.text.split("\n") if line.strip()), "")
    sentence = rules.sentence_end.split(first, maxsplit=1)[0]
    if len(sentence) > rules.fallback_title_max:
        cut = sentence[:rules.fallback_title_max].rsplit(" ", 1)[0]
        sentence = cut.rstrip(" ,;:–—-") + "…"
    outlet_and_date = ", ".join(v for v in (doc.source, doc.published) if v)
    if len(sentence.split()) < rules.title_min_words and outlet_and_date:
        return outlet_and_date
    return sentence or outlet_and_date or None
