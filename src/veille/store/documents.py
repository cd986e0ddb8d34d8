"""The store's documents as an analyst reads them: a list, one document with its mentions and
facts, and an uploaded file into the store.

- :func:`list_documents`: a page of stored documents, newest first, with how many entities,
  relations and events each one gave;
- :func:`annotated_document`: one document's cleaned text with every entity mention (offsets,
  canonical id, type) and the relations and events read from it, each with its evidence span, so
  that a page can highlight a fact's sentence in the text it comes from;
- :func:`ingest_upload`: the bytes of one uploaded file into the store, read by the same
  readers as ``veille ingest`` (``ingest.read_bytes``), so an upload is refused for the same
  reasons, in the same words.

Canonical ids come from the ``canonical`` argument, as for every query (``canonical.py``): the
judgements in force by default (``judgements.resolver_for``).
"""

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..errors import InputError
from ..prepare.read import FORMATS_BY_SUFFIX, read_bytes
from ..model import Document
from ..pipeline import Pipeline, Report
from ..prepare import prepare_all
from ..settings import Settings
from .canonical import Canonicals, Resolver, chunks
from .db import Store
from .ingest import IngestReport, ingest, not_stored
from .judgements import resolver_for
from .schema import documents, entities, events, mentions, participants, relations

#: The most documents one page of :func:`list_documents` gives.
MAX_PAGE = 500

_SUMMARY = [documents.c.id, documents.c.doc_id, documents.c.title, documents.c.published,
            documents.c.source, documents.c.authors, documents.c.url]
#: Characters an uploaded file's name may not keep (paths, controls, markup).
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f<>\"'`\\/]")


# ---------------------------------------------------------------- the list

def list_documents(store: Store, limit: int = 50, offset: int = 0) -> dict:
    """``{"total": n, "documents": [...]}``: at most ``limit`` stored documents from ``offset``,
    the latest published first (undated ones last), each with its store id, doc_id, title,
    published date, outlet, authors, URL and its numbers of entities, relations and events."""
    limit, offset = max(0, min(limit, MAX_PAGE)), max(0, offset)
    with store.read() as connection:
        total = connection.scalar(select(func.count()).select_from(documents))
        rows = connection.execute(
            select(*_SUMMARY).order_by(documents.c.published.is_(None), documents.c.published.desc(),
                                       documents.c.doc_id, documents.c.id)
            .limit(limit).offset(offset)).mappings().all()
        counts = _counts(connection, [r["id"] for r in rows])
    return {"total": total, "documents": [_summary(row, counts) for row in rows]}


def _counts(connection: Connection, ids: list[str]) -> dict[tuple[str, str], int]:
    """(table name, document id) → number of rows of that table for the document."""
    found: dict[tuple[str, str], int] = {}
    for table in (entities, relations, events):
        for chunk in chunks(ids):
            query = (select(table.c.document, func.count()).where(table.c.document.in_(chunk))
                     .group_by(table.c.document))
            found.update(((table.name, document), n) for document, n in connection.execute(query))
    return found


def _summary(row, counts: dict) -> dict:
    return {"id": row["id"], "doc_id": row["doc_id"], "title": row["title"], "published": row["published"],
            "source": row["source"], "authors": list(row["authors"] or []), "url": row["url"],
            **{name: counts.get((name, row["id"]), 0) for name in ("entities", "relations", "events")}}


# ---------------------------------------------------------------- one document

def annotated_document(store: Store, reference: str, canonical: Canonicals = None) -> dict | None:
    """One stored document with its mentions and facts; None when the store has none such.

    ``reference`` is the store id (the fingerprint), or a ``doc_id`` that one stored document
    only bears (doc_ids are file names: two files of one name may be two documents).

    1. the document: store id, doc_id, title, published, outlet, authors, URL, cleaned text;
    2. its entities: statement id, canonical id, name, type, kind, country, aliases, and their
       mentions, in the order of the text (``{"start", "end", "text", "entity"}``);
    3. its relations and events, each with its statement id, its ends or participants (with
       their canonical ids and names), evidence span, attribution and negation.
    """
    resolving = resolver_for(store, canonical)
    with store.read() as connection:
        row = _document_row(connection, reference)                                     # 1
        if row is None:
            return None
        record = {key: value for key, value in row.items() if key != "ingested_at"}
        record["authors"] = list(record["authors"] or [])
        people = _entities(connection, resolving, row["id"])                            # 2
        record["entities"] = list(people.values())
        record["mentions"] = _mentions(connection, row["id"])
        record["relations"] = _relations(connection, row["id"], people)                  # 3
        record["events"] = _events(connection, row["id"], people)
    return record


def _document_row(connection: Connection, reference: str):
    if "\x00" in reference:            # no id holds one, and PostgreSQL refuses it in a query
        return None
    columns = _SUMMARY + [documents.c.text, documents.c.origin, documents.c.ingested_at]
    row = connection.execute(select(*columns).where(documents.c.id == reference)).mappings().first()
    if row is not None:
        return row
    named = connection.execute(select(*columns).where(documents.c.doc_id == reference).limit(2)).mappings().all()
    return named[0] if len(named) == 1 else None


def _entities(connection: Connection, canonical: Resolver, document: str) -> dict[str, dict]:
    query = select(entities).where(entities.c.document == document).order_by(entities.c.position)
    return {row["id"]: {"id": row["id"], "canonical": canonical.of(row["id"], row["type"], row["identity"]),
                        "name": row["name"], "type": row["type"], "kind": row["kind"], "country": row["country"],
                        "aliases": list(row["aliases"] or [])}
            for row in connection.execute(query).mappings()}


