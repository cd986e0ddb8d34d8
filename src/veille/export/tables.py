"""The canonical graph as CSV tables: entities, relations, events, claims, documents.

One file per table, into a folder or a zip archive (``.zip``). One row per canonical entity,
per relation or event statement (with its claim's id and grade), per claim (with its
corroboration) and per source document. The formats a spreadsheet reads without help: UTF-8
with a BOM (Excel needs it to read accents right), ``true``/``false``, an empty cell for
nothing, and a list as a JSON array (``["DGSE", "Direction générale…"]``), which is unambiguous
whatever its items hold and which :func:`read_tables` turns back into a list.
"""

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .graph import CanonicalGraph

#: The columns of each table, in order; a column named in :data:`LISTS` holds a JSON array.
COLUMNS = {
    "entities": ["canonical", "name", "type", "kind", "country", "aliases", "documents", "statements"],
    "relations": ["id", "claim", "grade", "grade_label", "type", "symmetric", "subject", "subject_name",
                  "object", "object_name", "role", "start", "end", "past", "negated", "attribution_kind",
                  "attribution_via", "attribution_text", "hedged", "evidence", "evidence_start",
                  "evidence_end", "document", "doc_id", "title", "outlet", "published", "url"],
    "events": ["id", "claim", "grade", "grade_label", "type", "cameo", "subtype", "date", "date_text",
               "participants", "participant_names", "place", "place_name", "negated", "attribution_kind",
               "attribution_via", "attribution_text", "hedged", "evidence", "evidence_start", "evidence_end",
               "document", "doc_id", "title", "outlet", "published", "url"],
    "claims": ["id", "kind", "type", "subject", "subject_name", "object", "object_name", "participants",
               "participant_names", "place", "place_name", "date", "start", "end", "documents", "outlets",
               "sources", "kinds", "hedged", "denied", "grade", "grade_label", "rule_grade", "overridden",
               "statement_ids"],
    "documents": ["id", "doc_id", "title", "published", "source", "authors", "url", "language"],
}
LISTS = {"aliases", "attribution_via", "participants", "participant_names", "outlets", "kinds",
         "statement_ids", "authors"}
#: The columns that hold whole numbers and true/false, read back as such.
NUMBERS = {"grade", "rule_grade", "documents", "statements", "sources", "evidence_start", "evidence_end"}
BOOLEANS = {"symmetric", "past", "negated", "hedged", "denied", "overridden"}
TABLES = tuple(COLUMNS)


# ---------------------------------------------------------------- rows

def _statement(statement: dict, graph: CanonicalGraph) -> dict:
    doc, said = graph.documents[statement["document"]], statement["attribution"]
    return {**statement, "attribution_kind": said["kind"], "attribution_via": said["via"],
            "attribution_text": said["text"], "hedged": said["hedged"],
            "evidence": statement["evidence"]["text"], "evidence_start": statement["evidence"]["start"],
            "evidence_end": statement["evidence"]["end"], "doc_id": doc["doc_id"], "title": doc["title"],
            "outlet": doc["source"], "published": doc["published"], "url": doc["url"]}


def _name(graph: CanonicalGraph, target: str | None) -> str | None:
    return graph.entities[target]["name"] if target else None


def entity_rows(graph: CanonicalGraph) -> Iterable[dict]:
    return ({**e, "documents": len(e["documents"])} for e in graph.entities.values())


def relation_rows(graph: CanonicalGraph) -> Iterable[dict]:
    return ({**_statement(r, graph), "subject_name": _name(graph, r["subject"]),
             "object_name": _name(graph, r["object"])} for r in graph.relations)


def event_rows(graph: CanonicalGraph) -> Iterable[dict]:
    return ({**_statement(e, graph), "participant_names": [_name(graph, p) for p in e["participants"]],
             "place_name": _name(graph, e["place"])} for e in graph.events)


def claim_rows(graph: CanonicalGraph) -> Iterable[dict]:
    for claim in graph.claims:
        members = claim.get("participants") or []
        place = claim.get("place")
        yield {**claim, "participants": [m["id"] for m in members],
               "participant_names": [m["name"] for m in members],
               "place": place and place["id"], "place_name": place and place["name"],
               "statement_ids": [t["statement"] for t in claim["tellings"]]}


def document_rows(graph: CanonicalGraph) -> Iterable[dict]:
    return graph.documents.values()


ROWS: dict[str, Callable[[CanonicalGraph], Iterable[dict]]] = {
    "entities": entity_rows, "relations": relation_rows, "events": event_rows, "claims": claim_rows,
    "documents": document_rows}


# ---------------------------------------------------------------- writing and reading

def cell(value) -> str:
    """One value as a CSV cell (see the module's docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)


def table_text(graph: CanonicalGraph, table: str) -> tuple[str, int]:
    """The CSV text of one table, with its header and a BOM, and its number of rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS[table])
    rows = [[cell(row.get(column)) for column in COLUMNS[table]] for row in ROWS[table](graph)]
    writer.writerows(rows)
    return "\ufeff" + out.getvalue(), len(rows)


def write_tables(graph: CanonicalGraph, out: Path) -> dict[str, int]:
    """Write every table as ``<table>.csv`` into the folder ``out`` (created when missing), or
    into the zip archive ``out`` when its name ends with ``.zip``; return the rows per table."""
    made = {table: table_text(graph, table) for table in TABLES}
    texts = {table: text for table, (text, _rows) in made.items()}
    if out.suffix.lower() == ".zip":
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table, text in texts.items():
                archive.writestr(f"{table}.csv", text.encode("utf-8"))
    else:
        out.mkdir(parents=True, exist_ok=True)
        for table, text in texts.items():
            (out / f"{table}.csv").write_text(text, encoding="utf-8", newline="")
    return {table: rows for table, (_text, rows) in made.items()}


def read_tables(source: Path) -> dict[str, list[dict]]:
    """The tables written by :func:`write_tables` (a folder or a zip), each row a dict of typed
    values: lists from their JSON, booleans, numbers, None for an empty cell."""
    if source.suffix.lower() == ".zip":
        with zipfile.ZipFile(source) as archive:
            texts = {Path(name).stem: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}
    else:
        texts = {path.stem: path.read_text(encoding="utf-8-sig") for path in sorted(source.glob("*.csv"))}
    return {table: [{column: _typed(column, value) for column, value in row.items()}
                    for row in csv.DictReader(io.StringIO(text))] for table, text in texts.items()}


def _typed(column: str, value: str):
    if value == "":
        return None
    if column in LISTS:
        return json.loads(value)
    if column in BOOLEANS:
        return value == "true"
    if column in NUMBERS:
        return int(value)
    return value
