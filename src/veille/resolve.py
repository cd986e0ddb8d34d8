"""Canonical ids: the same real-world entity gets the same id in every document of a run.

This first resolver keys an entity by what identifies it without looking at other documents:
its gazetteer entry when it has one (so the French and the Algerian DGSI stay two entities),
the state, kind and function of a descriptive name ("les services secrets algériens" and "le
renseignement algérien" are one collective entity), else its type and normalised name.
``resolution.py`` joins the keys of one real-world entity across documents (a misspelling, an
acronym and its expansion, a lone surname), for a run (``resolve_run``) and for the store.
"""

import hashlib

from .model import Document
from .text import key

PREFIX = {"PER": "per", "ORG": "org", "LOC": "loc"}


def identity(entity_type: str, name: str, kind: str | None, country: str | None, entry_id: str | None,
             function: str | None, descriptive: bool) -> str:
    """The resolution key of one entity of one document."""
    if entry_id:
        return f"entry:{entry_id}"
    if descriptive:
        return f"desc:{kind}:{country}:{function}"
    return f"name:{entity_type}:{key(name)}"


def canonical_id(entity_type: str, identity_key: str) -> str:
    digest = hashlib.sha1(identity_key.encode("utf-8")).hexdigest()[:12]
    return f"{PREFIX.get(entity_type, 'ent')}-{digest}"


def resolve(doc: Document) -> Document:
    """Set ``canonical`` on each entity from its identity key (set by the entities stage)."""
    for entity in doc.entities:
        entity.canonical = canonical_id(entity.type, entity.identity or f"name:{entity.type}:{key(entity.name)}")
    return doc
