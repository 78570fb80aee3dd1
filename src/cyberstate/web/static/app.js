// Search as you type: ask /api/resolve and list the entities the name may denote; Enter opens /search.
(function () {
  // the date the page is viewed at goes with every link it gives (a page seen as of a date links to pages as of it)
  const asOf = new URLSearchParams(window.location.search).get("as_of");
  function at(path) { return asOf ? path + (path.includes("?") ? "&" : "?") + "as_of=" + encodeURIComponent(asOf) : path; }
  const input = document.querySelector("input[data-suggest]");
  if (!input) return;
  const list = input.parentElement.querySelector("ul.suggest");
  let timer = null, seq = 0, active = -1;
  function show(matches) {
    list.replaceChildren();
    active = -1;
    const seen = new Set();
    for (const m of matches) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = at("/entity/" + encodeURIComponent(m.id));
      a.textContent = m.name + (m.matched && m.matched !== m.name ? "  (" + m.matched + ")" : "") + "  · " + m.kind.replace(/_/g, " ");
      li.appendChild(a);
      list.appendChild(li);
    }
    list.hidden = list.children.length === 0;
  }
  // the box cleared or the list dismissed: a request still on its way is no longer for what the box holds
  function dismiss() { clearTimeout(timer); seq++; show([]); }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) { dismiss(); return; }
    timer = setTimeout(async function () {
      const mine = ++seq;
      const r = await fetch(at("/api/resolve?limit=8&q=" + encodeURIComponent(q)));
      if (mine !== seq || !r.ok) return;
      show((await r.json()).matches);
    }, 120);
  });
  input.addEventListener("keydown", function (ev) {
    const items = list.querySelectorAll("a");
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!items.length) return;
      active = (active + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach((a, i) => a.classList.toggle("active", i === active));
    } else if (ev.key === "Enter" && active >= 0 && items[active]) {
      ev.preventDefault();
      window.location = items[active].href;
    } else if (ev.key === "Escape") { dismiss(); }
  });
  document.addEventListener("click", function (ev) { if (!input.parentElement.contains(ev.target)) list.hidden = true; });
})();
