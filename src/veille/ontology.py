"""The extraction contract of ONTOLOGY.md, declared once, with all that veille says of each type.

Each entity type and kind, relation type, event type and attribution kind is declared here with
its words in the pages, its colours and marks (chips, mentions, graph nodes and edges, badges),
its FollowTheMoney schema and, for a relation type, whether it gives its subject a role. Every
other module reads these tables and none repeats them: the extractor and the store; the API's
``/api/ontology`` (:func:`describe`), which the graph page embeds for its script; the pages'
stylesheet of types (``/ontology.css``, written from ``web/templates/ontology.css``); the
exports (``export/ftm.py``). Adding a relation type is adding one :class:`RelationType` here.

:func:`check` runs at import and raises :class:`InvalidModel` on a contradiction; the FtM
names are checked against the FtM model where it is loaded (``export.ftm.check_mapping``).
"""

import re
from dataclasses import asdict, dataclass

from .errors import InvalidModel


@dataclass(frozen=True)
class Look:
    """How the pages and the graph paint one thing.

    ``ink``: its text, dot, node or line; ``wash``: behind its chip or badge; ``edge``: its
    border; ``line``: how that border or its graph edge is drawn; ``means``: what the graph's
    legend says the colour stands for.
    """

    ink: str
    wash: str | None = None
    edge: str | None = None
    line: str = "solid"
    means: str | None = None


# ---------------------------------------------------------------- entities

#: The colours of entities. Kinds that the legend names together share one.
PERSON = Look("#2361a5", "#e5eef8", means="person")
INTELLIGENCE = Look("#7b2d5d", "#f4e5ee", means="intelligence service")
ARMED = Look("#b0281f", "#fbe6e3", means="armed group")
GOVERNMENT = Look("#0e6f68", "#dff1ee", means="government")
FORCES = Look("#56661c", "#edf1da", means="military / police")
MEDIA = Look("#86561a", "#f5eada", means="media")
OTHER_ORGANISATION = Look("#8d6700", "#f8efd6", means="other organisation")
ANY_ORGANISATION = Look("#4a5868", "#e9edf1")     # an organisation whose kind is not given
PLACE = Look("#2d7a33", "#e3f2e4", means="place")
#: The graph's legend, in its order: every colour a kind has, explained once.
LEGEND = (PERSON, INTELLIGENCE, ARMED, GOVERNMENT, FORCES, MEDIA, OTHER_ORGANISATION, PLACE)


@dataclass(frozen=True)
class Kind:
    """A finer kind of an entity type: its colour, its FtM schema (None: its type's), and the
    FtM topics it implies and nothing more (an armed group is not tagged ``crime.terror``: the
    extraction does not know it is one)."""

    name: str
    look: Look
    ftm_schema: str | None = None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityType:
    """An entity type: the heading of a list of them ("People"), its kinds (the first is the
    default when nothing finer is known), its colour when its kind is not given, the shape of
    its graph node (Cytoscape's name), its FtM schema for a kind that names none, and whether
    the pages draw it with corners (a place: its chip, its dot, a dotted underline for its
    mentions)."""

    name: str
    label: str
    kinds: tuple[Kind, ...]
    look: Look
    shape: str
    ftm_schema: str
    square: bool = False


# FtM has no Country schema (countries are a property type): Territory is its schema for a named
# area. A state's services are PublicBody; a city or a site is an Address.
ENTITIES = {t.name: t for t in (
    EntityType("PER", "People", (Kind("person", PERSON),), PERSON, "ellipse", "Person"),
    EntityType("ORG", "Organisations", (
        Kind("other", OTHER_ORGANISATION),
        Kind("intelligence_service", INTELLIGENCE, "PublicBody", ("gov.security",)),
        Kind("police", FORCES, "PublicBody", ("gov.security",)),
        Kind("military", FORCES, "PublicBody", ("mil",)),
        Kind("government", GOVERNMENT, "PublicBody", ("gov",)),
        Kind("armed_group", ARMED),
        Kind("media", MEDIA),
        Kind("company", OTHER_ORGANISATION, "Company"),
        Kind("international_org", GOVERNMENT, topics=("gov.igo",)),
    ), ANY_ORGANISATION, "round-rectangle", "Organization"),
    EntityType("LOC", "Places", (Kind("city", PLACE), Kind("country", PLACE, "Territory"),
                                 Kind("region", PLACE, "Territory"), Kind("site", PLACE)),
               PLACE, "round-diamond", "Address", square=True),
)}
ENTITY_TYPES = tuple(ENTITIES)
#: Finer kinds per entity type, by name; the first one is the default.
KINDS = {t.name: tuple(k.name for k in t.kinds) for t in ENTITIES.values()}


# ---------------------------------------------------------------- relations

