"""The JSON API under ``/api``: each route a thin wrapper over one library function of the store.

Routes read their arguments, call the function (which applies the canonical ids in force, the
analysts' judgements included) and return its plain data; errors are veille's own, mapped to a
status and one line by ``errors.py``. A missing entity, document or claim is a 404 with a message.
"""

import shutil
import tempfile
from pathlib import Path
from typing import Literal

from anyio import to_thread
from fastapi import APIRouter, Depends, File, Query, UploadFile
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from .. import __version__
from ..errors import UnknownEntity
from ..export import export
from ..ontology import describe, role_types
from ..store.claims import claim, claims, override_grade
from ..store.documents import annotated_document, ingest_upload, list_documents
from ..store.judgements import canonical_ids, merge, split
from ..store.queries import entity_profile, neighbourhood, role_holders, shortest_path, timeline
from ..store.search import search
from . import views
from .context import Context, context

router = APIRouter(prefix="/api")

#: Bounds of the numeric arguments: past them an answer is too long to be of use.
MAX_LIMIT, MAX_DEPTH = 500, views.GRAPH_DEPTH


class JudgementBody(BaseModel):
    """Two entities (statement ids or canonical ids) and the analyst who judges them."""

    a: str = Field(min_length=1, max_length=200, description="An entity statement id or canonical id.")
    b: str = Field(min_length=1, max_length=200, description="The other entity.")
    by: str = Field(min_length=1, max_length=100, description="The analyst's name.")
    note: str | None = Field(None, max_length=2000, description="Why, in the analyst's words.")


class GradeBody(BaseModel):
    """An analyst's grade for a claim, on the Admiralty scale of credibility."""

    grade: int = Field(ge=1, le=6, description="1 confirmed … 5 improbable, 6 cannot be judged")
    by: str = Field(min_length=1, max_length=100, description="The analyst's name.")
    note: str | None = Field(None, max_length=2000, description="Why, in the analyst's words.")


def _found(value, what: str):
    if value is None:
        raise UnknownEntity(f"no {what} in the store")
    return value


def _plain(value) -> JSONResponse:
    """A library answer (plain dicts, lists, strings, numbers) as JSON as it is: FastAPI's
    ``jsonable_encoder`` walks every value first, a fifth of the time of a profile request
    (measured: 13 of 62 ms on a 2,000-document store), for nothing these answers need."""
    return JSONResponse(value)


# ---------------------------------------------------------------- the store

@router.get("/health", tags=["store"])
def health(ctx: Context = Depends(context)) -> dict:
    """Whether the application answers and reads its store (open without the token)."""
    list_documents(ctx.store, limit=0)
    return {"status": "ok", "version": __version__, "read_only": ctx.config.read_only}


@router.get("/ontology", tags=["store"])
def ontology() -> dict:
    """The types the extraction produces (ONTOLOGY.md), with all that veille says of each:
    entity types and kinds, relation and event types, attribution kinds, their words, colours
    and FollowTheMoney schemata, and the graph's legend (``ontology.describe``)."""
    return describe()


# ---------------------------------------------------------------- documents

@router.get("/documents", tags=["documents"])
def documents(limit: int = Query(50, ge=0, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=10**9),
              ctx: Context = Depends(context)) -> dict:
    """Stored documents, the latest published first: ``{"total", "documents"}``."""
    return list_documents(ctx.store, limit, offset)


@router.get("/documents/{document}", tags=["documents"])
def document(document: str, ctx: Context = Depends(context)) -> dict:
    """One document (store id, or a doc_id one document only bears): its cleaned text, entity
    mentions (offsets, canonical id, type), relations and events with their evidence spans."""
    return _found(annotated_document(ctx.store, document), f"document {document!r}")


@router.post("/documents", tags=["documents"], status_code=201, responses={
    200: {"description": "Every article of the file was stored already"},
    413: {"description": "The file is over the size limit"},
    415: {"description": "The file's suffix is none veille reads"},
    422: {"description": "Nothing could be read: binary, empty, undecodable, malformed JSON…"}})
