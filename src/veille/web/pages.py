"""The web pages: each one library call (or two) rendered by a template of ``templates/``.

The pages call the same library functions as the API (``api.py``) and shape their answers with
``views.py``; the graph page's script asks the API for the graph again when its filters change.
Every value reaches the page through Jinja's autoescaping: an article's text is shown as text.
"""

import re
from urllib.parse import urlencode

import jinja2
import pycountry
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import __version__
from ..corroboration import GRADES
from ..errors import QueryError, UnknownEntity
from ..ontology import ATTRIBUTIONS, ENTITIES, EVENT_TYPES, RELATION_TYPES, describe
from ..store.claims import claim, claims, event_claim_id
from ..store.documents import annotated_document, list_documents
from ..store.queries import entity_profile, neighbourhood, timeline
from ..store.read import stats
from ..store.search import search
from ..text import key
from . import vendor, views
from .context import Context, context

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 25
_CANONICAL_ID = re.compile(r"[a-z]+-[0-9a-f]{12}")
_STATEMENT_ID = re.compile(r"[0-9a-f]{40}|[a-z]+-[0-9a-f]{12}")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def render(request: Request, name: str, status: int = 200, **values) -> HTMLResponse:
    template = request.app.state.templates.get_template(name)
    return HTMLResponse(template.render(request=request, **values), status_code=status)


# ---------------------------------------------------------------- search

@router.get("/", response_class=HTMLResponse)
def home(request: Request, q: str = Query("", max_length=500), ctx: Context = Depends(context)):
    """The search box; results by entity and by document, or an overview of the store."""
    if q.strip():
        found = search(ctx.store, q, 20)
        for document in found["documents"]:
            document["pieces"] = views.snippet_pieces(document["snippet"], document["highlights"])
        return render(request, "search.html", q=q, found=found)
    return render(request, "home.html", q="", counts=stats(ctx.store),
                  recent=list_documents(ctx.store, limit=8)["documents"])


# ---------------------------------------------------------------- entities

@router.get("/entities/{entity}", response_class=HTMLResponse)
def entity_page(request: Request, entity: str, merged: str = Query("", max_length=200),
                ctx: Context = Depends(context)):
    """Name, kind, country, aliases, roles over time, relations by type with their sources and
    evidence, events; the merge / split form. ``?merged=A,B`` (the two entities a merge just
    joined) offers to undo it."""
    profile = entity_profile(ctx.store, entity)
    if profile is None:
        raise UnknownEntity(f"no entity {entity!r} in the store")
    if profile["canonical"] != entity and _STATEMENT_ID.fullmatch(entity):
        return _moved(request, f"/entities/{profile['canonical']}")
    graded = {c["id"]: c for c in claims(ctx.store, entity=profile["canonical"], limit=None)["claims"]}
    for event in profile["events"]:
        event["claim"] = graded.get(event_claim_id(event))
    undo = [part for part in merged.split(",") if _STATEMENT_ID.fullmatch(part)]
    return render(request, "entity.html", entity=profile, groups=views.relation_links(profile, graded),
                  months=views.events_by_month(profile["events"]), undo=undo if len(undo) == 2 else None)


