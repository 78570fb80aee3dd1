// The entity page's ego graph: the entity in the middle, each neighbour once, the edge labelled with the
// predicates between them; click a neighbour to open it.
(function () {
  // the date the page is viewed at goes with every link it gives (a page seen as of a date links to pages as of it)
  const asOf = new URLSearchParams(window.location.search).get("as_of");
  function at(path) { return asOf ? path + (path.includes("?") ? "&" : "?") + "as_of=" + encodeURIComponent(asOf) : path; }
  const box = document.getElementById("ego");
  if (!box || typeof cytoscape === "undefined") return;
  const g = JSON.parse(document.getElementById("ego-data").textContent);
  const els = [{ data: { id: g.id, label: g.name, me: 1 } }];
  for (const e of g.edges) {
    els.push({ data: { id: "n:" + e.id, label: e.name, href: at("/entity/" + encodeURIComponent(e.id)) } });
    els.push({ data: { id: "e:" + e.id + (e.out ? ">" : "<"), source: e.out ? g.id : "n:" + e.id,
      target: e.out ? "n:" + e.id : g.id, label: e.predicates.map(p => p.replace(/_/g, " ")).join(", ") } });
  }
  window.cyberstateEgo = cytoscape({
    container: box, elements: els, wheelSensitivity: 0.2,
    layout: { name: "concentric", concentric: n => (n.data("me") ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 28 },
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 10, "text-wrap": "ellipsis", "text-max-width": 120,
          "background-color": "#5d7fa3", "width": 14, "height": 14 } },
      { selector: "node[me]", style: { "background-color": "#1d2430", "width": 26, "height": 26, "font-weight": "bold", "font-size": 12 } },
      { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "triangle", "width": 1,
          "line-color": "#aab3bd", "target-arrow-color": "#aab3bd", "label": "data(label)", "font-size": 8,
          "text-rotation": "autorotate", "color": "#5d6673" } },
    ],
  }).on("tap", "node[href]", function (ev) { window.location = ev.target.data("href"); });
})();
