"""The rules of the clean stage: ``data/boilerplate.json`` compiled once (:func:`load_rules`),
and the publication dates they read (:func:`parse_date`).

What counts as boilerplate, the date lines, bylines, outlet credits, newsrooms, reporting verbs,
French month and weekday names are data; this module turns them into the patterns that
``clean.py`` (boilerplate lines) and ``metadata.py`` (head, bylines, credits) match.
"""

import email.utils
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..errors import InvalidModel
from ..knowledge.read import data_path

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
    place_date: re.Pattern
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


def is_date(text: str, rules: Rules) -> bool:
    return any(shape.fullmatch(text) for shape in rules.date_shapes)


def comparable(text: str | None) -> str:
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
    path = data_path("boilerplate.json")
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
        # 'ALGER, 12 mars (APS) –', and without an outlet 'Bamako, le 22 septembre 2023 –' (a date then required)
        dateline=re.compile(rf"{_PLACE}(?:(?:\s*,\s*(?P<date>{date_any}))?\s*\((?P<outlet>{outlet})\)"
                            rf"|\s*,\s*(?:le\s+)?(?P<bare_date>{date_any}))\s*[–—:-]\s*"),
        #: a line that is only a place and a date: 'Bamako, le 22 septembre 2023'
        place_date=re.compile(rf"{_PLACE}\s*,\s*(?:le\s+)?(?P<date>{date_any})\s*\.?\s*"),
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
        deictic_offsets={comparable(k): (int(v[0]), int(v[1])) for k, v in data["deictic_dates"].items()},
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
