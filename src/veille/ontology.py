"""The extraction contract of ONTOLOGY.md, declared once.

Every other module (extractor, store, API, UI, exports) reads these tables; none repeats the
lists. :func:`check` runs at import and raises :class:`InvalidModel` on a contradiction.
"""

from dataclasses import dataclass

from .errors import InvalidModel

ENTITY_TYPES = ("PER", "ORG", "LOC")

#: Finer kinds per entity type; the first one is the default when nothing finer is known.
KINDS = {
    "PER": ("person",),
    "ORG": ("other", "intelligence_service", "police", "military", "government", "armed_group",
            "media", "company", "international_org"),
    "LOC": ("city", "country", "region", "site"),
}


@dataclass(frozen=True)
class RelationType:
    name: str
    symmetric: bool
    subjects: tuple[str, ...]
    objects: tuple[str, ...]
    has_role: bool = False


RELATION_TYPES = {r.name: r for r in (
    RelationType("head_of", False, ("PER",), ("ORG", "LOC"), has_role=True),
    RelationType("member_of", False, ("PER",), ("ORG", "LOC"), has_role=True),
    RelationType("part_of", False, ("ORG",), ("ORG", "LOC")),
    RelationType("meets", True, ENTITY_TYPES, ENTITY_TYPES),
    RelationType("communicates", False, ("PER", "ORG"), ("PER", "ORG")),
    RelationType("cooperates_with", True, ENTITY_TYPES, ENTITY_TYPES),
    RelationType("opposes", True, ENTITY_TYPES, ENTITY_TYPES),
    RelationType("visits", False, ("PER", "ORG"), ("LOC",)),
)}


@dataclass(frozen=True)
class EventType:
    name: str
    cameo: str | None
    label: str


EVENT_TYPES = {e.name: e for e in (
    EventType("MEETING", "040", "consult / host"),
    EventType("VISIT", "042", "make a visit"),
    EventType("AGREEMENT", "057", "sign formal agreement"),
    EventType("COOPERATION", "064", "share intelligence / material cooperation"),
    EventType("DEFECTION", "0874", "yield: defect"),
    EventType("ATTACK", "190", "assault, fight"),
    EventType("KIDNAPPING", "181", "abduct, take hostage"),
    EventType("APPOINTMENT", None, "named to or removed from an office"),
    EventType("PUBLICATION", None, "leak or official communiqué put out"),
)}

#: Attribution kinds, from the most to the least specific origin of a claim.
ATTRIBUTION_KINDS = ("anonymous", "official", "document", "media", "named_person", "none")


def check() -> None:
    """Raise InvalidModel when the tables above contradict each other."""
    for rel in RELATION_TYPES.values():
        for t in rel.subjects + rel.objects:
            if t not in ENTITY_TYPES:
                raise InvalidModel(f"relation {rel.name}: unknown entity type {t}")
    for etype, kinds in KINDS.items():
        if etype not in ENTITY_TYPES or not kinds:
            raise InvalidModel(f"kinds declared for unknown or empty type {etype}")


check()