def _mentions(connection: Connection, document: str) -> list[dict]:
    query = (select(mentions.c.entity, mentions.c.start_offset, mentions.c.end_offset, mentions.c.text)
             .where(mentions.c.document == document)
             .order_by(mentions.c.start_offset, mentions.c.end_offset.desc(), mentions.c.entity))
    return [{"start": m.start_offset, "end": m.end_offset, "text": m.text, "entity": m.entity}
            for m in connection.execute(query)]


def _end(people: dict[str, dict], entity_id: str | None) -> dict | None:
    if entity_id is None:
        return None
    entity = people[entity_id]
    return {"entity": entity_id, **{k: entity[k] for k in ("canonical", "name", "type", "kind")}}


def _said(row) -> dict:
    """Evidence span, attribution and negation of a relation or event row."""
    return {"evidence": {"start": row["evidence_start"], "end": row["evidence_end"], "text": row["evidence_text"]},
            "attribution": {"kind": row["attribution_kind"], "via": list(row["attribution_via"] or []),
                            "text": row["attribution_text"], "hedged": bool(row["hedged"])},
            "negated": bool(row["negated"])}


def _relations(connection: Connection, document: str, people: dict[str, dict]) -> list[dict]:
    query = select(relations).where(relations.c.document == document).order_by(relations.c.position)
    return [{"id": r["id"], "type": r["type"], "subject": _end(people, r["subject"]),
             "object": _end(people, r["object"]), "role": r["role"], "start": r["start_date"],
             "end": r["end_date"], "past": bool(r["past"]), **_said(r)}
            for r in connection.execute(query).mappings()]


def _events(connection: Connection, document: str, people: dict[str, dict]) -> list[dict]:
    rows = connection.execute(select(events).where(events.c.document == document)
                              .order_by(events.c.position)).mappings().all()
    members: dict[str, list[str]] = {}
    for chunk in chunks(r["id"] for r in rows):
        query = (select(participants.c.event, participants.c.entity).where(participants.c.event.in_(chunk))
                 .order_by(participants.c.event, participants.c.position))
        for event, entity in connection.execute(query):
            members.setdefault(event, []).append(entity)
    return [{"id": r["id"], "type": r["type"], "cameo": r["cameo"], "subtype": r["subtype"], "date": r["date"],
             "date_text": r["date_text"], "participants": [_end(people, e) for e in members.get(r["id"], [])],
             "place": _end(people, r["place"]), **_said(r)}
            for r in rows]


# ---------------------------------------------------------------- an uploaded file

class UnsupportedUpload(InputError):
    """An uploaded file whose name has a suffix no reader takes (a folder would skip it)."""


class UploadTooLarge(InputError):
    """An uploaded file over the size limit (``VEILLE_MAX_BYTES``)."""


@dataclass
class UploadReport(IngestReport):
    """An ingest report, plus the stored documents the upload holds (new or stored before)."""

    documents: list[dict] = field(default_factory=list)

    def to_record(self) -> dict:
        return {"summary": self.summary(), "read": self.read, "stored": self.stored,
                "already_stored": list(self.already_stored), "duplicates": list(self.duplicates),
                "failures": [str(f) for f in self.failures], "documents": self.documents}


def upload_name(filename: str | None) -> str:
    """The name an upload is known by: the last part of the client's file name (either kind of
    path separator), without characters that could pass for a path or markup."""
    name = PureWindowsPath(PurePosixPath(filename or "").name).name
    return _UNSAFE_NAME.sub("", name).strip()[:200] or "upload.txt"


def ingest_upload(store: Store, filename: str | None, data: bytes, settings: Settings, pipeline: Pipeline,
                  ) -> UploadReport:
    """Store the articles of one uploaded file, as ``veille ingest`` stores those of a named file.

    1. refuse a name whose suffix no reader takes (:class:`UnsupportedUpload`) and a file over
       ``settings.max_bytes`` (:class:`UploadTooLarge`), before reading it;
    2. read it with the CLI's readers (``ingest.read_bytes``): a file refused whole (binary,
       empty, undecodable, malformed JSON) is a failure of the report, in the CLI's words, a bad
       record of a JSON file one failure among the good records; prepare each document once
       (``prepare.py``: cleaned, fingerprinted);
    3. leave out what the store holds already, extract the rest with ``pipeline`` (which does
       not clean them again) and store each document in its own transaction (``store.ingest``);
    4. list the stored documents the upload holds, new or not.
    """
    name = upload_name(filename)
    fmt = FORMATS_BY_SUFFIX.get(PurePosixPath(name).suffix.lower())                    # 1
    if fmt is None:
        raise UnsupportedUpload(name, f"unsupported file type (expected {', '.join(FORMATS_BY_SUFFIX)})")
    report = UploadReport()
    try:                                                                                # 2
        items = read_bytes(data, name, fmt, settings, PurePosixPath(name).stem)
    except InputError as exc:
        if len(data) > settings.max_bytes:
            raise UploadTooLarge(exc.origin, exc.reason) from None
        items = [exc]
    items = list(prepare_all(items))
    prints = list(dict.fromkeys(i.fingerprint for i in items if isinstance(i, Document)))
    fresh = not_stored(store, items, report)                                            # 3
    if fresh:
        extraction = Report(duplicates=report.duplicates, failures=report.failures)
        ingest(store, pipeline.extract(fresh, extraction), report)
    report.read = len(items)            # ingest counted only the documents that reached it
    report.documents = _held(store, prints)                                             # 4
    return report


def _held(store: Store, prints: list[str]) -> list[dict]:
    with store.read() as connection:
        rows = {row["id"]: row for chunk in chunks(prints) for row in connection.execute(
            select(*_SUMMARY).where(documents.c.id.in_(chunk))).mappings()}
    return [{"id": p, "doc_id": rows[p]["doc_id"], "title": rows[p]["title"]} for p in prints if p in rows]

