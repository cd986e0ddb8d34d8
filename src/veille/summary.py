"""A readable summary of extracted documents, for people rather than programs."""

from .model import Attribution, Document, Entity
from .ontology import ENTITIES, KINDS


def summarise(docs: list[Document]) -> str:
    return "\n\n".join(_document(d) for d in docs)


def _document(doc: Document) -> str:
    head = doc.title or doc.doc_id
    meta = ", ".join(x for x in (doc.source, doc.published, ", ".join(doc.authors)) if x)
    lines = [f"== {doc.doc_id}: {head}" + (f"  ({meta})" if meta else "")]
    for etype in ENTITIES.values():
        found = [e for e in doc.entities if e.type == etype.name]
        if found:
            lines.append(f"  {etype.label}:")
            lines.extend(f"    - {_entity(e)}" for e in sorted(found, key=lambda e: -len(e.mentions)))
    if not doc.entities:
        lines.append("  (no entities)")
    names = {e.id: e.name for e in doc.entities}
    if doc.relations:
        lines.append("  Relations:")
        lines.extend(f"    - {names[r.subject]} —{r.type}→ {names[r.object]}"
                     + (f" ({r.role})" if r.role else "") + (" [past]" if r.past else "")
                     + (" [denied]" if r.negated else "") + f"  {_said(r.attribution)}" for r in doc.relations)
    if doc.events:
        lines.append("  Events:")
        lines.extend(f"    - {e.type}{'/' + e.subtype if e.subtype else ''}: "
                     + ", ".join(names[p] for p in e.participants)
                     + (f" at {names[e.place]}" if e.place else "") + (f" on {e.date}" if e.date else "")
                     + f"  {_said(e.attribution)}" for e in doc.events)
    return "\n".join(lines)


def _entity(e: Entity) -> str:
    told = e.kind if len(KINDS.get(e.type, ())) > 1 else None      # a type of one kind: its kind says nothing
    facts = ", ".join(x for x in (told, e.country) if x)
    aliases = f" aka {', '.join(e.aliases)}" if e.aliases else ""
    return f"{e.name}" + (f" [{facts}]" if facts else "") + aliases + f" ×{len(e.mentions)}"


def _said(a: Attribution) -> str:
    """'according to: anonymous via document, hedged'."""
    if a.kind == "none" and not a.hedged:
        return ""
    via = f" via {', '.join(a.via)}" if a.via else ""
    return f"(source: {a.kind}{via}{', hedged' if a.hedged else ''})"
