"""The canonical graph as a networkx ``MultiDiGraph``, written as GraphML or GEXF (Gephi, yEd,
Cytoscape and networkx read both).

- nodes: the canonical entities (``category`` ``entity``), keyed by canonical id, with name,
  type, kind, country, aliases and the number of documents that name them; and the events
  (``category`` ``event``), keyed by their statement id, with type, CAMEO code and date, so that
  a timeline of who took part in what can be drawn;
- edges: one per relation statement (``category`` ``relation``), keyed by its statement id,
  from subject to object (a symmetric type keeps the order of the text and says ``symmetric``),
  with its type (named ``relation``: GEXF keeps ``type`` for itself), role, dates,
  attribution, negation, evidence, source document, and the id and grade of its claim; and an
  edge from each participant and place to its event (``category`` ``participant`` / ``place``).

Both formats hold flat values only: lists are joined with ``"; "`` and a missing value is left
out rather than written empty, so that Gephi's filters see "no kind" and not the kind "". A
character XML cannot hold (a control character the text carried) is written as U+FFFD.
Dates keep their precision as text (``2022-11``): GEXF's dynamic ``start``/``end`` attributes
would need full dates, so they are named ``start_date``/``end_date`` here.
"""

import re
from typing import IO

import networkx as nx

from .graph import CanonicalGraph

#: What joins the items of a list in one attribute value.
JOIN = "; "


#: Characters XML 1.0 cannot hold (C0 controls but tab and line breaks, lone surrogates, U+FFFE
#: and U+FFFF): an article may carry some (a vertical tab from a word processor); networkx
#: refuses them in GraphML and writes GEXF that no parser reads.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """``value`` with each character XML cannot hold replaced by U+FFFD (the replacement character)."""
    return _NOT_XML.sub("\ufffd", value)


def _flat(values: dict) -> dict:
    """``values`` as GraphML and GEXF hold them: no None, lists joined, only characters XML holds."""
    flat = {}
    for name, value in values.items():
        if isinstance(value, (list, tuple)):
            value = JOIN.join(str(v) for v in value if v is not None)
        if isinstance(value, str):
            value = xml_text(value)
        if value is not None and value != "":
            flat[name] = value
    return flat


def _source(statement: dict, graph: CanonicalGraph) -> dict:
    doc = graph.documents[statement["document"]]
    said = statement["attribution"]
    return {"negated": statement["negated"], "evidence": statement["evidence"]["text"],
            "attribution_kind": said["kind"], "attribution_via": said["via"],
            "attribution_text": said["text"], "hedged": said["hedged"], "document": statement["document"],
            "doc_id": doc["doc_id"], "title": doc["title"], "outlet": doc["source"],
            "published": doc["published"], "url": doc["url"], "claim": statement["claim"],
            "grade": statement["grade"], "grade_label": statement["grade_label"]}


def to_networkx(graph: CanonicalGraph, events: bool = True) -> nx.MultiDiGraph:
    """The canonical graph as a MultiDiGraph (see the module's docstring); without the event
    nodes and their edges when ``events`` is false."""
    network = nx.MultiDiGraph(name="veille canonical graph")
    for target, entity in graph.entities.items():
        network.add_node(target, **_flat({
            "category": "entity", "label": entity["name"], "name": entity["name"], "type": entity["type"],
            "kind": entity["kind"], "country": entity["country"], "aliases": entity["aliases"],
            "documents": len(entity["documents"])}))
    for relation in graph.relations:
        network.add_edge(relation["subject"], relation["object"], key=relation["id"], **_flat({
            "category": "relation", "label": relation["type"], "relation": relation["type"],
            "symmetric": relation["symmetric"], "role": relation["role"], "start_date": relation["start"],
            "end_date": relation["end"], "past": relation["past"], **_source(relation, graph)}))
    if events:
        for event in graph.events:
            _add_event(network, event, graph)
    return network


def _add_event(network: nx.MultiDiGraph, event: dict, graph: CanonicalGraph) -> None:
    network.add_node(event["id"], **_flat({
        "category": "event", "label": f"{event['type']} {event['date'] or ''}".strip(), "type": event["type"],
        "cameo": event["cameo"], "subtype": event["subtype"], "date": event["date"],
        "date_text": event["date_text"], **_source(event, graph)}))
    ends = [("participant", p) for p in event["participants"]]
    ends += [("place", event["place"])] if event["place"] else []
    for n, (role, member) in enumerate(ends):
        network.add_edge(member, event["id"], key=f"{event['id']}-{n}",
                         **_flat({"category": role, "label": role}))


def write_graphml(graph: CanonicalGraph, stream: IO[bytes], events: bool = True) -> nx.MultiDiGraph:
    """Write the graph as GraphML (``stream`` opened in binary); return the graph written."""
    network = to_networkx(graph, events)
    nx.write_graphml(network, stream, encoding="utf-8", named_key_ids=True)
    return network


def write_gexf(graph: CanonicalGraph, stream: IO[bytes], events: bool = True) -> nx.MultiDiGraph:
    """Write the graph as GEXF 1.2 (``stream`` opened in binary); return the graph written."""
    network = to_networkx(graph, events)
    nx.write_gexf(network, stream, encoding="utf-8")
    return network
