"""French date expressions in running text, normalised to ISO 8601 at the precision the text gives.

:func:`find_dates` finds every date expression of a text; :func:`resolve` reads one. A value is
ISO 8601 at the precision the words support: ``2022``, ``2022-11``, ``2022-11-14``.

1. An expression that dates itself ("le 17 janvier 2013 à 22h", "en avril 2012", "fin 2019",
   "17/01/2013") takes its value from its own words; a time of day stays in the text, not the value.
2. One that needs the publication date ("hier jeudi", "le 12 décembre", "la semaine dernière",
   "début septembre dernier", "il y a deux ans") takes it from ``published``, and only when
   ``published`` is precise enough for the answer to be the same whichever of its days the article
   came out on: "hier" needs a day, "le mois dernier" a month, "l'an dernier" a year. Otherwise the
   value is None: a year is never invented. When the words fix a month (and a day) but no year,
   ``partial`` keeps what they say in EDTF: "XXXX-12-12".
3. Since, until and range words around expressions make periods ("depuis 2019", "jusqu'en 2017",
   "de 2014 jusqu'à 2017", "entre les années 2010 et 2014", "du 17 au 20 janvier 2013").

A four-digit number or a month name alone is a date only inside such a period ("de 2014 à 2017",
"depuis janvier"): "2000 hommes" is no date, nor "20 ans" without "il y a".

The French words are data (``data/dates_fr.json``); this module holds the grammar that joins them,
compiled once by :func:`load_grammar`. dateparser is not used: once the grammar has found an
expression, its day, month and year are already numbers, and the relative rules the ontology asks
for ("dernier", "prochain", a weekday checked against the year) are not dateparser's.
"""

import calendar
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from ..errors import InvalidModel
from ..knowledge.read import data_path
from ..text import key, straighten

#: The value of a relative expression, given the day of publication; None when it has none.
Rule = Callable[[date], str | None]


@dataclass(frozen=True)
class DateMention:
    """One date expression of a text and what it dates.

    ``start``/``end`` index the text given and ``text`` is ``text[start:end]`` (the event's
    ``date_text``). ``value`` is ISO 8601 at the precision the words support, None when no year can
    be fixed. ``partial`` is EDTF with X for the year when the words fix a month (and a day) but no
    year ("XXXX-12-12"), whether or not ``published`` gave the year, else None. ``kind`` is "point";
    "range" (``value`` to ``range_end``); "since" (a period opening at ``value``); or "until" (a
    period closing at ``value``).
    """

    start: int
    end: int
    text: str
    value: str | None
    partial: str | None
    range_end: str | None = None
    kind: str = "point"
    #: counted from the last date the text gave before ('vingt ans plus tôt'), not from publication
    anchored: bool = False


def find_dates(text: str, published: str | None, anchor: str | None = None) -> list[DateMention]:
    """Every date expression of ``text``, non-overlapping, in text order.

    ``published`` is the document's publication date, ISO 8601 at any precision, or None;
    ``anchor`` the last date the text gave before ``text`` (:func:`anchor_before`), from which
    'vingt ans plus tôt' counts: without it, such an expression has no value."""
    publication, anchored = _published(published), _published(anchor)
    return [_mention(text, r, anchored if r.anchored else publication)
            for r in _readings(text, keep_bare=False)]


def anchor_before(text: str, published: str | None) -> str | None:
    """The value of the last date expression of ``text`` that has one (itself not counted from an
    earlier date): what 'vingt ans plus tôt' counts from when ``text`` is what came before it."""
    values = [m.value for m in find_dates(text, published) if m.value and not m.anchored]
    return values[-1] if values else None


def resolve(expression: str, published: str | None) -> DateMention | None:
    """The longest date expression in ``expression`` (offsets relative to it), or None.

    Unlike :func:`find_dates`, a lone year ("2019") or month name ("janvier") is read as a date here,
    since the caller says the words are one."""
    found = _readings(expression, keep_bare=True)
    if not found:
        return None
    longest = max(found, key=lambda r: r.end - r.start)
    return _mention(expression, longest, _published(published))


# ---------------------------------------------------------------- readings

@dataclass(frozen=True)
class _Reading:
    """What one expression says, before the publication date is applied."""

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    #: for words dated from publication: their value, given the day of publication
    rule: Rule | None = None
    #: "actuellement": the publication date itself, at its own precision
    present: bool = False
    kind: str = "point"
    #: the end of a range
    last: "_Reading | None" = None
    #: a lone four-digit number or month name: a date only inside a period
    bare: bool = False
    #: a day that no calendar has ('le 31 février 2013'): its words are no date, nor part of one
    impossible: bool = False
    #: its rule counts from the last date given before it, not from publication
    anchored: bool = False


