"""The clean stage: the article body out of its boilerplate, metadata out of its header and credits.

Needs ``Document.text`` as ingest leaves it (NFC, ``\\n`` line ends). Replaces ``text`` by the body
that every later offset indexes into, and fills ``title``, ``published``, ``source`` and ``authors``
where the container (JSON fields, HTML meta tags) left them empty.

What counts as boilerplate, the date headers, bylines, outlet credits, reporting verbs and French
month names are data: ``data/boilerplate.json``, compiled once by :func:`load_rules`. The body is
otherwise kept verbatim: lines lose their trailing spaces, runs of blank lines become one.
"""

import email.utils
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files

from .errors import InvalidModel
from .model import Document

#: Typographic variants of the apostrophe, unified for comparisons and fingerprints.
APOSTROPHES = "’ʼ‘`´′"

_ACRONYM = r"[A-Z]{2,6}"
#: The name of an outlet that no list knows (after ``Source :``, ``Rédaction``): capitalised words,
#: with the particles of French names between them (``Le Courrier du Maghreb``, ``Tout sur l'Algérie``).
_NAME = (r"[A-ZÀ-Þ0-9][\w'’.&-]*(?:\s+(?:(?i:de|du|des|la|le|les|et|sur|en)\s+)?(?:[dl]['’])?"
         r"[A-ZÀ-Þ0-9][\w'’.&-]*){0,5}")
#: The place of a dateline (``ALGER (AFP) -``): one to three capitalised words.
_PLACE = r"[A-ZÀ-Þ][\w'’-]*(?:[ -][A-ZÀ-Þ][\w'’-]*){0,2}"


@dataclass(frozen=True)
class Rules:
    """The compiled patterns of ``data/boilerplate.json``."""

    drop_line: re.Pattern
    drop_line_max: int
    end_marker: re.Pattern
    date_headers: tuple[re.Pattern, ...]
    date_shapes: tuple[re.Pattern, ...]
    months: dict[str, int]
    byline_prefix: re.Pattern
    byline_split: re.Pattern
    name_split: re.Pattern
    name_particles: frozenset[str]
    byline_max: int
    articles: frozenset[str]
    outlet_nouns: frozenset[str]
    newsroom: re.Pattern
    outlet: re.Pattern
    named_outlet: re.Pattern
    outlet_prefix: re.Pattern
    dateline: re.Pattern
    credit_line: re.Pattern
    credit_inline: re.Pattern
    credit_named: re.Pattern
    copyright: re.Pattern
    recipient: re.Pattern
    head_max_lines: int
    lead_max_lines: int
    credit_max_lines: int
    label_max_words: int
    title_max_chars: int
    title_min_words: int
    title_bad_endings: str
    fallback_title_max: int
    weekdays: tuple[str, ...]
    deictic: re.Pattern
    deictic_offsets: dict[str, tuple[int, int]]
    sentence_end: re.Pattern


@dataclass
class Found:
    """Metadata read from the text, before it is written onto the document."""

    title: str | None = None
    published: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)

    def offer(self, published=None, source=None, authors=()):
        """Keep the first value found for each field."""
        self.published = self.published or published
        self.source = self.source or source
        self.authors = self.authors or list(authors)


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
    lines = _read_head(lines, rules, found, doc.title)                      # 2
    lines = _read_lead(lines, rules, found)
    lines = _read_credits(lines, rules, found)                              # 3
    if not (doc.source or found.source):                                    # 4
        found.source = _recipient_outlet("\n".join(lines), rules)
    if not (doc.published or found.published):
        found.published = _deictic_published("\n".join(lines), rules)
    doc.text = _paragraphs(lines)                                           # 5
    _fill(doc, found)
    doc.title = doc.title or _fallback_title(doc, rules)
    return doc


def fingerprint(text: str) -> str:
    """Return a sha256 hex digest of ``text`` that ignores case, spacing and apostrophe variants.

    Two copies of one article, spaced or cased differently, get the same fingerprint; used to
    skip an article given twice.
    """
    return hashlib.sha256(_comparable(text).encode("utf-8")).hexdigest()


def parse_date(text: str) -> str | None:
    """Return ``text`` as an ISO date at the precision it gives (``2022``, ``2022-11``,
    ``2022-11-14``), or None when it has no year or is no date.

    Reads ISO dates and timestamps, ``14/11/2022``, ``11/2022``, French dates (``mardi 1er
    novembre 2022``, ``14 nov. 2022``, ``novembre 2022``) and RFC 2822 dates of feeds.
    """
    text = text.strip()
    for shape in load_rules().date_shapes:
        m = shape.match(text)
        if m:
            return _iso(m.groupdict())
    return _rfc2822(text)


# ---------------------------------------------------------------- 1. boilerplate lines

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


# ---------------------------------------------------------------- 2. the head