@dataclass(frozen=True)
class FtmLink:
    """The FtM interval schema a relation is written as, and its properties that name the
    subject, the object and the role. A relation whose ends do not fit the ranges of the first
    two (a link to a place, which no legal-entity schema accepts) is an :data:`UNKNOWN_LINK`."""

    schema: str
    subject: str
    object: str
    role: str = "role"


UNKNOWN_LINK = FtmLink("UnknownLink", "subject", "object")


@dataclass(frozen=True)
class RelationType:
    """A relation type: symmetric or not (an arrow in the graph when not), the entity types of
    its ends, how it reads from its subject and from its object ("heads", "headed by"), the
    colour and line of its edges, whether it gives its subject a role in its object (an office:
    ``patron``), and its FtM link (None: an :data:`UNKNOWN_LINK`)."""

    name: str
    symmetric: bool
    subjects: tuple[str, ...]
    objects: tuple[str, ...]
    reads: tuple[str, str]
    look: Look
    has_role: bool = False
    ftm: FtmLink | None = None


MEMBERSHIP = FtmLink("Membership", "member", "organization")

RELATION_TYPES = {r.name: r for r in (
    RelationType("head_of", False, ("PER",), ("ORG", "LOC"), ("heads", "headed by"), Look("#7b2d5d"),
                 has_role=True, ftm=FtmLink("Directorship", "director", "organization")),
    RelationType("member_of", False, ("PER",), ("ORG", "LOC"), ("member of", "has member"),
                 Look("#b0709a", line="dashed"), has_role=True, ftm=MEMBERSHIP),
    RelationType("part_of", False, ("ORG",), ("ORG", "LOC"), ("part of", "has part"),
                 Look("#7d858f", line="dotted"), ftm=MEMBERSHIP),
    RelationType("meets", True, ENTITY_TYPES, ENTITY_TYPES, ("meets", "meets"), Look("#2361a5")),
    RelationType("communicates", False, ("PER", "ORG"), ("PER", "ORG"), ("communicates with", "contacted by"),
                 Look("#0e7490", line="dashed")),
    RelationType("cooperates_with", True, ENTITY_TYPES, ENTITY_TYPES, ("cooperates with", "cooperates with"),
                 Look("#2d7a33"), ftm=FtmLink("Associate", "person", "associate", "relationship")),
    RelationType("opposes", True, ENTITY_TYPES, ENTITY_TYPES, ("opposes", "opposes"), Look("#b0281f")),
    RelationType("visits", False, ("PER", "ORG"), ("LOC",), ("visits", "visited by"), Look("#c2540a", line="dashed")),
)}


def role_types() -> tuple[str, ...]:
    """The relation types that give their subject a role (``has_role``), in their order."""
    return tuple(r.name for r in RELATION_TYPES.values() if r.has_role)


# ---------------------------------------------------------------- events and attributions

@dataclass(frozen=True)
class EventType:
    """An event type: its CAMEO code (None: CAMEO has none), what the code means, its badge."""

    name: str
    cameo: str | None
    label: str
    look: Look


EVENT_TYPES = {e.name: e for e in (
    EventType("MEETING", "040", "consult / host", Look("#1f4e79", "#e3ecf7")),
    EventType("VISIT", "042", "make a visit", Look("#9a3f0b", "#fbeadd")),
    EventType("AGREEMENT", "057", "sign formal agreement", Look("#2d6a31", "#e3f2e4")),
    EventType("COOPERATION", "064", "share intelligence / material cooperation", Look("#2d6a31", "#e3f2e4")),
    EventType("DEFECTION", "0874", "yield: defect", Look("#5b2e84", "#efe6f7")),
    EventType("ATTACK", "190", "assault, fight", Look("#a0241b", "#fbe6e3")),
    EventType("KIDNAPPING", "181", "abduct, take hostage", Look("#a0241b", "#fbe6e3")),
    EventType("APPOINTMENT", None, "named to or removed from an office", Look("#7b2d5d", "#f4e5ee")),
    EventType("PUBLICATION", None, "leak or official communiqué put out", Look("#7a4e12", "#f5eada")),
)}


@dataclass(frozen=True)
class AttributionKind:
    """An attribution kind: what it rests on (ONTOLOGY.md's words, shown as its explanation),
    how an export says who says so, and its badge."""

    name: str
    meaning: str
    according_to: str
    look: Look


#: Attribution kinds, from the most to the least specific origin of a claim.
ATTRIBUTIONS = {a.name: a for a in (
    AttributionKind("anonymous", "unnamed sources", "according to anonymous sources",
                    Look("#3f4853", "#ffffff", "#9aa3ad", "dashed")),
    AttributionKind("official", "an official statement by a named body or office-holder",
                    "according to an official statement", Look("#1f4e79", "#e6f0fa", "#c3d7ec")),
    AttributionKind("document", "a document quoted or described", "according to a document",
                    Look("#4d3480", "#f1ecfa", "#d9cdef")),
    AttributionKind("media", "another outlet", "according to another outlet", Look("#7a4e12", "#f7efe3", "#e8d5b8")),
    AttributionKind("named_person", "a named person speaking", "according to a named person",
                    Look("#1c5d46", "#e6f4ef", "#c2e2d5")),
    AttributionKind("none", "the author's own assertion", "the author's own assertion",
                    Look("#3f4853", "#eef0f3", "#dde1e6")),
)}
ATTRIBUTION_KINDS = tuple(ATTRIBUTIONS)