@dataclass(frozen=True)
class _Published:
    """The publication date as the days it may be: ``first`` to ``last``."""

    text: str
    first: date
    last: date


def _readings(text: str, keep_bare: bool) -> list[_Reading]:
    """The readings of a text.

    1. The text is read left to right; where a date may start, the first pattern of the grammar
       that reads there wins, and reading goes on after it.
    2. Readings joined by range words become ranges; since/until words open or close periods.
    3. Lone numbers and month names left outside a period are dropped (unless ``keep_bare``), and
       so are impossible days."""
    grammar = load_grammar()
    plain = _lower(grammar.typographic.sub(_straighten, text))  # one character for one: same offsets
    found = _scan(plain, grammar)  # 1
    periods = _periods(found, plain, grammar)  # 2
    return [r for r in periods if not r.impossible and (keep_bare or not r.bare)]  # 3


def _straighten(char: re.Match) -> str:
    return straighten(char[0])


def _lower(text: str) -> str:
    """``text`` in lower case, character for character (the patterns are written in lower case:
    one pass of a case-sensitive pattern is much faster than of a case-insensitive one)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)  # 'İ' lowers to two


#: How far before its key word a date expression may start ("il y a un peu plus de vingt ans"),
#: and how far after it the scanner must see to recognise one ("du 1er au 20 septembre").
_LEAD, _TAIL = 40, 40


def _scan(text: str, grammar: "Grammar") -> list[_Reading]:
    """Step 1 of :func:`_readings`: ``grammar.scanner`` (every pattern in one) finds where a
    date starts, in the windows of :func:`_windows` only; the patterns from the one that matched
    on then read there in turn. Scanning every character of an article takes several times longer."""
    found: list[_Reading] = []
    pos = 0
    for start, end in _windows(text, grammar):
        pos = max(pos, start)
        while pos <= end:
            hit = grammar.scanner.search(text, pos, end + _TAIL)
            if hit is None or hit.start() > end:
                break
            reading = _first_reading(text, hit.start(), grammar, int(hit.lastgroup[1:]))
            if reading is not None:
                found.append(reading)
            pos = reading.end if reading is not None else hit.start() + 1
    return found


def _windows(text: str, grammar: "Grammar") -> list[tuple[int, int]]:
    """Where a date expression may start: every one holds a key word (a month, a weekday, a number,
    "hier", "semaine", "ans"…: ``grammar.key_words``) and starts at most ``_LEAD`` characters
    before it. The windows run from there to the key word's end, overlapping ones merged."""
    windows: list[tuple[int, int]] = []
    for word in grammar.key_words.finditer(text):
        start = max(0, word.start() - _LEAD)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], word.end())
        else:
            windows.append((start, word.end()))
    return windows


def _first_reading(text: str, pos: int, grammar: "Grammar", first: int) -> "_Reading | None":
    for pattern, read in grammar.readers[first:]:
        match = pattern.match(text, pos)
        reading = read(match, grammar) if match else None
        if reading is not None:
            return reading
    return None


def _mention(text: str, reading: _Reading, published: _Published | None) -> DateMention:
    first = _value(reading, published)
    last = _value(reading.last, published) if reading.last else None
    if first and last and last[:len(first)] < first[:len(last)]:
        last = None  # 'de lundi à mercredi' published on a Monday: which Wednesday is not said
    return DateMention(reading.start, reading.end, text[reading.start:reading.end],
                       first, _partial(reading), last, reading.kind, reading.anchored)


def _value(reading: _Reading, published: _Published | None) -> str | None:
    if reading.year is not None:
        return _iso(reading.year, reading.month, reading.day)
    if published is None:
        return None
    if reading.present:
        return published.text
    if reading.rule is None:
        return None
    settled = _settle(reading.rule, published)
    if settled is None and getattr(reading.rule, "conventional", False) and \
            published.first.month != published.last.month:
        # a publication known by its year only: a month or a day told without one is of that year
        return _iso(published.first.year, reading.month, reading.day) \
            if _exists(published.first.year, reading.month, reading.day) else None
    return settled


def _settle(rule: Rule, published: _Published) -> str | None:
    """The value of ``rule`` when it is the same on the first and the last possible day of
    publication: "hier" with a month of publication has none, "l'an dernier" has one."""
    try:
        first, last = rule(published.first), rule(published.last)
    except (ValueError, OverflowError):  # a year beyond what datetime counts
        return None
    return first if first == last else None


def _partial(reading: _Reading) -> str | None:
    if reading.year is not None or reading.month is None:
        return None
    day = f"-{reading.day:02d}" if reading.day else ""
    return f"XXXX-{reading.month:02d}{day}"


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    text = f"{year:04d}"
    if month:
        text += f"-{month:02d}"
        if day:
            text += f"-{day:02d}"
    return text