def _read_head(lines: list[str], rules: Rules, found: Found, known_title: str | None) -> list[str]:
    """Consume the metadata lines opening the text; return the lines without them.

    The head is a run of at most ``head_max_lines`` lines among: a date header (whose remainder,
    a byline or else the opening of the body, is read too), the title (kept), a section label
    after it (``International.``, kept), copies of the title, bylines and a known outlet's name
    alone (``Le360.ma``, dropped). The first
    line that is none of these opens the body; an outlet dateline there is read and removed.
    """
    out = list(lines)
    title_at = None
    i = _next_content(out, 0)
    for _ in range(rules.head_max_lines):
        if i >= len(out):
            return out
        line = out[i].strip()
        rest, date_text = _split_date_header(line, rules)
        if date_text is not None:
            found.offer(published=parse_date(date_text))
            if rest and (byline := _parse_byline(rest, rules)) is None:
                out[i] = rest
                break
            found.offer(**(byline if rest else {}))
        elif title_at is not None and _comparable(line) == _comparable(found.title):
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


def _read_lead(lines: list[str], rules: Rules, found: Found) -> list[str]:
    """Drop a date line or a ``Par …`` byline standing alone as a paragraph among the first
    ``lead_max_lines`` paragraphs (after a subtitle or a lead: ``Par Rédaction X`` then
    ``Publié le 16 décembre 2024``), offering what it gives. Only whole lines of these two
    shapes are taken, so that no sentence of the body is mistaken for them."""
    out = list(lines)
    seen = 0
    i = _next_content(out, 0)
    while i < len(out) and seen < rules.lead_max_lines:
        line = out[i].strip()
        rest, date_text = _split_date_header(line, rules)
        byline = None
        if date_text is not None and rest:
            byline = _parse_byline(rest, rules, strict=True) if rules.byline_prefix.match(rest) else None
        elif date_text is None and rules.byline_prefix.match(line):
            byline = _parse_byline(line, rules, strict=True)
        if (date_text is not None and (not rest or byline)) or (date_text is None and byline):
            found.offer(published=parse_date(date_text) if date_text else None)
            found.offer(**(byline or {}))
            del out[i]
        else:
            seen += 1
            i += 1
        i = _next_content(out, i)
    return out


