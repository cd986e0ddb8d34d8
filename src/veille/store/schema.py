"""The store's tables (SQLAlchemy Core), the one declaration the migrations must agree with.

Source facts are immutable statements, as in nomenklatura and FollowTheMoney: a document, the
entities its extraction found, their mentions, the relations and events read from it. Each row's
id is a content hash (``rows.py``), so storing the same document twice changes nothing, and no
later stage rewrites them. Resolution across documents is a separate layer: ``judgements`` records
who decided that two entities are (not) the same, and canonical ids are applied on read.

Column names avoid SQL keywords (``start``/``end``, ``left``/``right``, ``by``) so that hand-written
queries need no quoting. Dates of the ontology (``published``, a relation's bounds, an event's
date) are ISO strings at the precision the text gives (``2022``, ``2022-11``, ``2022-11-14``).
Strings other than ids are unbounded ``TEXT``: PostgreSQL enforces ``VARCHAR`` lengths and SQLite
does not, and both must accept the same documents.
"""

from sqlalchemy import (Boolean, CheckConstraint, Column, DateTime, ForeignKey, Index, Integer,
                        MetaData, PrimaryKeyConstraint, String, Table, Text)

from .dialect import JSONValue, SearchTerms

#: Deterministic constraint names on both databases (later migrations refer to them by name).
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
#: The three answers to "are these two entities the same?" (nomenklatura's Judgement).
JUDGEMENTS = ("positive", "negative", "unsure")

metadata = MetaData(naming_convention=NAMING)

#: Content-hash ids: sha256 of a document's normalised body, sha1 of a statement's content.
HASH = 64


def _document_ref() -> Column:
    return Column("document", String(HASH), ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False, index=True)


def _entity_ref(name: str, nullable: bool = False, index: bool = True) -> Column:
    return Column(name, String(HASH), ForeignKey("entities.id", ondelete="CASCADE"),
                  nullable=nullable, index=index)


def _evidence_and_attribution() -> list[Column]:
    """The sentence a statement is read from and who says so (ONTOLOGY.md, Attribution)."""
    return [
        Column("evidence_start", Integer, nullable=False),
        Column("evidence_end", Integer, nullable=False),
        Column("evidence_text", Text, nullable=False),
        Column("attribution_kind", Text(), nullable=False),
        Column("attribution_via", JSONValue, nullable=False),
        Column("attribution_text", Text),
        Column("hedged", Boolean, nullable=False),
        Column("negated", Boolean, nullable=False),
    ]


#: One run of ``ingest``: finished_at stays empty when the run was killed; counts at the end.
ingests = Table(
    "ingests", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("stored", Integer),
    Column("already_stored", Integer),
    Column("failed", Integer),
)