def _exists(year: int, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= calendar.monthrange(year, month)[1]


_PUBLISHED = re.compile(r"\s*([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?(?![0-9])")


def _published(published: str | None) -> _Published | None:
    """``published`` as the span of days it covers; None when it is not an ISO date from year 1."""
    found = _PUBLISHED.match(published) if published else None
    if not found:
        return None
    year, month, day = (int(g) if g else None for g in found.groups())
    if year == 0 or (month is not None and not _exists(year, month, day)) or day == 0:
        return None
    if day is not None:
        first = last = date(year, month, day)
    elif month is not None:
        first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    else:
        first, last = date(year, 1, 1), date(year, 12, 31)
    return _Published(_iso(year, month, day), first, last)


# ---------------------------------------------------------------- rules relative to publication

_WEEK_DAY_OF_PART = {"start": 0, "middle": 3, "end": 6, None: 3}  # the ISO week's month is its Thursday's


def _shifted_days(days: int) -> Rule:
    """'hier', 'demain': so many days from publication."""
    return lambda ref: (ref + timedelta(days=days)).isoformat()


def _weekday_rule(weekday: int, direction: int | None) -> Rule:
    """'ce vendredi' or 'vendredi': the last such day on or before publication (news speaks of the
    current week's past days); 'vendredi dernier' strictly before; 'vendredi prochain' after."""
    def rule(ref: date) -> str:
        back = (ref.weekday() - weekday) % 7
        if direction is not None and direction < 0:
            back = back or 7
        elif direction is not None and direction > 0:
            back = -((weekday - ref.weekday()) % 7 or 7)
        return (ref - timedelta(days=back)).isoformat()
    return rule


def _day_rule(month: int, day: int, direction: int | None, weekday: int | None) -> Rule:
    """'le 12 décembre': in the year nearest to publication; 'dernier' / 'prochain': the nearest existing
    one strictly before / after publication; with a weekday ('jeudi 16 mars'), the year of
    publication or the one before, whichever makes the weekday right."""
    def rule(ref: date) -> str | None:
        if direction:
            return _nearest_day(ref, month, day, direction)
        for year in (ref.year, ref.year - 1) if weekday is not None else ():
            if _exists(year, month, day) and date(year, month, day).weekday() == weekday:
                return _iso(year, month, day)
        year = _nearest_year(ref, month)
        return _iso(year, month, day) if _exists(year, month, day) else None
    rule.conventional = direction is None and weekday is None
    return rule


#: how far ahead of publication a month told without a year may lie before it is last year's
AHEAD_MONTHS = 2


def _nearest_year(ref: date, month: int) -> int:
    """The news convention for a month told without a year: news tells what happened, so the
    month is the latest one up to publication, unless it lies just ahead ('fin décembre' in an
    article of January is the December just past; 'en février' in January is next month)."""
    return ref.year - 1 if month > ref.month + AHEAD_MONTHS else ref.year


def _nearest_day(ref: date, month: int, day: int, direction: int) -> str | None:
    for step in range(9):  # a 29 February is at most eight years away
        year = ref.year + direction * step
        if _exists(year, month, day) and (date(year, month, day) - ref).days * direction > 0:
            return _iso(year, month, day)
    return None


def _month_rule(month: int, direction: int | None) -> Rule:
    """'en septembre': the September nearest to publication; 'septembre dernier' / 'prochain': the
    nearest September strictly before / after the month of publication."""
    def rule(ref: date) -> str:
        year = ref.year if direction else _nearest_year(ref, month)
        if direction and direction < 0 and month >= ref.month:
            year -= 1
        elif direction and direction > 0 and month <= ref.month:
            year += 1
        return _iso(year, month)
    rule.conventional = direction is None
    return rule


def _period_rule(unit: str, offset: int, part: str | None) -> Rule:
    """'la semaine dernière', 'ce mois-ci', 'l'an prochain', 'à la fin de cette semaine'.

    A week has no ISO value at day precision: it is given the month of its day named by ``part``."""
    def rule(ref: date) -> str:
        if unit == "week":
            monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=offset)
            day = monday + timedelta(days=_WEEK_DAY_OF_PART[part])
            return _iso(day.year, day.month)
        if unit == "month":
            return _months_later(ref, offset)
        return _iso(ref.year + offset)
    return rule


def _duration_rule(count: int, unit: str, sign: int) -> Rule:
    """'il y a trois jours', 'dans deux mois', 'depuis deux ans': at the unit's precision (a week
    at a month's)."""
    def rule(ref: date) -> str:
        if unit in ("day", "week"):
            day = ref + timedelta(days=sign * count * (7 if unit == "week" else 1))
            return day.isoformat() if unit == "day" else _iso(day.year, day.month)
        if unit == "month":
            return _months_later(ref, sign * count)
        return _iso(ref.year + sign * count)
    return rule