@router.get("/entities/{entity}/graph", response_class=HTMLResponse)
def graph_page(request: Request, entity: str, depth: int = Query(1, ge=1, le=views.GRAPH_DEPTH),
               types: list[str] = Query([], alias="type"), start: str = Query("", max_length=10),
               end: str = Query("", max_length=10), min_grade: str = Query("", max_length=1),
               ctx: Context = Depends(context)):
    """The network of an entity's neighbourhood (Cytoscape.js), with its filters: ``depth``,
    ``type`` (repeated), ``start``, ``end``, ``min_grade``, as the API's graph takes them. The
    page's address holds them, so that a view can be shared; the script keeps it up to date."""
    filters = {"depth": depth, "type": [t for t in types if t], "start": start.strip(), "end": end.strip(),
               "min_grade": min_grade if min_grade.isdigit() else ""}
    problem = None
    try:
        graph = neighbourhood(ctx.store, entity, depth, filters["type"] or None, filters["start"] or None,
                              filters["end"] or None, int(filters["min_grade"]) if filters["min_grade"] else None,
                              limit=views.GRAPH_LIMIT)
    except QueryError as exc:                  # a filter it cannot use: say so, draw without filters
        problem, filters = str(exc), {**filters, "type": [], "start": "", "end": "", "min_grade": ""}
        graph = neighbourhood(ctx.store, entity, depth, limit=views.GRAPH_LIMIT)
    if graph is None:
        raise UnknownEntity(f"no entity {entity!r} in the store")
    if graph["centre"]["canonical"] != entity and _STATEMENT_ID.fullmatch(entity):
        return _moved(request, f"/entities/{graph['centre']['canonical']}/graph")
    return render(request, "graph.html", graph=graph, centre=graph["centre"], filters=filters, problem=problem,
                  ontology=describe(), depths=range(1, views.GRAPH_DEPTH + 1),
                  cytoscape=vendor.path_of("cytoscape.min.js") is not None, hint=vendor.HINT)


def _moved(request: Request, path: str) -> RedirectResponse:
    """To the page of the entity that an entity statement id, or a canonical id a merge absorbed,
    belongs to now: links made before a merge keep leading somewhere (the query string kept)."""
    query = request.url.query
    return RedirectResponse(f"{path}?{query}" if query else path, status_code=307)


# ---------------------------------------------------------------- timeline

@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, entity: str = Query("", max_length=200),
                  types: list[str] = Query([], alias="type"), start: str = Query("", max_length=10),
                  end: str = Query("", max_length=10), ctx: Context = Depends(context)):
    """Events by date, filtered by entity (id or name), types and range."""
    chosen, candidates, problem = _entity_named(ctx, entity.strip())
    events = []
    if problem is None and (chosen or not entity.strip()):
        try:
            events = timeline(ctx.store, start.strip() or None, end.strip() or None, chosen and chosen["canonical"],
                              [t for t in types if t] or None, limit=500)
        except QueryError as exc:
            problem = str(exc)
    return render(request, "timeline.html", months=views.events_by_month(events), count=len(events),
                  entity=entity, chosen=chosen, candidates=candidates, types=types, start=start, end=end,
                  problem=problem)


def _entity_named(ctx: Context, text: str) -> tuple[dict | None, list[dict], str | None]:
    """The entity a filter names (a canonical id, or a name), the candidates when the name is
    ambiguous, and what went wrong."""
    if not text:
        return None, [], None
    if _CANONICAL_ID.fullmatch(text):
        return {"canonical": text, "name": text}, [], None
    phrase = " ".join(text.replace('"', " ").split())
    found = search(ctx.store, f'"{phrase}"', 10)["entities"] if phrase else []
    exact = [e for e in found if any(key(n) == key(text) for n in [e["name"], *e["matched"]])]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0], [], None
    if found:
        return None, exact or found, None
    return None, [], f"no entity named {text!r} (try the search)"


# ---------------------------------------------------------------- claims