def _next_content(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _split_date_header(line: str, rules: Rules) -> tuple[str, str | None]:
    for header in rules.date_headers:
        m = header.match(line)
        if m:
            return line[m.end():].lstrip(" \t:,.–—-|"), m["date"]
    return line, None


def _is_title(lines: list[str], i: int, rules: Rules, known_title: str | None) -> bool:
    """A headline: repeated on the next line, equal to the known title, or short and apart."""
    line = lines[i].strip()
    after = _next_content(lines, i + 1)
    if after >= len(lines):
        return False
    if _comparable(lines[after]) == _comparable(line):
        return True
    if known_title and _comparable(known_title) == _comparable(line):
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
    outlet = date_text = None
    newsroom = False
    for part in parts[named:]:
        if outlet is None and (room := rules.newsroom.fullmatch(part)):
            outlet, newsroom = room["outlet"], True
        elif outlet is None and (rules.outlet.fullmatch(part) or _looks_like_outlet(part, rules)):
            outlet = part
        elif date_text is None and _is_date(part, rules):
            date_text = part
        elif strict or not has_prefix:
            return None
    if outlet is None and date_text and named >= 2:
        # 'Nadia Berrahal, Maghreb Veille, 12 mars 2024': an outlet unknown to the list
        # stands where outlets stand, between the names and the date
        named -= 1
        outlet = parts[named]
    authors = [n.strip() for part in parts[:named] for n in rules.name_split.split(part)]
    if not authors and not newsroom and not (outlet and (has_prefix or date_text and _surely_outlet(outlet, rules))):
        return None
    if authors and not (has_prefix or outlet or date_text):
        return None
    return {"authors": authors, "source": outlet,
            "published": parse_date(date_text) if date_text else None}


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


def _is_date(text: str, rules: Rules) -> bool:
    return any(shape.fullmatch(text) for shape in rules.date_shapes)


def _strip_dateline(line: str, rules: Rules, found: Found) -> str:
    """Remove ``Le360.ma.``, ``ALGER (AFP) -`` or ``ALGER, 12 mars (APS) –`` opening the body,
    offering the outlet (and the date, when it has a year)."""
    for pattern in (rules.outlet_prefix, rules.dateline):
        m = pattern.match(line.lstrip())
        if m:
            date_text = m.groupdict().get("date")
            found.offer(source=m["outlet"], published=parse_date(date_text) if date_text else None)
            return line.lstrip()[m.end():]
    return line


# ---------------------------------------------------------------- 3. the closing credits

def _read_credits(lines: list[str], rules: Rules, found: Found) -> list[str]:
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


# ---------------------------------------------------------------- 4. outlet named in the body

def _recipient_outlet(text: str, rules: Rules) -> str | None:
    """``…, confie à Maghreb-intelligence une source sécuritaire`` → ``Maghreb-intelligence``."""
    m = rules.recipient.search(text)
    return m["outlet"] if m else None


def _deictic_published(text: str, rules: Rules) -> str | None:
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
        after, before = rules.deictic_offsets[_comparable(m["deixis"])]
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


# ---------------------------------------------------------------- 5. writing back

def _paragraphs(lines: list[str]) -> str:
    """Join lines, one blank line between paragraphs, no surrounding whitespace."""
    text = "\n".join(lines)
    return re.sub(r"\n(?:[ \t]*\n)+", "\n\n", text).strip()


def _fill(doc: Document, found: Found) -> None:
    doc.title = doc.title or found.title
    doc.published = doc.published or found.published
    doc.source = doc.source or found.source
    doc.authors = doc.authors or found.authors


def _fallback_title(doc: Document, rules: Rules) -> str | None:
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


def _comparable(text: str | None) -> str:
    """NFC, casefolded, one apostrophe, whitespace collapsed: what two copies of a text share."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    text = text.translate({ord(a): "'" for a in APOSTROPHES})
    return " ".join(text.split())


# ---------------------------------------------------------------- dates

def _iso(parts: dict) -> str | None:
    """``{'year': '2022', 'month': '11', 'day': '14'}`` (month may be ``mname``) → ISO."""
    if not parts.get("year"):
        return None
    year = int(parts["year"])
    month = _month_number(parts)
    day = int(parts["day"]) if parts.get("day") else None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _month_number(parts: dict) -> int | None:
    if parts.get("mname"):
        return load_rules().months[parts["mname"].casefold()]
    return int(parts["month"]) if parts.get("month") else None


def _rfc2822(text: str) -> str | None:
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat()


# ---------------------------------------------------------------- loading the data

@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Compile ``data/boilerplate.json`` (once); raise InvalidModel if it is unusable."""
    path = files("veille") / "data" / "boilerplate.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _compile(data)
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise InvalidModel(f"{path}: {type(exc).__name__}: {exc}") from exc


def _compile(data: dict) -> Rules:
    months = {unicodedata.normalize("NFC", k).casefold(): int(v) for k, v in data["months"].items()}
    shapes = _date_shapes(months, data["weekdays"])
    date_any = "|".join(_unnamed(s) for s in shapes)
    outlet = _outlet_pattern(data)
    ci = re.IGNORECASE
    return Rules(
        drop_line=re.compile(_alternatives(data["drop_lines"]), ci),
        drop_line_max=int(data["drop_line_max_chars"]),
        end_marker=re.compile(_alternatives(data["end_markers"]), ci),
        date_headers=tuple(re.compile(_any_apostrophe(p).replace("{date}", date_any), ci)
                           for p in data["date_headers"]),
        date_shapes=tuple(re.compile(s, ci) for s in shapes),
        months=months,
        byline_prefix=re.compile(rf"(?:{_words(data['byline_prefixes'])})\s+", ci),
        byline_split=re.compile("|".join(re.escape(s) for s in data["byline_separators"])),
        name_split=re.compile("|".join(re.escape(s) for s in data["name_separators"]), ci),
        name_particles=frozenset(p.casefold() for p in data["name_particles"]),
        byline_max=int(data["byline_max_chars"]),
        articles=frozenset(a.casefold().replace("’", "'") for a in data["articles"]),
        outlet_nouns=frozenset(n.casefold() for n in data["outlet_nouns"]),
        newsroom=re.compile(_newsroom(data)),
        outlet=re.compile(outlet),
        named_outlet=re.compile(_named_outlet(data)),
        outlet_prefix=re.compile(rf"(?P<outlet>{_named_outlet(data)})\s*[.:–—-]\s+(?=[^\W\d_])"),
        dateline=re.compile(rf"{_PLACE}(?:\s*,\s*(?P<date>{date_any}))?\s*\((?P<outlet>{outlet})\)\s*[–—:-]\s*"),
        credit_line=re.compile(_credit_line(data, outlet)),
        credit_inline=re.compile(rf"(?<=[.!?»…\"”])\s*\((?:(?i:avec)\s+)?(?P<outlet>{outlet})\s*\)\s*$"),
        copyright=re.compile(rf"(?:(?:©|\(c\)|(?i:copyright))\s*)+(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*)?"
                             rf"(?P<outlet>{_NAME})\s*[.,-]?\s*(?i:{_words(data['rights_reserved'])})?\.?"),
        credit_named=re.compile(rf"\(?\s*(?i:{_words(data['source_prefixes'])})\s*:\s*(?P<outlet>{_NAME})\s*\)?\.?"),
        recipient=re.compile(_recipient(data)),
        head_max_lines=int(data["head_max_lines"]),
        lead_max_lines=int(data["lead_max_lines"]),
        credit_max_lines=int(data["credit_max_lines"]),
        label_max_words=int(data["label_max_words"]),
        title_max_chars=int(data["title_max_chars"]),
        title_min_words=int(data["title_min_words"]),
        title_bad_endings=str(data["title_bad_endings"]),
        fallback_title_max=int(data["fallback_title_max_chars"]),
        weekdays=tuple(w.casefold() for w in data["weekdays"]),
        deictic=re.compile(_deictic(data, months), ci),
        deictic_offsets={_comparable(k): (int(v[0]), int(v[1])) for k, v in data["deictic_dates"].items()},
        # a sentence ends at . ! ? … before a space and a capital, not after an initial ('M. X')
        sentence_end=re.compile(r"(?<=[^\W\d_]{2}[.!?…])\s+(?=[«\"“A-ZÀ-Þ])|(?<=[!?…])\s+(?=[«\"“A-ZÀ-Þ])"),
    )


def _date_shapes(months: dict[str, int], weekdays: list[str]) -> list[str]:
    """The date shapes read by parse_date, most specific first; groups year, month/mname, day."""
    mnames = _words(months)
    return [
        rf"(?:(?:{_words(weekdays)})\s+)?(?:(?P<day>\d{{1,2}})(?:er)?\s+)?(?P<mname>{mnames})"
        rf"(?:\s+(?P<year>\d{{4}}))?(?!\w)",
        r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})(?!\d)",
        r"(?P<month>\d{1,2})/(?P<year>\d{4})(?!\d)",
        r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?(?:T[\d:.]+(?:Z|[+-][\d:]+)?)?(?![\w-])",
    ]