def _months_later(ref: date, months: int) -> str:
    year, month = divmod(ref.year * 12 + ref.month - 1 + months, 12)
    return _iso(year, month + 1)


# ---------------------------------------------------------------- periods

_HYPHEN = re.compile(r"\s*-\s*")


def _periods(readings: list[_Reading], text: str, grammar: "Grammar") -> list[_Reading]:
    """Readings joined into ranges by range words, or opened or closed by since/until words; the
    words taken in never reach back into the reading before."""
    joined: list[_Reading] = []
    i = 0
    while i < len(readings):
        floor = joined[-1].end if joined else 0
        pair = _range(readings[i], readings[i + 1], text, grammar, floor) if i + 1 < len(readings) else None
        joined.append(pair or _bounded(readings[i], text, grammar, floor))
        i += 2 if pair else 1
    return joined


def _range(first: _Reading, last: _Reading, text: str, grammar: "Grammar", floor: int) -> _Reading | None:
    """'de 2014 jusqu'à 2017', 'entre les années 2010 et 2014', '2014-2017', 'du 3 mars au 5 avril
    2013' as one range reading; None when the words between do not make one."""
    if first.kind not in ("point", "range") or last.kind not in ("point", "range"):
        return None
    if first.impossible or last.impossible:
        return None
    opener = grammar.range_opener.search(text, max(floor, first.start - 16), first.start)
    joins = grammar.range_joins.get(_norm(opener["open"])) if opener else None
    by_words = joins is not None and joins.fullmatch(text, first.end, last.start)
    by_hyphen = first.bare and last.bare and _HYPHEN.fullmatch(text, first.end, last.start)
    if not (by_words or by_hyphen) or _quantities(first, last):
        return None
    first = _with_year_of(first, last)
    if not _in_order(first, last):
        return None
    start = opener.start() if opener else first.start
    return replace(first, start=start, end=last.end, kind="range", last=last.last or last, bare=False)


def _quantities(first: _Reading, last: _Reading) -> bool:
    """'entre 1800 et 2000 combattants': two lone round hundreds are counts more often than years."""
    years = (first.year, last.year) if first.bare and last.bare else ()
    return any(years) and all(year is not None and year % 100 == 0 for year in years)


def _with_year_of(first: _Reading, last: _Reading) -> _Reading:
    """'du 20 décembre au 3 janvier 2014': the first date takes the year of the last (or the one
    before, when its month and day come later in the year)."""
    if first.year is not None or first.month is None or last.year is None:
        return first
    later = (first.month, first.day or 0) > (last.month or 12, last.day or 31)
    year = last.year - 1 if later else last.year
    return replace(first, year=year, rule=None) if _exists(year, first.month, first.day) else first


def _in_order(first: _Reading, last: _Reading) -> bool:
    if first.year is None or last.year is None:
        return True
    return (first.year, first.month or 0, first.day or 0) <= (last.year, last.month or 12, last.day or 31)


def _bounded(reading: _Reading, text: str, grammar: "Grammar", floor: int) -> _Reading:
    """'depuis 2019', 'jusqu'en 2017', 'depuis les années 1990': the reading widened to its
    since/until word (a range keeps its first date only)."""
    if reading.kind not in ("point", "range"):  # 'depuis deux ans' is already a period
        return reading
    for kind, pattern in (("since", grammar.since), ("until", grammar.until)):
        found = pattern.search(text, max(floor, reading.start - 28), reading.start)
        if found:
            return replace(reading, start=found.start(), kind=kind, last=None, bare=False)
    return reading


# ---------------------------------------------------------------- reading each pattern

def _calendar(match: re.Match, year: int | None, month: int | None, day: int | None,
              direction: int | None = None, weekday: int | None = None) -> _Reading | None:
    """A day or a month of the calendar, with its year or a rule to find it."""
    if month is None:
        return None
    if not _exists(2000 if year is None else year, month, day):  # 2000 had a 29 February
        return _Reading(match.start(), match.end(), impossible=True)
    if year is not None:
        return _Reading(match.start(), match.end(), year, month, day)
    rule = _month_rule(month, direction) if day is None else _day_rule(month, day, direction, weekday)
    return _Reading(match.start(), match.end(), None, month, day, rule=rule)


def _read_full_date(m: re.Match, g: "Grammar") -> _Reading | None:
    """'le 17 janvier 2013 à 22h', 'ce jeudi 16 mars', 'le 29 février dernier', '17 janvier (2013)'."""
    year = m["year"] or m["pyear"]
    return _calendar(m, int(year) if year else None, g.month(m["month"]), g.day(m["day"]),
                     g.find("directions", m["direction"]), g.find("weekdays", m["weekday"]))