@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, entity: str = Query("", max_length=200), types: list[str] = Query([], alias="type"),
                min_grade: str = Query("", max_length=1), page: int = Query(1, ge=1, le=10**6),
                ctx: Context = Depends(context)):
    """Claims with their corroboration and grade, best graded first, filtered by entity, types
    and minimum grade."""
    chosen, candidates, problem = _entity_named(ctx, entity.strip())
    found = {"total": 0, "claims": []}
    if problem is None and (chosen or not entity.strip()):
        try:
            found = claims(ctx.store, entity=chosen and chosen["canonical"], types=[t for t in types if t] or None,
                           min_grade=int(min_grade) if min_grade.isdigit() else None,
                           limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        except QueryError as exc:
            problem = str(exc)
    query = {"entity": entity, "type": types, "min_grade": min_grade}
    return render(request, "claims.html", found=found, entity=entity, chosen=chosen, candidates=candidates,
                  types=types, min_grade=min_grade, problem=problem, page=page, query=query,
                  pages=max(1, -(-found["total"] // PAGE_SIZE)))


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, claim_id: str, ctx: Context = Depends(context)):
    """One claim: who tells it, how independently, its grade; the grade override form."""
    found = claim(ctx.store, claim_id)
    if found is None:
        raise UnknownEntity(f"no claim {claim_id!r} in the store")
    return render(request, "claim.html", claim=found)


# ---------------------------------------------------------------- documents

@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, page: int = Query(1, ge=1, le=10**6), ctx: Context = Depends(context)):
    """The stored documents, newest first, a page at a time; the upload form."""
    listed = list_documents(ctx.store, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    pages = max(1, -(-listed["total"] // PAGE_SIZE))
    return render(request, "documents.html", listed=listed, page=page, pages=pages)


@router.get("/documents/{document}", response_class=HTMLResponse)
def document_page(request: Request, document: str, fact: str | None = Query(None, max_length=64),
                  hl: str | None = Query(None, max_length=24), ctx: Context = Depends(context)):
    """The cleaned text with its entity mentions highlighted, the facts read from it beside it;
    ``?fact=<statement id>`` (or ``?hl=START-END``) highlights a sentence."""
    annotated = annotated_document(ctx.store, document)
    if annotated is None:
        raise UnknownEntity(f"no document {document!r} in the store")
    highlight, fact_id = views.highlight_of(annotated, fact, hl)
    people = {e["id"]: e for e in annotated["entities"]}
    mentioned = {}
    for m in annotated["mentions"]:
        mentioned[m["entity"]] = mentioned.get(m["entity"], 0) + 1
    return render(request, "document.html", doc=annotated, fact=fact_id, highlight=highlight,
                  pieces=views.text_pieces(annotated["text"], annotated["mentions"], people, highlight),
                  mentioned=mentioned)


# ---------------------------------------------------------------- the ontology's stylesheet

@router.get("/ontology.css")
def ontology_stylesheet(request: Request):
    """The colours and marks of every type of ``ontology.py`` (entity types and kinds, relation
    and event types, attribution kinds) as the classes the pages use (``t-PER``, ``k-media``,
    ``e-head_of``, ``ev-MEETING``, ``said-official``)."""
    template = request.app.state.templates.get_template("ontology.css")
    return Response(template.render(), media_type="text/css")


# ---------------------------------------------------------------- the API's documentation

@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    """The OpenAPI documentation, with Swagger UI served from ``node_modules``."""
    ready = all(vendor.path_of(name) for name in ("swagger-ui-bundle.js", "swagger-ui.css"))
    return render(request, "docs.html", ready=ready, hint=vendor.HINT)


# ---------------------------------------------------------------- template filters

def add_filters(environment: jinja2.Environment) -> None:
    """The filters and names the templates use."""
    environment.filters.update(when=when, kind=kind_label, country=country_name, grade=views.grade_label,
                               tint=views.tint, query=lambda values: urlencode(values, doseq=True))
    # the ontology's tables themselves, not copies: a type declared in ontology.py is in every page
    environment.globals.update(version=__version__, ENTITIES=ENTITIES, RELATION_TYPES=RELATION_TYPES,
                               EVENT_TYPES=EVENT_TYPES, ATTRIBUTIONS=ATTRIBUTIONS, GRADES=GRADES,
                               meaning=views.attribution_meaning, entity_class=entity_class)


def when(value: str | None) -> str:
    """An ISO date at its precision, readable: "14 Nov 2022", "Nov 2022", "2022"."""
    if not value:
        return "undated"
    parts = value.split("-")
    try:
        month = _MONTHS[int(parts[1]) - 1] if len(parts) > 1 else None
    except (ValueError, IndexError):
        return value
    if len(parts) == 3:
        return f"{int(parts[2])} {month} {parts[0]}"
    return f"{month} {parts[0]}" if month else parts[0]


def kind_label(value: str | None) -> str:
    return (value or "").replace("_", " ")


def country_name(code: str | None) -> str:
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or getattr(country, "name", code) if country else code


def entity_class(entity: dict | None) -> str:
    """CSS classes of an entity chip: its type and kind."""
    if not entity:
        return ""
    return f"t-{entity.get('type') or 'x'} k-{entity.get('kind') or 'none'}"