def _outlet_pattern(data: dict) -> str:
    """An outlet name: a domain-like word (``Le360.ma``), a known outlet or an agency acronym,
    or several joined by ``/``."""
    one = rf"(?:{_named_outlet(data)}|{_ACRONYM})"
    return rf"{one}(?:\s*/\s*{one})*(?!\w)"


def _named_outlet(data: dict) -> str:
    """A domain-like word (``Le360.ma``) or a known outlet: names that are surely outlets."""
    domain = rf"[^\W_][\w-]*(?:\.[\w-]+)*\.(?i:{_words(data['outlet_domains'])})(?!\w)"
    return rf"(?:{domain}|{_words(data['known_outlets'])})(?!\w)"


def _deictic(data: dict, months: dict[str, int]) -> str:
    """``hier jeudi 12 mars 2020``: a word of ``deictic_dates``, a weekday, a full date."""
    return (rf"(?<!\w)(?P<deixis>{_words(data['deictic_dates'])})\s+(?P<weekday>{_words(data['weekdays'])})"
            rf"(?:\s+(?:matin|midi|après-midi|soir))?\s+(?P<day>\d{{1,2}})(?:er)?\s+(?P<mname>{_words(months)})"
            rf"\s+(?P<year>\d{{4}})(?!\d)")


def _newsroom(data: dict) -> str:
    """``Rédaction Rupture``, ``Rédaction d'Algerie360``, ``La rédaction``: the outlet, if named."""
    return (rf"(?i:{_words(data['newsrooms'])})"
            rf"(?:(?:\s+(?i:de|du|des)\s+|\s+(?i:d)['’]\s*|\s+)(?P<outlet>{_NAME}))?\.?")


def _credit_line(data: dict, outlet: str) -> str:
    prefixes = _words(data["credit_prefixes"])
    return (rf"\(?\s*(?:(?i:{prefixes})\s*:?\s+)?(?P<outlet>{outlet})\s*\)?\.?")


def _recipient(data: dict) -> str:
    """Reporting verb, ``à``, an outlet-looking name, then the description of a source."""
    outlet = rf"{_named_outlet(data)}|[A-Z]\w*[ -][Ii]ntelligence|[A-Z]\w+(?:-[a-zé]\w+)+"
    return (rf"\b(?i:{_words(data['reporting_verbs'])})\s+(?i:à)\s+(?P<outlet>{outlet}),?\s+"
            rf"(?i:{_words(data['source_determiners'])})\s*(?:\w+\s+)?(?i:{_words(data['source_nouns'])})\b")


def _words(words) -> str:
    """A regex alternation of literal phrases, longest first, any apostrophe accepted."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(_any_apostrophe(re.escape(w)) for w in ordered)


def _alternatives(patterns: list[str]) -> str:
    return "|".join(f"(?:{_any_apostrophe(p)})" for p in patterns)


def _any_apostrophe(pattern: str) -> str:
    return re.sub("['’]", "['’]", pattern)


def _unnamed(pattern: str) -> str:
    """The pattern without its named groups, to embed it in another one."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)