def _read_numeric_date(m: re.Match, g: "Grammar") -> _Reading | None:
    """'17/01/2013', '17.01.2013', '2013-01-17'."""
    if m["iyear"]:
        return _calendar(m, int(m["iyear"]), int(m["imonth"]), int(m["iday"]))
    if m["sep"] != m["sep2"]:  # '17/01.2013'
        return None
    return _calendar(m, int(m["year"]), int(m["month"]), int(m["day"]))


def _read_month(m: re.Match, g: "Grammar") -> _Reading | None:
    """'en avril 2012', 'début septembre dernier', 'la fin du mois d'août 2022', 'mi-mars'; a month
    name alone is a bare reading."""
    month, year = g.month(m["month"]), int(m["year"]) if m["year"] else None
    if month is None or (year is None and _norm(m["month"].rstrip(".")) in g.abbreviations):
        return None  # 'sept' alone is the number seven
    if year or m["direction"] or m["part"] or m["mois"] or m["en"]:
        return _calendar(m, year, month, None, g.find("directions", m["direction"]))
    return _Reading(m.start("month"), m.end("month"), month=month, rule=_month_rule(month, None), bare=True)


def _read_year(m: re.Match, g: "Grammar") -> _Reading | None:
    """'en 2019', 'l'année 2019', 'fin 2019', 'mi-2021'; a four-digit number alone is a bare reading."""
    year, bare = int(m["year"]), not (m["part"] or m["cue"])
    if bare and not 1800 <= year <= 2099:  # '1500 hommes'
        return None
    return _Reading(m.start(), m.end(), year=year, bare=bare)


def _read_decade(m: re.Match, g: "Grammar") -> _Reading:
    """'les années 1990': the range 1990 to 1999."""
    year = int(m["decade"])
    end = _Reading(m.start(), m.end(), year=year + 9)
    return _Reading(m.start(), m.end(), year=year, kind="range", last=end)


def _read_day_word(m: re.Match, g: "Grammar") -> _Reading | None:
    """'hier', 'hier jeudi', 'avant-hier soir', 'aujourd'hui' (the weekday is accepted as said)."""
    days = g.find("days_from_publication", m["dayword"])
    return None if days is None else _Reading(m.start(), m.end(), rule=_shifted_days(days))


def _read_weekday(m: re.Match, g: "Grammar") -> _Reading | None:
    """'ce vendredi', 'jeudi dernier', 'lundi prochain', 'mardi soir'; not 'le mardi' (every Tuesday)."""
    weekday = g.find("weekdays", m["weekday"])
    if weekday is None or g.habitual.search(m.string, max(0, m.start() - 12), m.start()):
        return None
    return _Reading(m.start(), m.end(), rule=_weekday_rule(weekday, g.find("directions", m["direction"])))


def _read_period(m: re.Match, g: "Grammar") -> _Reading | None:
    """'la semaine dernière', 'cette semaine', 'ce mois-ci', 'l'an dernier', 'à la fin de cette
    semaine', 'en fin d'année' (a period named without 'ce' or 'dernier' needs a part word)."""
    unit = g.find("periods", m["unit"] or m["unit2"] or m["unit3"])
    part = g.find("parts", m["part"])
    offset = g.find("directions", m["direction"]) if m["unit2"] else 0
    if unit is None or offset is None or (m["unit3"] and part is None):
        return None
    return _Reading(m.start(), m.end(), rule=_period_rule(unit, offset, part))


def _read_duration(m: re.Match, g: "Grammar") -> _Reading | None:
    """'il y a deux ans', 'il y a trois jours', 'dans un mois', 'depuis vingt ans' (since)."""
    count = int(m["count"]) if m["count"].isdigit() else g.find("number_words", m["count"])
    unit, way = g.find("units", m["unit"]), g.find("durations", m["ago"])
    if count is None or unit is None or way is None:
        return None
    rule = _duration_rule(count, unit, 1 if way == "after" else -1)
    return _Reading(m.start(), m.end(), rule=rule, kind="since" if way == "since" else "point")


def _read_anchored(m: re.Match, g: "Grammar") -> _Reading | None:
    """'vingt ans plus tôt', 'trois mois plus tard': counted from the last date given before."""
    count = int(m["count"]) if m["count"].isdigit() else g.find("number_words", m["count"])
    unit, way = g.find("units", m["unit"]), g.find("anchored", m["way"])
    if count is None or unit is None or way is None:
        return None
    return _Reading(m.start(), m.end(), rule=_duration_rule(count, unit, 1 if way == "after" else -1),
                    anchored=True)


def _read_present(m: re.Match, g: "Grammar") -> _Reading:
    """'en ce moment', 'actuellement': the publication date at its own precision."""
    return _Reading(m.start(), m.end(), present=True)