# ---------------------------------------------------------------- read by the API and the pages

def kind_of(entity_type: str, kind: str | None) -> Kind | None:
    """The declared kind ``kind`` of ``entity_type``; None for a kind the type does not have."""
    declared = ENTITIES.get(entity_type)
    return next((k for k in declared.kinds if k.name == kind), None) if declared else None


def legend() -> list[dict]:
    """The graph's legend: each colour of :data:`LEGEND`, what it means, and the first type and
    kind painted with it (whose classes in the pages draw its dot)."""
    items = []
    for look in LEGEND:
        painted = next(((t.name, k.name) for t in ENTITIES.values() for k in t.kinds if k.look == look), None)
        if painted:
            items.append({"type": painted[0], "kind": painted[1], "means": look.means})
    return items


def describe() -> dict:
    """Every table of this module as plain data (what ``/api/ontology`` answers)."""
    return {"entity_types": {name: asdict(t) for name, t in ENTITIES.items()},
            "legend": legend(),
            "relation_types": {name: asdict(r) for name, r in RELATION_TYPES.items()},
            "event_types": {name: asdict(e) for name, e in EVENT_TYPES.items()},
            "attribution_kinds": {name: asdict(a) for name, a in ATTRIBUTIONS.items()}}


# ---------------------------------------------------------------- the checks

#: What a name (a CSS class, an HTML attribute), a colour, a line and a node shape may be.
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
LINES = ("solid", "dashed", "dotted")
SHAPES = ("ellipse", "rectangle", "round-rectangle", "diamond", "round-diamond", "triangle",
          "round-triangle", "hexagon", "round-hexagon", "octagon", "star")


def check() -> None:
    """Raise InvalidModel when the tables above contradict each other or cannot be drawn."""
    _check_entities()
    for rel in RELATION_TYPES.values():
        _check_relation(rel)
    for name, declared in [*EVENT_TYPES.items(), *ATTRIBUTIONS.items()]:
        _check_name(name, declared.name)
        _check_look(name, declared.look, wash=True)


def _check_entities() -> None:
    kinds = [k.name for t in ENTITIES.values() for k in t.kinds]
    if len(set(kinds)) != len(kinds):
        raise InvalidModel("a kind is declared for two entity types: pages and exports tell kinds by name")
    for name, etype in ENTITIES.items():
        _check_name(name, etype.name)
        if not etype.kinds:
            raise InvalidModel(f"entity type {name} has no kind")
        if etype.shape not in SHAPES:
            raise InvalidModel(f"entity type {name}: unknown node shape {etype.shape!r}")
        _check_look(name, etype.look, wash=True)
        for kind in etype.kinds:
            _check_name(kind.name, kind.name)
            _check_look(kind.name, kind.look, wash=True)
            if kind.look not in LEGEND:
                raise InvalidModel(f"kind {kind.name}: its colour is not in the LEGEND")
    if any(not look.means for look in LEGEND):
        raise InvalidModel("a colour of the LEGEND does not say what it means")


def _check_relation(rel: RelationType) -> None:
    _check_name(rel.name, rel.name)
    for t in rel.subjects + rel.objects:
        if t not in ENTITY_TYPES:
            raise InvalidModel(f"relation {rel.name}: unknown entity type {t}")
    if len(rel.reads) != 2 or not all(rel.reads):
        raise InvalidModel(f"relation {rel.name}: it reads from its subject and from its object, in two words")
    _check_look(rel.name, rel.look)
    if rel.ftm and not all((rel.ftm.schema, rel.ftm.subject, rel.ftm.object, rel.ftm.role)):
        raise InvalidModel(f"relation {rel.name}: its FtM link names no schema or property")


def _check_name(key: str, name: str) -> None:
    if key != name or not _NAME.fullmatch(name):
        raise InvalidModel(f"{key!r}: a type is declared under its own name, of letters, digits and '_'")


def _check_look(name: str, look: Look, wash: bool = False) -> None:
    colours = [look.ink] + ([look.wash] if wash or look.wash else []) + ([look.edge] if look.edge else [])
    if not all(isinstance(c, str) and _COLOUR.fullmatch(c) for c in colours):
        raise InvalidModel(f"{name}: a colour is written #rrggbb, not {colours}")
    if look.line not in LINES:
        raise InvalidModel(f"{name}: a line is {', '.join(LINES)}, not {look.line!r}")


check()
