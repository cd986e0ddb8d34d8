"""Facts out of one store and into another: every stored row, as JSON lines, loaded elsewhere
with the same ids (``veille dump`` / ``veille load``).

What travels is what a store knows and cannot recompute: each document with its entities,
mentions, relations, events and participants (one line per document, loaded in one transaction
of its own, like an ingest), then every judgement (the resolver's and the analysts') and every
grade override. The search index is rebuilt from the facts as they are loaded; ingest runs stay
where they happened (a loaded document belongs to no run of the new store).

Ids are content hashes, so loading is idempotent: a document the store holds is left alone, and
a judgement already recorded (same pair, decision, author and time) is not recorded again. A
SQLite store dumped and loaded into PostgreSQL (or the reverse) answers every query the same.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Iterable, Iterator

from sqlalchemy import and_, select
from sqlalchemy.engine import Connection

from ..errors import InputError
from . import dialect
from .db import Store
from .ingest import store_rows
from .rows import Rows
from .schema import documents, entities, events, grade_judgements, judgements, mentions, participants, relations

#: The format of a dump, written in its first line; a later format must say how to read this one.
FORMAT = 1
_STATEMENTS = (("entities", entities), ("mentions", mentions), ("relations", relations), ("events", events))


@dataclass
class LoadReport:
    """What one load read and wrote."""

    documents: int = 0
    already_stored: int = 0
    judgements: int = 0
    grades: int = 0
    failures: list[InputError] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.documents} document(s) loaded, {self.already_stored} already stored, "
                f"{self.judgements} judgement(s) and {self.grades} grade override(s) recorded, "
                f"{len(self.failures)} line(s) refused")


# ---------------------------------------------------------------- out

def dump(store: Store) -> Iterator[dict]:
    """Every fact of ``store`` as JSON-ready records: a header, one record per document (by id),
    then the judgements and the grade overrides in the order they were made."""
    yield {"veille": FORMAT}
    with store.read() as connection:
        ids = list(connection.scalars(select(documents.c.id).order_by(documents.c.id)))
    for document_id in ids:
        with store.read() as connection:
            yield {"document": _document_record(connection, document_id)}
    with store.read() as connection:
        for row in connection.execute(select(judgements).order_by(judgements.c.id)).mappings():
            yield {"judgement": _plain({k: v for k, v in row.items() if k != "id"})}
        for row in connection.execute(select(grade_judgements).order_by(grade_judgements.c.id)).mappings():
            yield {"grade": _plain({k: v for k, v in row.items() if k != "id"})}


def dump_to(store: Store, out: IO[str]) -> int:
    """Write :func:`dump` to ``out``, one JSON record a line; the number of lines written."""
    count = 0
    for record in dump(store):
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


def _document_record(connection: Connection, document_id: str) -> dict:
    row = connection.execute(select(documents).where(documents.c.id == document_id)).mappings().one()
    record = {"row": _plain({k: v for k, v in row.items() if k != "ingest"})}
    for name, table in _STATEMENTS:
        record[name] = [_plain(dict(r)) for r in connection.execute(
            select(table).where(table.c.document == document_id).order_by(*table.primary_key.columns)).mappings()]
    event_ids = [e["id"] for e in record["events"]]
    record["participants"] = [_plain(dict(r)) for r in connection.execute(
        select(participants).where(participants.c.event.in_(event_ids))
        .order_by(participants.c.event, participants.c.position)).mappings()] if event_ids else []
    return record


def _plain(row: dict) -> dict:
    return {k: dialect.utc(v).isoformat() if isinstance(v, datetime) else v for k, v in row.items()}


# ---------------------------------------------------------------- in

def load(store: Store, lines: Iterable[str], origin: str = "-") -> LoadReport:
    """Load a dump (its lines) into ``store``; a line that is not a record of a dump is refused
    with its number, and the others are loaded (each document in one transaction)."""
    report = LoadReport()
    numbered = ((n, line) for n, line in enumerate(lines, 1) if line.strip())
    first = next(numbered, None)
    if first is None:
        raise InputError(origin, "empty dump")
    header = _json(origin, *first)
    if not isinstance(header, dict) or header.get("veille") != FORMAT:
        raise InputError(origin, f"not a veille dump of format {FORMAT} (its first line must be "
                                 f'{{"veille": {FORMAT}}})')
    for n, line in numbered:
        try:
            _load_record(store, _json(origin, n, line), report)
        except (InputError, KeyError, TypeError, ValueError) as exc:
            message = exc.reason if isinstance(exc, InputError) else f"malformed record ({exc!r})"
            report.failures.append(InputError(f"{origin}:{n}", message))
    return report


def _json(origin: str, n: int, line: str):
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{origin}:{n}", f"malformed JSON ({exc.msg})") from None


def _load_record(store: Store, record, report: LoadReport) -> None:
    if not isinstance(record, dict) or len(record) != 1:
        raise InputError("", "a record holds one of document, judgement or grade")
    (kind, value), = record.items()
    if kind == "document":
        rows = Rows(document={**_dated(value["row"], "ingested_at"), "ingest": None},
                    **{name: list(value[name]) for name, _table in _STATEMENTS},
                    participants=list(value["participants"]))
        if store_rows(store, rows):
            report.documents += 1
        else:
            report.already_stored += 1
    elif kind == "judgement":
        report.judgements += _append_once(store, judgements, _dated(value, "judged_at"),
                                          ("left_id", "right_id", "judgement", "judged_by", "judged_at"))
    elif kind == "grade":
        report.grades += _append_once(store, grade_judgements, _dated(value, "judged_at"),
                                      ("claim", "grade", "judged_by", "judged_at"))
    else:
        raise InputError("", f"unknown record {kind!r}")


def _dated(row: dict, column: str) -> dict:
    return {**row, column: datetime.fromisoformat(row[column])}


def _append_once(store: Store, table, row: dict, identity: tuple[str, ...]) -> int:
    """Append ``row`` unless the same judgement (by ``identity``) is recorded; 1 if appended."""
    with store.write() as connection:
        same = connection.execute(select(table.c.id, table.c.judged_at).where(
            and_(*(table.c[c] == row[c] for c in identity if c != "judged_at")))).all()
        if any(dialect.utc(r.judged_at) == dialect.utc(row["judged_at"]) for r in same):
            return 0
        connection.execute(table.insert().values(**row))
    return 1