def _read_day_range(m: re.Match, g: "Grammar") -> _Reading | None:
    """'du 17 au 20 janvier 2013', 'entre le 3 et le 5 mars', 'les 3 et 4 mars'."""
    if _norm(m["join"]) not in g.day_range_joins.get(_norm(m["open"]), ()):
        return None
    month, year = g.month(m["month"]), int(m["year"]) if m["year"] else None
    first_day, last_day = g.day(m["firstday"]), g.day(m["day"])
    if first_day is None or last_day is None or first_day >= last_day:
        return None
    first, last = _calendar(m, year, month, first_day), _calendar(m, year, month, last_day)
    if first is None or last is None:
        return None
    if first.impossible or last.impossible:
        return _Reading(m.start(), m.end(), impossible=True)
    return replace(first, kind="range", last=last)


# ---------------------------------------------------------------- the grammar

@dataclass(frozen=True)
class Grammar:
    """The patterns compiled from ``data/dates_fr.json`` and the word tables that read their groups."""

    #: the patterns in the order they are tried, each with the function that reads its match
    readers: tuple[tuple[re.Pattern, Callable[[re.Match, "Grammar"], _Reading | None]], ...]
    #: every pattern in one, its alternatives named p0, p1…: where may a date start?
    scanner: re.Pattern
    #: the words one of which every date expression holds
    key_words: re.Pattern
    #: words that end just before a weekday that is a habit, not a date ('le mardi', 'chaque lundi')
    habitual: re.Pattern
    #: the characters that veille.text.straighten changes (curly apostrophes, typographic dashes)
    typographic: re.Pattern
    tables: dict[str, dict[str, object]]
    abbreviations: frozenset[str]
    since: re.Pattern
    until: re.Pattern
    range_opener: re.Pattern
    range_joins: dict[str, re.Pattern]
    day_range_joins: dict[str, frozenset[str]]

    def find(self, table: str, words: str | None):
        """The value of ``words`` in a table of the data file (None for no words or unknown ones)."""
        return self.tables[table].get(_norm(words)) if words else None

    def month(self, words: str | None) -> int | None:
        """'janvier' -> 1, 'sept.' -> 9."""
        return self.find("months", words.rstrip(".")) if words else None

    def day(self, words: str | None) -> int | None:
        """'17' -> 17, '1er' -> 1."""
        if words and words.isdigit():
            return int(words)
        return self.find("day_ordinals", words)


@lru_cache(maxsize=1)
def load_grammar() -> Grammar:
    """Compile ``data/dates_fr.json`` (once); raise InvalidModel if it is unusable."""
    path = data_path("dates_fr.json")
    try:
        return _compile(json.loads(path.read_text(encoding="utf-8")))
    except (KeyError, TypeError, ValueError, AttributeError, re.error) as exc:
        raise InvalidModel(f"{path}: {type(exc).__name__}: {exc}") from exc


_TABLES = ("months", "day_ordinals", "weekdays", "days_from_publication", "directions", "periods",
           "parts", "durations", "anchored", "number_words", "units", "ranges", "day_ranges")


def _compile(data: dict) -> Grammar:
    """The grammar of the data file: word tables keyed by :func:`_norm`, patterns in lower case."""
    tables = {name: {_norm(k): v for k, v in _entries(data[name])} for name in _TABLES}
    tables["months"].update({_norm(k): v for k, v in _entries(data["month_abbreviations"])})
    _check(tables)
    ranges = tables["ranges"]
    patterns = _patterns(data)
    return Grammar(
        readers=tuple((re.compile(p), read) for p, read in patterns),
        scanner=re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<p{i}>{_unnamed(p)})" for i, (p, _) in
                                                      enumerate(patterns)) + ")"),
        key_words=re.compile(_key_words(data)),
        habitual=re.compile(rf"{_START}{_either(data['habitual_weekdays']['words'])}\s+\Z"),
        typographic=re.compile("[" + "".join(re.escape(c) for c in _typographic()) + "]"),
        tables=tables,
        abbreviations=frozenset(_norm(k) for k, _ in _entries(data["month_abbreviations"])),
        since=re.compile(rf"{_START}{_either(data['since']['words'], bounded=False)}\s*\Z"),
        until=re.compile(rf"{_START}{_either(data['until']['words'], bounded=False)}\s*\Z"),
        range_opener=re.compile(rf"{_START}(?P<open>{_either(_keys(data['ranges']))})\s*\Z"),
        range_joins={k: re.compile(rf"\s*{_either(v)}\s*") for k, v in ranges.items()},
        day_range_joins={k: frozenset(_norm(j) for j in v) for k, v in tables["day_ranges"].items()},
    )


