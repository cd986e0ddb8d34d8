"use strict";
// The network of an entity's neighbourhood, drawn by Cytoscape.js from the API's graph:
// nodes styled by entity type (shape) and kind (colour), edges by relation type (colour, dash,
// arrow for directed types), width by the number of documents. Filters ask the API again and
// are written into the page's address (a shareable view: the page reads them back).
// Names are data: Cytoscape draws them on a canvas, and the page writes text with textContent.
(function () {
  const form = document.getElementById("graph-filters");
  const container = document.getElementById("graph");
  const status = document.getElementById("graph-status");
  if (!form || !container) return;
  if (typeof cytoscape !== "function") {
    status.textContent = "The graph library did not load: run `npm ci --prefix src/veille/web`.";
    return;
  }
  const entity = form.dataset.entity;

  // the colours, shapes and lines of every type, as ontology.py declares them (/api/ontology,
  // embedded in the page)
  const ontology = JSON.parse(document.getElementById("ontology-data").textContent);
  const kinds = {};
  Object.values(ontology.entity_types).forEach(function (type) {
    type.kinds.forEach(function (kind) { kinds[kind.name] = kind; });
  });

  const unknown = {look: {ink: "#6b7280", line: "solid"}, shape: "ellipse", symmetric: false};

  function node(n) {
    const type = ontology.entity_types[n.type] || unknown;
    const look = (kinds[n.kind] || type).look;
    return {group: "nodes", data: {
      id: n.canonical, label: n.name || n.canonical, type: n.type, distance: n.distance,
      colour: look.ink, shape: type.shape},
      classes: n.distance === 0 ? "centre" : ""};
  }

  function edge(e) {
    const relation = ontology.relation_types[e.type] || unknown;
    const look = relation.look;
    return {group: "edges", data: {
      id: e.type + ":" + e.subject + ":" + e.object, source: e.subject, target: e.object,
      label: e.type.replace(/_/g, " ") + (e.grade ? " · grade " + e.grade : ""), weight: e.documents || 1,
      colour: look.ink, dash: look.line, arrow: relation.symmetric ? "none" : "triangle",
      grade: e.grade || 0},
      classes: e.grade && e.grade >= 4 ? "weak" : ""};
  }

  function elements(graph) {
    const known = new Set(graph.nodes.map(function (n) { return n.canonical; }));
    const edges = graph.edges.filter(function (e) { return known.has(e.subject) && known.has(e.object); });
    return graph.nodes.map(node).concat(edges.map(edge));
  }

  const cy = cytoscape({
    container: container, elements: [], minZoom: 0.2, maxZoom: 3,
    style: [
      {selector: "node", style: {
        "background-color": "data(colour)", "shape": "data(shape)", "width": 26, "height": 26,
        "border-width": 2, "border-color": "#ffffff",
        "label": "data(label)", "font-family": "Liberation Sans, DejaVu Sans, Helvetica, Arial, sans-serif", "font-size": 13,
        "color": "#1c232b", "text-valign": "bottom", "text-margin-y": 5, "text-wrap": "wrap", "text-max-width": 130,
        "text-background-color": "#fbfaf7", "text-background-opacity": 0.85, "text-background-padding": 2,
        "text-background-shape": "round-rectangle"}},
      {selector: "node.centre", style: {"width": 42, "height": 42, "border-width": 4, "border-color": "#e0b84f",
                                        "font-size": 15, "font-weight": "bold"}},
      {selector: "node:active, node.hover", style: {"overlay-opacity": 0.08, "border-color": "#1c232b"}},
      {selector: "edge", style: {
        "curve-style": "bezier", "width": "mapData(weight, 1, 8, 1.6, 6)", "line-color": "data(colour)",
        "line-style": "data(dash)", "target-arrow-shape": "data(arrow)", "target-arrow-color": "data(colour)",
        "arrow-scale": 0.9, "opacity": 0.85}},
      {selector: "edge.weak", style: {"opacity": 0.4}},
      {selector: "edge.hover", style: {
        "label": "data(label)", "font-size": 10, "color": "#1c232b", "text-rotation": "autorotate",
        "text-background-color": "#ffffff", "text-background-opacity": 0.9, "text-background-padding": 2, "opacity": 1}}
    ]
  });
  window.veilleGraph = cy;           // for the end-to-end tests and for the curious analyst

  function draw(graph) {
    cy.elements().remove();
    cy.add(elements(graph));
    // an ego network: the centre in the middle, each ring one link further away
    cy.layout({name: "concentric", animate: false, padding: 40, avoidOverlap: true, minNodeSpacing: 70,
               spacingFactor: 1.5, startAngle: Math.PI * 1.25,
               concentric: function (node) { return 10 - node.data("distance"); },
               levelWidth: function () { return 1; }}).run();
    cy.fit(undefined, 50);
    if (cy.zoom() > 1.2) {          // a small graph is not blown up to fill the frame
      cy.zoom(1.2);
      cy.center();
    }
    container.dataset.nodes = String(cy.nodes().length);
    status.textContent = cy.nodes().length + " entities, " + cy.edges().length + " links" +
      (graph.truncated ? " (the most strongly linked only)" : "");
    status.className = "form-result ok";
  }

  cy.on("tap", "node", function (event) {
    location.href = "/entities/" + encodeURIComponent(event.target.id());
  });
  cy.on("mouseover", "node, edge", function (event) { event.target.addClass("hover"); container.style.cursor = "pointer"; });
  cy.on("mouseout", "node, edge", function (event) { event.target.removeClass("hover"); container.style.cursor = ""; });

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const query = new URLSearchParams();
    const boxes = Array.from(form.querySelectorAll("input[name=type]"));
    const checked = boxes.filter(function (box) { return box.checked; });
    if (checked.length === 0) {
      status.textContent = "Choose at least one relation type.";
      status.className = "form-result bad";
      return;
    }
    if (checked.length < boxes.length) checked.forEach(function (box) { query.append("type", box.value); });
    ["start", "end", "min_grade", "depth"].forEach(function (name) {
      const value = form.elements.namedItem(name).value.trim();
      if (value) query.set(name, value);
    });
    status.textContent = "Loading…";
    status.className = "form-result";
    try {
      const response = await fetch("/api/entities/" + encodeURIComponent(entity) + "/graph?" + query.toString(),
                                   {credentials: "same-origin", headers: {"Accept": "application/json"}});
      const body = await response.json();
      if (!response.ok) throw new Error(body.error || ("the server answered " + response.status));
      draw(body);
      // the page's address holds the filters, so that this view can be shared or bookmarked
      const shown = query.toString();
      history.replaceState(null, "", location.pathname + (shown ? "?" + shown : ""));
    } catch (error) {
      status.textContent = error.message;
      status.className = "form-result bad";
    }
  });

  draw(JSON.parse(document.getElementById("graph-data").textContent));
})();