async def upload(file: UploadFile = File(..., description="An article: .txt, .md, .html, .htm, .json or .jsonl"),
                 ctx: Context = Depends(context)):
    """Extract and store the articles of an uploaded file, with the validation and the messages
    of ``veille ingest``; answers what was stored, already stored and refused."""
    data = await file.read()            # at most the body limit (``guard.py``): its size is told as it is
    settings = ctx.settings.with_overrides(max_bytes=ctx.config.max_upload_bytes)

    def extract_and_store():
        with ctx.extracting:
            return ingest_upload(ctx.store, file.filename, data, settings, ctx.pipeline())
    report = (await to_thread.run_sync(extract_and_store, limiter=ctx.long_work)).to_record()
    if not report["documents"] and report["failures"]:
        return JSONResponse({"error": "; ".join(report["failures"]), **report}, status_code=422)
    return JSONResponse(report, status_code=201 if report["stored"] else 200)


# ---------------------------------------------------------------- search and entities

@router.get("/search", tags=["entities"])
def search_store(q: str = Query(..., max_length=500, description='Words, "a phrase", a prefix*'),
                 limit: int = Query(20, ge=1, le=MAX_LIMIT), ctx: Context = Depends(context)) -> dict:
    """Entities by their names and aliases, documents by their title and text."""
    return search(ctx.store, q, limit)


@router.get("/entities/{entity}", tags=["entities"])
def entity(entity: str, ctx: Context = Depends(context)) -> dict:
    """An entity's profile (by canonical id, or a name one entity only bears): aliases, roles
    over time, relations by type with evidence, attribution and source, events."""
    return _plain(_found(entity_profile(ctx.store, entity), f"entity {entity!r}"))


@router.get("/entities/{entity}/graph", tags=["graph"])
def graph(entity: str, depth: int = Query(1, ge=1, le=MAX_DEPTH),
          types: list[str] | None = Query(None, alias="type", description="Relation types followed"),
          start: str | None = Query(None, description="ISO date: 2022, 2022-11 or 2022-11-14"),
          end: str | None = Query(None, description="ISO date"),
          min_grade: int | None = Query(None, ge=1, le=6, description="Keep edges graded this or better (1 best)"),
          limit: int = Query(views.GRAPH_LIMIT, ge=1, le=2000,
                             description="Most entities besides the centre: a hub's most strongly linked first"),
          ctx: Context = Depends(context)) -> dict:
    """The neighbourhood of an entity: nodes and edges up to ``depth`` links away (``truncated``
    when ``limit`` left some entities out)."""
    return _plain(_found(neighbourhood(ctx.store, entity, depth, types or None, start, end, min_grade, limit=limit),
                         f"entity {entity!r}"))


@router.get("/path", tags=["graph"])
def path(a: str = Query(..., max_length=200), b: str = Query(..., max_length=200),
         max_depth: int = Query(4, ge=1, le=6), ctx: Context = Depends(context)) -> dict:
    """The shortest chain of relations joining two entities (canonical ids)."""
    return _found(shortest_path(ctx.store, a, b, max_depth),
                  f"chain of at most {max_depth} relations between {a!r} and {b!r}")


@router.get("/timeline", tags=["graph"])
def events_by_date(start: str | None = Query(None, description="ISO date"), end: str | None = Query(None),
                   entity: str | None = Query(None, max_length=200, description="A canonical id"),
                   types: list[str] | None = Query(None, alias="type", description="Event types"),
                   undated: bool = False, limit: int = Query(200, ge=1, le=5000),
                   ctx: Context = Depends(context)) -> list:
    """Events by date, of an entity and of types when given, within [start, end]."""
    return timeline(ctx.store, start, end, entity, types or None, undated=undated, limit=limit)


