// The chain page's graph: one node per entity and one edge per linked pair (the read model's hops already
// carry all predicates of a pair); the province the path is placed in is a highlighted node.
(function () {
  // the date the page is viewed at goes with every link it gives (a page seen as of a date links to pages as of it)
  const asOf = new URLSearchParams(window.location.search).get("as_of");
  function at(path) { return asOf ? path + (path.includes("?") ? "&" : "?") + "as_of=" + encodeURIComponent(asOf) : path; }
  const data = JSON.parse(document.getElementById("chain-data").textContent);
  const box = document.getElementById("graph");
  const info = document.getElementById("edge-info");
  if (typeof cytoscape === "undefined") {
    box.textContent = "The graph library (cytoscape.min.js) is not built: run `make install` (needs npm).";
    return;
  }
  const nodes = new Map(), edges = new Map();
  function node(r, extra) {
    if (!nodes.has(r.id)) nodes.set(r.id, { data: Object.assign({ id: r.id, label: r.name, kind: r.kind || "" }, extra || {}) });
  }
  node(data.from, { start: 1 });
  // a chain's hops, then the other routes up through the apparatus above where it reaches the state (`above`)
  function allHops(ch) { return ch.hops.concat(...(ch.above || []).map(r => r.hops)); }
  for (const ch of data.chains) {
    for (const h of allHops(ch)) {
      node(h.subject); node(h.object);
      const id = h.subject.id + "->" + h.object.id;
      if (!edges.has(id)) {
        edges.set(id, { data: { id: id, source: h.subject.id, target: h.object.id, hop: h,
          label: h.predicates.map(p => p.predicate.replace(/_/g, " ")).join(", "),
          width: 1 + (h.confidence || 0) / 20, contested: h.contested ? 1 : 0 } });
      }
    }
    if (ch.province) {
      node({ id: "place:" + ch.province.id, name: ch.province.name, kind: "province" }, { province: 1, href: at("/province/" + encodeURIComponent(ch.province.id)) });
      const pid = "place:" + data.from.id + "->" + ch.province.id;
      if (!edges.has(pid)) edges.set(pid, { data: { id: pid, source: data.from.id, target: "place:" + ch.province.id, label: "placed in", place: 1, width: 1 } });
    }
  }
  for (const n of nodes.values()) if (n.data.kind === "province") n.data.province = 1;
  // Layers: a node sits at the furthest step at which any path reaches it, so the state is rightmost.
  const depth = new Map([[data.from.id, 0]]);
  for (const ch of data.chains) ch.hops.forEach(function (h, i) {
    depth.set(h.subject.id, Math.max(depth.get(h.subject.id) || 0, i));
    depth.set(h.object.id, Math.max(depth.get(h.object.id) || 0, i + 1));
  });
  for (const ch of data.chains) for (const r of ch.above || []) for (const h of r.hops) {
    depth.set(h.object.id, Math.max(depth.get(h.object.id) || 0, (depth.get(h.subject.id) || 0) + 1));
  }
  const layers = new Map();
  for (const n of nodes.values()) {
    const d = n.data.id.startsWith("place:") ? 1 : (depth.get(n.data.id) || 0);
    if (!layers.has(d)) layers.set(d, []);
    layers.get(d).push(n);
  }
  for (const [d, ns] of layers) ns.forEach(function (n, i) {
    const y = n.data.id.startsWith("place:") ? 170 : (i - (ns.length - 1) / 2) * 120;
    n.position = { x: d * 220, y: y };
  });
  // An edge that skips layers bends away from the nodes between its ends (alternately up and down).
  let skip = 0;
  for (const e of edges.values()) {
    const span = Math.abs((depth.get(e.data.target) || 1) - (depth.get(e.data.source) || 0));
    e.data.cp = e.data.place || span <= 1 ? 0 : (skip++ % 2 ? 1 : -1) * 45 * span;
  }
  const cy = cytoscape({
    container: box,
    elements: [...nodes.values(), ...edges.values()],
    layout: { name: "preset", padding: 30 },
    wheelSensitivity: 0.2,
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 140,
          "text-valign": "bottom", "text-margin-y": 4, "background-color": "#5d7fa3", "width": 22, "height": 22 } },
      { selector: "node[start]", style: { "background-color": "#1d2430", "width": 30, "height": 30, "font-weight": "bold" } },
      { selector: "node[kind = 'country']", style: { "background-color": "#a4161a", "shape": "round-rectangle" } },
      { selector: "node[province]", style: { "background-color": "#f0a500", "shape": "star", "width": 34, "height": 34, "font-weight": "bold" } },
      { selector: "edge", style: { "curve-style": "unbundled-bezier", "control-point-distances": "data(cp)", "control-point-weights": 0.5, "target-arrow-shape": "triangle", "width": "data(width)",
          "line-color": "#7b8794", "target-arrow-color": "#7b8794", "label": "data(label)", "font-size": 9,
          "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8 } },
      { selector: "edge[contested = 1]", style: { "line-style": "dashed", "line-color": "#a4161a", "target-arrow-color": "#a4161a" } },
      { selector: "edge[place]", style: { "line-style": "dotted", "line-color": "#f0a500", "target-arrow-color": "#f0a500" } },
      { selector: ":selected", style: { "line-color": "#0b5cad", "target-arrow-color": "#0b5cad", "background-color": "#0b5cad" } },
    ],
  });
  window.cyberstateGraph = cy;
  function el(tag, text, cls) { const e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; }
  cy.on("tap", "node", function (ev) {
    const d = ev.target.data();
    if (d.href) window.location = d.href;
  });
  cy.on("dbltap", "node", function (ev) {
    const d = ev.target.data();
    if (!d.href) window.location = at("/entity/" + encodeURIComponent(d.id));
  });
  cy.on("tap", "edge", function (ev) {
    const d = ev.target.data();
    info.replaceChildren();
    if (!d.hop) { info.appendChild(el("p", "The read model places this path in " + ev.target.target().data("label") + ".")); return; }
    const h = d.hop;
    info.appendChild(el("h3", h.subject.name + " → " + h.object.name));
    if (h.contested) info.appendChild(el("p", "Contested: sources disagree on this link.", "warn"));
    for (const p of h.predicates) {
      info.appendChild(el("h4", p.predicate.replace(/_/g, " ") + " · confidence " + p.confidence + (p.contested ? " · contested" : "")));
      info.appendChild(el("p", "Asserted by: " + p.assertors.join("; ")));
      info.appendChild(el("p", "Sources: " + p.sources.join("; "), "meta"));
      for (const ev2 of p.evidence || []) {
        if (ev2.text) info.appendChild(el("blockquote", ev2.text));
        if (ev2.note) info.appendChild(el("p", ev2.note, "note"));
      }
      info.appendChild(el("p", "Claims: " + p.claims.join(", "), "meta"));
    }
  });
})();
