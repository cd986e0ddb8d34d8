"""Full-text search of the store: documents by their title and text, entities by their names.

veille normalises what is indexed and what is searched itself, the same way for both databases
(:func:`words`): NFKC, accents removed, ligatures opened (œ → oe), curly apostrophes made straight,
case folded, then cut into words of letters and digits. FTS5 (SQLite) and ``tsvector`` with the
``simple`` configuration (PostgreSQL) index those words as they are (``dialect.py`` says why), so
"securite" finds "sécurité", "manoeuvre" finds "manœuvre", "l'algerie" finds "l’Algérie", on both.

A query is words that must all be present, in any order: ``DGSE Bamako``. A quoted group must
appear as a phrase: ``"Karim Ouali"``; a trailing ``*`` makes the last word a prefix:
``sécurit*``. Nothing else is syntax. Words are matched whole otherwise: no stemming, so
"service" does not find "services" (``service*`` does).

The index is written with each document, in its transaction (:func:`index`, called by
``ingest.store_document``), and can be rebuilt from the facts (:func:`rebuild`). Entity names are
indexed once per identity key and spelling, however many documents use them (``search_names``).
"""

import hashlib
import re
import unicodedata
from collections import Counter

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection

from ..extract import resolve
from ..text import straighten, strip_accents
from . import dialect
from .canonical import Canonicals, chunks, describe
from .db import Store
from .judgements import resolver_for
from .rows import Rows
from .schema import documents, entities, search_documents, search_names

#: A document's text is indexed word for word up to this many characters (phrases are found
#: there), and by its other distinct words after, up to :data:`INDEXED_MAX` characters in all: a
#: ``tsvector`` holds at most 1 MB and counts positions up to 16,383 (FTS5 has neither limit;
#: the same cut keeps both databases finding the same documents).
INDEXED_IN_FULL = 50_000
INDEXED_MAX = 120_000
#: How many entity names one search reads before grouping them into canonical entities.
NAME_HITS = 1_000
#: The length of a snippet, in characters, around the best place of a document.
SNIPPET_CHARS = 200
#: A snippet is taken from this many characters at the start of the text, read from the database
#: instead of the whole text: past the words indexed in full, the index holds no places, and a
#: long document costs a search no more than a short one. A word found only further on (the
#: index's distinct words) gives the text's first characters, without highlights.
SNIPPET_SCAN = INDEXED_IN_FULL + 10_000

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
_WORD = re.compile(r"[^\W_]+")
_QUERY = re.compile(r'"([^"]*)"?(\*?)|(\S+)')


def normalise(text: str) -> str:
    """The text as it is indexed, before it is cut into words: 'Œuvre d’État' -> "oeuvre d'etat"."""
    text = straighten(unicodedata.normalize("NFKC", text.translate(_LIGATURES)))
    return strip_accents(text).casefold()


def words(text: str) -> list[str]:
    """The words of ``text`` as the index holds them."""
    return _WORD.findall(normalise(text))


def document_terms(title: str | None, text: str) -> str:
    """What is indexed of a document: the words of its title and text, cut as
    :data:`INDEXED_IN_FULL` says."""
    indexed = words(title or "") + words(text)
    full, total, kept = [], 0, set()
    for word in indexed:
        if total + len(word) > INDEXED_IN_FULL:
            break
        full.append(word)
        kept.add(word)
        total += len(word) + 1
    rest = []
    for word in indexed[len(full):]:
        if word in kept:
            continue
        if total + len(word) > INDEXED_MAX:
            break
        rest.append(word)
        kept.add(word)
        total += len(word) + 1
    return " ".join(full + rest)


# ---------------------------------------------------------------- writing the index

def index(connection: Connection, rows: Rows) -> None:
    """Index one document being stored (its rows), in the caller's transaction."""
    document = rows.document
    connection.execute(dialect.insert_ignore(connection, search_documents), {
        "document": document["id"], "terms": document_terms(document["title"], document["text"])})
    _index_names(connection, rows.entities)


