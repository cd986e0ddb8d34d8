"""The plain data shaping the pages need from library answers: no SQL, no HTML.

The templates escape every value; these functions only cut and group. A document's text is cut
into pieces at mention and highlight boundaries (:func:`text_pieces`), so that the template wraps
each piece in an element of its own and never inserts markup into the text itself.
"""

import re
from dataclasses import dataclass
from itertools import groupby

from ..corroboration import GRADES
from ..ontology import ATTRIBUTIONS, RELATION_TYPES
from ..store.grades import relation_claim

#: How many entities a graph gives by default besides its centre: more than a drawing can show
#: legibly is of no use, and a hub has thousands of neighbours.
GRAPH_LIMIT = 150
#: The deepest neighbourhood the graph page offers (the API's bound, ``api.MAX_DEPTH``).
GRAPH_DEPTH = 4

_HIGHLIGHT = re.compile(r"(\d{1,9})-(\d{1,9})")


@dataclass
class Piece:
    """A run of a text: plain, inside a mention (``entity``), inside the highlight (``marked``)."""

    text: str
    entity: dict | None = None
    marked: bool = False
    first_mark: bool = False


def text_pieces(text: str, mentions: list[dict], entities: dict[str, dict],
                highlight: tuple[int, int] | None = None) -> list[Piece]:
    """``text`` cut at every mention and highlight boundary.

    Mentions that overlap one kept already (a shorter one inside a longer one) are left out, the
    earliest and longest first. Each piece knows its mention's entity and whether it lies in
    ``highlight``; the first highlighted piece is flagged (the page scrolls to it).
    """
    kept, reach = [], 0
    for m in sorted(mentions, key=lambda m: (m["start"], -m["end"])):
        if m["start"] >= reach and 0 <= m["start"] < m["end"] <= len(text) and m["entity"] in entities:
            kept.append(m)
            reach = m["end"]
    cuts = {0, len(text)} | {m["start"] for m in kept} | {m["end"] for m in kept}
    if highlight:
        cuts |= {max(0, min(highlight[0], len(text))), max(0, min(highlight[1], len(text)))}
    bounds = sorted(cuts)
    pieces, first = [], True
    for start, end in zip(bounds, bounds[1:]):
        owner = next((m for m in kept if m["start"] <= start and end <= m["end"]), None)
        marked = bool(highlight) and highlight[0] <= start and end <= highlight[1]
        pieces.append(Piece(text[start:end], entities[owner["entity"]] if owner else None, marked,
                            marked and first))
        first = first and not marked
    return pieces


def snippet_pieces(snippet: str, highlights: list[list[int]]) -> list[Piece]:
    """A search snippet cut at the words found (``highlights``: [start, end] in the snippet)."""
    pieces, at = [], 0
    for start, end in sorted(highlights):
        if start < at:
            continue
        pieces += [Piece(snippet[at:start]), Piece(snippet[start:end], marked=True)]
        at = end
    return [p for p in pieces + [Piece(snippet[at:])] if p.text]


def highlight_of(document: dict, fact: str | None, hl: str | None) -> tuple[tuple[int, int] | None, str | None]:
    """The span a document page highlights, and the fact it belongs to: the evidence of the
    relation or event ``fact`` (a statement id), else the span ``hl`` ("START-END")."""
    for statement in document["relations"] + document["events"]:
        if fact and statement["id"] == fact:
            evidence = statement["evidence"]
            return (evidence["start"], evidence["end"]), statement["id"]
    found = _HIGHLIGHT.fullmatch(hl or "")
    if found and int(found[1]) < int(found[2]):
        return (int(found[1]), int(found[2])), None
    return None, None


def attribution_meaning(kind: str, unknown: str = "") -> str:
    """What an attribution kind rests on, in ONTOLOGY.md's words (``ontology.ATTRIBUTIONS``):
    pages show the kind by its name and this as its explanation; ``unknown`` for another word."""
    return ATTRIBUTIONS[kind].meaning if kind in ATTRIBUTIONS else unknown


def tint(colour: str, opacity: float = .07) -> str:
    """A ``#rrggbb`` colour as a CSS ``rgba()`` of that opacity: the light wash behind a mention."""
    red, green, blue = (int(colour[n:n + 2], 16) for n in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {opacity})"


def relation_links(profile: dict, claims: dict[str, dict] | None = None) -> list[dict]:
    """An entity's relations, by type, then by the entity at the other end and the direction (none
    for a symmetric type): each link with its statements (the sources) and, when ``claims`` (by
    claim id) has it, its claim with its grade (``store.claims``)."""
    groups = []
    for relation_type, statements in profile["relations"].items():
        links: dict[tuple, dict] = {}
        symmetric = RELATION_TYPES[relation_type].symmetric
        for s in statements:
            other = s["other"]["canonical"]
            link = links.setdefault(("both" if symmetric else s["direction"], other), {
                "direction": s["direction"], "other": s["other"], "statements": [],
                "words": RELATION_TYPES[relation_type].reads[0 if s["direction"] == "out" else 1],
                "claim": (claims or {}).get(claim_id(relation_type, *(
                    (profile["canonical"], other) if s["direction"] == "out" else (other, profile["canonical"]))))})
            link["statements"].append(s)
        ordered = sorted(links.values(), key=lambda l: (_nationality(l), -len(l["statements"]), l["other"]["name"] or ""))
        groups.append({"type": relation_type, "links": ordered, "statements": len(statements)})
    # a group that only restates nationalities comes after the substantive ones
    return sorted(groups, key=lambda g: all(_nationality(link) for link in g["links"]))


def _nationality(link: dict) -> bool:
    return bool(link["claim"] and link["claim"].get("nationality"))


def claim_id(relation_type: str, subject: str, obj: str) -> str:
    """The id of the relation claim of a statement: its type and ends, sorted for a symmetric
    type (``store.claims``)."""
    if RELATION_TYPES[relation_type].symmetric:
        subject, obj = sorted((subject, obj))
    return relation_claim((relation_type, subject, obj))


def events_by_month(events: list[dict]) -> list[tuple[str, list[dict]]]:
    """Events grouped by the month of their date ("2022-11"; "2022" for a year; "undated")."""
    return [(month, list(group)) for month, group in
            groupby(events, key=lambda e: (e["date"] or "undated")[:7])]


def grade_label(grade: int | None) -> str:
    return GRADES.get(grade, "") if grade else ""