def _check(tables: dict[str, dict]) -> None:
    if sorted(set(tables["months"].values())) != list(range(1, 13)):
        raise ValueError("months must number every month 1 to 12")
    if sorted(set(tables["weekdays"].values())) != list(range(7)):
        raise ValueError("weekdays must number every day 0 (Monday) to 6")
    known = {"day", "week", "month", "year"}
    if not set(tables["periods"].values()) | set(tables["units"].values()) <= known:
        raise ValueError(f"periods and units must be among {sorted(known)}")
    if not set(tables["parts"].values()) <= {"start", "middle", "end"}:
        raise ValueError("parts must be start, middle or end")
    if not set(tables["durations"].values()) <= {"before", "after", "since"}:
        raise ValueError("durations must be before, after or since")
    if not set(tables["anchored"].values()) <= {"before", "after"}:
        raise ValueError("anchored words must be before or after")


def _key_words(data: dict) -> str:
    """A pattern of the words that every date expression holds."""
    words = [k for name in ("months", "month_abbreviations", "weekdays", "days_from_publication",
                            "periods", "units", "day_ordinals") for k in _keys(data[name])]
    return rf"(?<!\w)(?:[0-9]|{_either(words + data['present']['words'])})"


def _typographic() -> list[str]:
    """The characters that veille.text.straighten replaces by one other (asked, not copied, so
    that dates.py and text.py agree on them)."""
    chars = (chr(i) for i in range(0x10000) if not 0xD800 <= i < 0xE000)
    return [c for c in chars if straighten(c) != c and len(straighten(c)) == 1]


def _unnamed(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _entries(section: dict) -> Iterable[tuple[str, object]]:
    return ((k, v) for k, v in section.items() if not k.startswith("_"))


def _keys(section: dict) -> list[str]:
    return [k for k, _ in _entries(section)]


@lru_cache(maxsize=4096)
def _norm(words: str) -> str:
    """The table key of some words: 'Avant hier' and 'avant-hier' -> 'avant hier', "l' an" -> "l'an"."""
    return " ".join(key(words).replace("-", " ").replace("'", "' ").split()).replace("' ", "'")


# -- building patterns from the words

_START = r"(?<![\w'])"
_ACCENTS = {"a": "àâä", "c": "ç", "e": "éèêë", "i": "îï", "o": "ôö", "u": "ùûü"}
#: an accented letter of the data matches itself or the plain letter ('fevrier' is 'février')
_LOOSE = {accented: f"[{plain}{accented}]" for plain, accents in _ACCENTS.items() for accented in accents}
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])(?![0-9])"
_YEAR = r"(?:1[0-9]|20)[0-9]{2}"
#: a time of day after a date, kept in the text: 'à 22h', 'vers 7h44', 'à 14 heures 30'
_TIME = (r"(?:,?\s+(?:(?:à|vers|dès|aux\s+alentours\s+de)\s+)?[0-2]?[0-9]\s?(?:h|heures?)"
         r"(?:\s?[0-5][0-9])?(?!\w))?")


def _phrase(words: str) -> list[str]:
    """Some words as a list of patterns, one a character: accents optional, any white space for a
    space, a hyphen or a space for a hyphen."""
    out = []
    for char in words:
        if char == " ":
            out.append(r"\s+")
        elif char == "-":
            out.append(r"(?:-\s*|\s+)")
        elif char == "'":
            out.append(r"'\s*")
        else:
            out.append(_LOOSE.get(char, re.escape(char)))
    return out


def _either(words: Iterable[str], bounded: bool = True) -> str:
    """Alternative words as one pattern; ``bounded``: each ends at the end of a word.

    The words are merged into a tree of their common beginnings ('l'an', 'l'année' -> l'an(née)?),
    longer words tried first: the regular expression engine then tries far fewer alternatives."""
    tree: dict = {}
    for w in sorted({straighten(w).lower() for w in words}):
        node = tree
        for piece in _phrase(w):
            node = node.setdefault(piece, {})
        node[""] = r"(?!\w)" if bounded and w[-1].isalnum() else ""
    return _tree_pattern(tree)


def _tree_pattern(node: dict) -> str:
    branches = [piece + _tree_pattern(child) for piece, child in node.items() if piece]
    if "" in node:
        branches.append(node[""])  # the word may end here; longer ones are tried before
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _year(name: str) -> str:
    """A year that is not part of a longer number ('30 322', '2019,5', '2 000 000')."""
    return rf"(?<![0-9])(?<![0-9]\s)(?P<{name}>{_YEAR})(?![0-9]|[.,][0-9]|\s[0-9]{{3}}(?![0-9]))"