def _index_names(connection: Connection, entity_rows) -> None:
    names = {}
    for row in entity_rows:
        for name in [row["name"], *(row["aliases"] or [])]:
            name_row = _name_row(row["type"], row["identity"], name)
            names.setdefault(name_row["key"], name_row)
    # in the order of their keys: two documents indexing the same names at once on PostgreSQL
    # take the row locks in the same order, and never wait on each other in a cycle
    if names:
        connection.execute(dialect.insert_ignore(connection, search_names), [names[k] for k in sorted(names)])


def _name_row(entity_type: str, identity: str, name: str) -> dict:
    indexed = " ".join(words(name))
    digest = hashlib.sha1("\x1f".join((entity_type, identity, indexed)).encode("utf-8")).hexdigest()
    return {"key": digest, "canonical": resolve.canonical_id(entity_type, identity), "type": entity_type,
            "identity": identity, "name": name, "words": indexed}


def rebuild(connection: Connection, batch: int = 500) -> None:
    """Index every stored document and entity again, from the facts (in the caller's transaction)."""
    connection.execute(delete(search_documents))
    connection.execute(delete(search_names))
    last = ""
    while True:
        page = connection.execute(select(documents.c.id, documents.c.title, documents.c.text)
                                  .where(documents.c.id > last).order_by(documents.c.id).limit(batch)).all()
        if not page:
            break
        connection.execute(search_documents.insert(), [
            {"document": d.id, "terms": document_terms(d.title, d.text)} for d in page])
        last = page[-1].id
    distinct_names = select(entities.c.type, entities.c.identity, entities.c.name, entities.c.aliases).distinct()
    _index_names(connection, connection.execute(distinct_names).mappings().all())


# ---------------------------------------------------------------- queries

def phrases(query: str) -> dialect.Phrases:
    """The phrases of a query, for ``dialect.full_text_matches``: [(words, prefix)]."""
    found = []
    for quoted, star, bare in _QUERY.findall(query):
        prefix = bool(star) or bare.endswith("*")
        said = words(quoted if quoted or star else bare)
        if said:
            found.append((tuple(said), prefix))
    return found


def search(store: Store, query: str, limit: int = 20, canonical: Canonicals = None) -> dict:
    """Entities whose names or aliases, and documents whose title or text, hold every word of
    ``query`` (see the module's docstring for its syntax), the most relevant first.

    ``{"entities": [...], "documents": [...]}``, at most ``limit`` of each:

    - an entity: its canonical id, name, type, kind, country, number of documents, and the names
      (or aliases) that matched (``canonical`` as in ``canonical.py``);
    - a document: its store id, doc_id, title, source, published date, and a snippet of its text
      around the words found, with their places in the snippet (``highlights``: [start, end]).
    """
    said = phrases(query)
    if not said or limit < 1:
        return {"entities": [], "documents": []}
    with store.read() as connection:
        return {"entities": _entities(connection, said, limit, resolver_for(store, canonical)),
                "documents": _documents(connection, said, limit)}


def _entities(connection: Connection, said, limit: int, canonical) -> list[dict]:
    hits = connection.execute(dialect.full_text_matches(connection, search_names, said, NAME_HITS)).mappings().all()
    matched: dict[str, list[str]] = {}
    for target, name in _canonical_hits(connection, canonical, hits):
        names = matched.setdefault(target, [])
        if name not in names:
            names.append(name)
    best = list(matched)
    described = describe(connection, canonical, best[:limit * 2])
    found = [{**described[t], "matched": matched[t][:5]} for t in best if t in described]
    return found[:limit]


def named(connection: Connection, canonical, name: str) -> list[str]:
    """The canonical ids of the entities that bear ``name`` as a name or an alias, spelt the same
    once normalised ("DGSE", "la dgse" and "l’Algérie" are three different names)."""
    said = " ".join(words(name))
    if not said:
        return []
    query = dialect.full_text_matches(connection, search_names, [(tuple(said.split()), False)], NAME_HITS)
    hits = [h for h in connection.execute(query).mappings() if h["words"] == said]
    return list(dict.fromkeys(target for target, _name in _canonical_hits(connection, canonical, hits)))