#: One article: id is the sha256 fingerprint of its cleaned body (``clean.fingerprint``).
documents = Table(
    "documents", metadata,
    Column("id", String(HASH), primary_key=True),
    Column("doc_id", Text(), nullable=False, index=True),
    Column("title", Text),
    Column("published", Text(), index=True),
    Column("source", Text()),
    Column("authors", JSONValue, nullable=False),
    Column("url", Text),
    Column("language", Text(), nullable=False),
    Column("text", Text, nullable=False),
    Column("origin", Text),
    Column("ingest", Integer, ForeignKey("ingests.id"), index=True),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

#: An entity as one document's extraction found it; ``identity`` is its resolution key
#: (``resolve.identity``), from which the canonical id is computed on read.
entities = Table(
    "entities", metadata,
    Column("id", String(HASH), primary_key=True),
    _document_ref(),
    Column("local_id", Text(), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("type", Text(), nullable=False),
    Column("kind", Text()),
    Column("country", Text()),
    Column("aliases", JSONValue, nullable=False),
    Column("identity", Text, nullable=False, index=True),
    Column("function", Text()),
    Column("stated_country", Text()),
)

#: Where an entity is named: characters ``start:end`` of its document's text.
mentions = Table(
    "mentions", metadata,
    _entity_ref("entity", index=False),       # the primary key's first column
    Column("position", Integer, nullable=False),
    _document_ref(),
    Column("start_offset", Integer, nullable=False),
    Column("end_offset", Integer, nullable=False),
    Column("text", Text, nullable=False),
    PrimaryKeyConstraint("entity", "position"),
)

#: A relation statement (ONTOLOGY.md, Relations) between two entities of one document.
relations = Table(
    "relations", metadata,
    Column("id", String(HASH), primary_key=True),
    _document_ref(),
    Column("position", Integer, nullable=False),
    Column("type", Text(), nullable=False),       # no index: it misled SQLite (migration 0004)
    _entity_ref("subject"),
    _entity_ref("object"),
    Column("role", Text),
    Column("start_date", Text()),
    Column("end_date", Text()),
    Column("start_text", Text),
    Column("past", Boolean, nullable=False),
    *_evidence_and_attribution(),
)

#: An event statement (ONTOLOGY.md, Events); its participants are rows of ``participants``.
events = Table(
    "events", metadata,
    Column("id", String(HASH), primary_key=True),
    _document_ref(),
    Column("local_id", Text(), nullable=False),
    Column("position", Integer, nullable=False),
    Column("type", Text(), nullable=False, index=True),
    Column("cameo", Text()),
    Column("subtype", Text()),
    _entity_ref("place", nullable=True),
    Column("date", Text(), index=True),
    Column("date_text", Text),
    *_evidence_and_attribution(),
)

#: The participants of an event, in the order the extraction gave them.
participants = Table(
    "participants", metadata,
    Column("event", String(HASH), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    _entity_ref("entity"),
)

#: "Are these two entities the same?": positive / negative / unsure, by the resolver or an
#: analyst, and when. Append-only: the latest judgement on a pair is the one in force, and an
#: analyst's judgement outranks the resolver's. ``left_id`` and ``right_id`` are entity
#: statement ids or canonical ids; the resolver decides which and orders each pair.
judgements = Table(
    "judgements", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("left_id", String(HASH), nullable=False),
    Column("right_id", String(HASH), nullable=False),
    Column("judgement", Text(), nullable=False),
    Column("judged_by", Text(), nullable=False),
    Column("judged_at", DateTime(timezone=True), nullable=False),
    Column("note", Text),
    CheckConstraint("judgement IN ('positive', 'negative', 'unsure')", name="judgement"),
    CheckConstraint("left_id <> right_id", name="pair"),
    Index("ix_judgements_pair", "left_id", "right_id"),
)

#: "How credible is this claim?": an analyst's Admiralty grade (1 confirmed … 6 cannot be judged)
#: for a claim (``claims.py``), overriding the rule of ``corroboration.py``. Append-only like
#: ``judgements``: the latest override of a claim is in force. ``claim`` is the claim's id when it
#: was graded; ``statements`` the relation or event statement ids it grouped then, so that the
#: override follows the claim when later merges or splits change its canonical ends (and its id).
grade_judgements = Table(
    "grade_judgements", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim", Text(), nullable=False, index=True),
    Column("statements", JSONValue, nullable=False),
    Column("grade", Integer, nullable=False),
    Column("judged_by", Text(), nullable=False),
    Column("judged_at", DateTime(timezone=True), nullable=False),
    Column("note", Text),
    CheckConstraint("grade BETWEEN 1 AND 6", name="grade"),
)

#: The search index of documents (``search.py``): the normalised title and text of each one.
#: ``id`` numbers the rows for FTS5 (``dialect.create_full_text`` indexes ``terms``).
search_documents = Table(
    "search_documents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document", String(HASH), ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False, unique=True),
    Column("terms", SearchTerms, nullable=False),
)

#: The search index of entity names: one row per name (or alias) of an identity key, whatever
#: the number of documents that use it. ``canonical`` is the identity-key canonical id
#: (``resolve.canonical_id``): how queries find the entity statements of a canonical entity.
#: ``words`` is the normalised name, indexed for full text (``dialect.create_full_text``).
search_names = Table(
    "search_names", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(HASH), nullable=False, unique=True),
    Column("canonical", Text(), nullable=False, index=True),
    Column("type", Text(), nullable=False),
    Column("identity", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("words", Text, nullable=False),
)

#: Every table of facts, in the order an analyst reads them (``veille stats``); the search
#: tables are an index of them, rebuilt from them (``search.rebuild``).
TABLES = (documents, entities, mentions, relations, events, participants, judgements, grade_judgements,
          ingests)