def _patterns(data: dict) -> list[tuple[str, Callable]]:
    """Every pattern with its reader, in the order they are tried where more than one matches; the
    named groups are what the readers read. The words come from the data file; the articles and
    prepositions that join them (le, la, l', de, du, d', au, à la, en) are French syntax, kept here."""
    w = {name: _either(_keys(data[name])) for name in
         ("weekdays", "days_from_publication", "directions", "periods", "parts", "durations",
          "anchored", "number_words", "units", "day_ordinals", "day_ranges")}
    w.update({name: _either(data[name]["words"]) for name in
              ("this", "times_of_day", "year_cues", "decades", "present", "approximations")})
    abbreviations = _either(_keys(data["month_abbreviations"]), bounded=False) + r"(?:\.|(?!\w))"
    month = rf"(?P<month>{_either(_keys(data['months']))}|{abbreviations})"
    direction = rf"(?P<direction>{w['directions']})"
    weekday = rf"(?P<weekday>{w['weekdays']})"
    day = rf"(?P<day>{w['day_ordinals']}|{_DAY})"
    time = rf"(?:\s+(?:au\s+|dans\s+la\s+|en\s+)?{w['times_of_day']})?{_TIME}"
    lead = r"(?:à\s+la|au|dans\s+le|en|la|le)\s+"
    day_range_joins = _either(join for _, joins in _entries(data["day_ranges"]) for join in joins)

    day_range = (rf"{_START}(?P<open>{w['day_ranges']})\s+(?P<firstday>{w['day_ordinals']}|{_DAY})\s+"
                 rf"(?P<join>{day_range_joins})\s+{day}\s+{month}(?:\s+{_year('year')})?")
    full_date = (rf"{_START}(?:(?:le|{w['this']})\s+)?(?:{weekday},?\s+)?{day}\s+{month}"
                 rf"(?:\s+{_year('year')}|\s*\(\s*{_year('pyear')}\s*\))?(?:\s+{direction})?{time}")
    numeric_date = (rf"{_START}(?<![0-9./-])(?:le\s+)?"
                    rf"(?:(?P<day>0?[1-9]|[12][0-9]|3[01])(?P<sep>[/.])(?P<month>0?[1-9]|1[0-2])"
                    rf"(?P<sep2>[/.])(?P<year>{_YEAR})"
                    rf"|(?P<iyear>{_YEAR})-(?P<imonth>0[1-9]|1[0-2])-(?P<iday>0[1-9]|[12][0-9]|3[01]))"
                    rf"(?![0-9]){_TIME}")
    decade = rf"{_START}{w['decades']}\s+(?P<decade>(?:1[0-9]|20)[0-9]0)(?![0-9])"
    month_of_year = (rf"(?:{_START}(?:(?P<en>en)|à\s+la|au|dans\s+le|la|le)\s+)?"
                     rf"(?:{_START}(?P<part>{w['parts']})(?:\s*-\s*|\s+du\s+|\s+de\s+|\s*d'\s*|\s+))?"
                     rf"(?<!\w)(?P<mois>(?:le\s+|du\s+|au\s+)?mois\s+(?:de\s+|d'\s*))?"
                     rf"(?<!\w){month}(?:\s+{_year('year')})?(?:\s+{direction})?")
    year = (rf"{_START}(?:(?:{lead})?(?P<part>{w['parts']})(?:\s*-\s*|\s+de\s+|\s*d'\s*|\s+))?"
            rf"(?:(?<![\w'])(?P<cue>{w['year_cues']})\s*)?{_year('year')}")
    duration = (rf"{_START}(?P<ago>{w['durations']})\s+(?:{w['approximations']}\s+)?"
                rf"(?P<count>[0-9]{{1,3}}(?![0-9])|{w['number_words']})\s+(?P<unit>{w['units']})")
    anchored = (rf"{_START}(?:{w['approximations']}\s+)?(?P<count>[0-9]{{1,3}}(?![0-9])|{w['number_words']})\s+"
                rf"(?P<unit>{w['units']})\s+(?P<way>{w['anchored']})")
    present = rf"{_START}{w['present']}"
    day_word = rf"{_START}(?P<dayword>{w['days_from_publication']})(?:,?\s+{weekday})?{time}"
    weekday_alone = rf"{_START}(?:{w['this']}\s+)?{weekday}(?:\s+{direction})?{time}"
    period = (rf"{_START}(?:(?:{lead})?(?P<part>{w['parts']})(?:\s+de\s+|\s+du\s+|\s*d'\s*))?"
              rf"(?:(?:{w['this']})\s+(?P<unit>{w['periods']})(?:\s*-\s*ci(?!\w))?"
              rf"|(?:la\s+|le\s+|l'\s*)?(?P<unit2>{w['periods']})\s+{direction}"
              rf"|(?:la\s+|l'\s*)?(?P<unit3>{w['periods']}))")
    return [
        (day_range, _read_day_range), (full_date, _read_full_date), (numeric_date, _read_numeric_date),
        (decade, _read_decade), (month_of_year, _read_month), (year, _read_year),
        (duration, _read_duration), (anchored, _read_anchored), (present, _read_present), (day_word, _read_day_word),
        (weekday_alone, _read_weekday), (period, _read_period),
    ]