def _canonical_hits(connection: Connection, canonical, hits) -> list[tuple[str, str]]:
    """(canonical id, name matched) of each name found, in the order found."""
    if not canonical.by_statement:
        return [(canonical.of("", h["type"], h["identity"]), h["name"]) for h in hits]
    # statements of one identity key may belong to several canonical entities: ask each of them
    targets: dict[tuple[str, str], set[str]] = {}
    for identities in chunks({h["identity"] for h in hits}):
        query = select(entities.c.id, entities.c.type, entities.c.identity).where(entities.c.identity.in_(identities))
        for row in connection.execute(query):
            targets.setdefault((row.type, row.identity), set()).add(canonical.of(row.id, row.type, row.identity))
    return [(target, h["name"]) for h in hits for target in sorted(targets.get((h["type"], h["identity"]), ()))]


def _documents(connection: Connection, said, limit: int) -> list[dict]:
    hits = [row.document for row in connection.execute(dialect.full_text_matches(connection, search_documents, said, limit))]
    if not hits:
        return []
    rows = {row.id: row for row in connection.execute(
        select(documents.c.id, documents.c.doc_id, documents.c.title, documents.c.source, documents.c.published,
               func.substr(documents.c.text, 1, SNIPPET_SCAN).label("start"),
               func.length(documents.c.text).label("length")).where(documents.c.id.in_(hits)))}
    wanted = [(w, prefix and w == ws[-1]) for ws, prefix in said for w in ws]
    found = []
    for hit in hits:
        row = rows[hit]
        snippet, highlights = snip(row.start, wanted, length=row.length)
        found.append({"id": row.id, "doc_id": row.doc_id, "title": row.title, "source": row.source,
                      "published": row.published, "snippet": snippet, "highlights": highlights})
    return found


# ---------------------------------------------------------------- snippets

def snip(text: str, wanted: list[tuple[str, bool]], size: int = SNIPPET_CHARS,
         length: int | None = None) -> tuple[str, list[list[int]]]:
    """About ``size`` characters of ``text`` around the place that holds the most distinct words
    of ``wanted`` ([(word, is a prefix)]), cut between words, ``…`` where the text goes on; and
    the [start, end] of each word found, in the snippet.

    Only the first :data:`SNIPPET_SCAN` characters are read; ``text`` may be just those, of a
    text ``length`` long. Computed here rather than by the database, so that both give the same
    snippet, in the document's own spelling (the index holds it normalised).
    """
    length = len(text) if length is None else length
    text = text[:SNIPPET_SCAN]
    places = [(m.start(), m.end(), w) for m in _WORD.finditer(text) for w in _matching(m.group(), wanted)]
    begin = _best_window(places, size * 3 // 4) - size // 4 if places else 0
    begin, end = _bounds(text, begin, size)
    lead, tail = ("…" if begin > 0 else ""), ("…" if end < max(length, len(text)) else "")
    shift = len(lead) - begin
    highlights = [[s + shift, e + shift] for s, e, _w in places if s >= begin and e <= end]
    return lead + re.sub(r"\s", " ", text[begin:end]) + tail, highlights


def _matching(word: str, wanted: list[tuple[str, bool]]) -> list[str]:
    """The first word of ``wanted`` that the text's ``word`` is (or begins with, for a prefix)."""
    normal = words(word)
    return [w for w, prefix in wanted if any(n == w or (prefix and n.startswith(w)) for n in normal)][:1]


def _best_window(places: list[tuple[int, int, str]], width: int) -> int:
    """Where the window of ``width`` characters with the most distinct words found begins."""
    best, best_count, inside, j = places[0][0], 0, Counter(), 0
    for start, _end, word in places:
        while j < len(places) and places[j][0] < start + width:
            inside[places[j][2]] += 1
            j += 1
        if len(+inside) > best_count:
            best, best_count = start, len(+inside)
        inside[word] -= 1
    return best


def _bounds(text: str, begin: int, size: int) -> tuple[int, int]:
    """``begin`` and ``begin + size`` moved to the nearest spaces before them (within reason)."""
    begin = max(0, begin)
    if begin > 0:
        space = text.rfind(" ", max(0, begin - 30), begin)
        begin = space + 1 if space >= 0 else 0 if begin <= 30 else begin
    end = min(len(text), begin + size)
    if end < len(text):
        space = text.rfind(" ", begin + size // 2, end)
        end = space if space > 0 else end
    return begin, end