@router.get("/roles", tags=["graph"])
def roles(organisation: str = Query(..., max_length=200, description="A canonical id"),
          on: str = Query(..., description="ISO date"),
          role: str = Query(role_types()[0], description=" or ".join(role_types())),
          ctx: Context = Depends(context)) -> list:
    """Who held a role in an organisation on a date, with the statements that say so."""
    return role_holders(ctx.store, role, organisation, on)


# ---------------------------------------------------------------- claims

@router.get("/claims", tags=["claims"])
def claim_list(entity: str | None = Query(None, max_length=200, description="A canonical id"),
               types: list[str] | None = Query(None, alias="type", description="Relation or event types"),
               min_grade: int | None = Query(None, ge=1, le=6, description="Keep claims graded this or better"),
               limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=10**9),
               ctx: Context = Depends(context)) -> dict:
    """Claims (relations and events across documents) with their corroboration and grade, best
    graded first: ``{"total", "claims"}``."""
    return claims(ctx.store, entity=entity, types=types or None, min_grade=min_grade, limit=limit, offset=offset)


@router.get("/claims/{claim_id}", tags=["claims"])
def claim_one(claim_id: str, ctx: Context = Depends(context)) -> dict:
    """One claim: its corroboration, grade (the rule's and an analyst's) and every telling."""
    return _found(claim(ctx.store, claim_id), f"claim {claim_id!r}")


@router.post("/claims/{claim_id}/grade", tags=["claims", "judgements"], status_code=201)
def grade_claim(claim_id: str, body: GradeBody, ctx: Context = Depends(context)) -> dict:
    """Record an analyst's grade for a claim (the latest is in force); answers the claim as
    graded now."""
    return override_grade(ctx.store, claim_id, body.grade, body.by, body.note)


# ---------------------------------------------------------------- an analyst's judgements

@router.post("/judgements/merge", tags=["judgements"], status_code=201)
def merge_entities(body: JudgementBody, ctx: Context = Depends(context)) -> dict:
    """Record that two entities are one (a positive judgement by the analyst ``by``)."""
    return _judged(ctx, merge(ctx.store, body.a, body.b, body.by, body.note), body)


@router.post("/judgements/split", tags=["judgements"], status_code=201)
def split_entities(body: JudgementBody, ctx: Context = Depends(context)) -> dict:
    """Record that two entities are two (a negative judgement by the analyst ``by``)."""
    return _judged(ctx, split(ctx.store, body.a, body.b, body.by, body.note), body)


def _judged(ctx: Context, judged, body: JudgementBody) -> dict:
    """The judgement recorded: the two entities it names and the canonical id of each now."""
    canonical = canonical_ids(ctx.store)
    return {"judgement": judged.judgement, "by": body.by, "note": body.note,
            "entities": [{"entity": e, "canonical": canonical.get(e)} for e in (judged.left, judged.right)]}


# ---------------------------------------------------------------- exports

#: What each export format is served as: its media type and file suffix.
EXPORTS = {"ftm": ("application/x-ndjson", "ftm.json"), "graphml": ("application/graphml+xml", "graphml"),
           "gexf": ("application/gexf+xml", "gexf"), "csv": ("application/zip", "zip")}


@router.get("/export", tags=["exports"], response_class=FileResponse,
            responses={200: {"content": {media: {} for media, _suffix in EXPORTS.values()}}})
async def export_route(fmt: Literal["ftm", "graphml", "gexf", "csv"] = Query(..., alias="format"),
                       ctx: Context = Depends(context)):
    """The canonical graph as a file: FollowTheMoney entities (JSON lines), GraphML or GEXF
    (Gephi), or the CSV tables in a zip — what ``veille export`` writes."""
    media, suffix = EXPORTS[fmt]
    folder = tempfile.mkdtemp(prefix="veille-export-")
    path = Path(folder) / f"veille.{suffix}"
    try:
        await to_thread.run_sync(export, ctx.store, fmt, str(path), limiter=ctx.long_work)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(path, media_type=media, filename=path.name,
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))
