/* kharita workspace: map, timeline, table, event and actor views, review.
 * Plain JavaScript, no build step.  Everything that comes from articles or the store is
 * put into the page with textContent or as attribute values, never as HTML. */
"use strict";

const CONFIG = JSON.parse(document.body.dataset.config);
const COLORS = ["#c0392b", "#e67e22", "#8e44ad", "#d4ac0d", "#2e86c1", "#16a085", "#7f8c8d"];
const FILTERS = ["since", "until", "type", "actor", "country", "admin1", "modality",
  "min_confidence", "background", "aggregate", "review", "text"];
const STATE_KEYS = [...FILTERS, "bbox", "order", "offset", "event", "actor_view"];
const PAGE = 50;
const $ = (sel, root = document) => root.querySelector(sel);

let S = {};            // the state: filters, table page/order, open view; mirrored in the URL
let renders = 0;       // how many full redraws have completed (tests and benchmarks wait on it)
let mapOnly = 0;
let timelineData = null;
let picking = null;    // a callback waiting for a click on the map (place correction)

// ---------------------------------------------------------------- helpers

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function typeIndex(t) {
  const i = CONFIG.types.indexOf(t);
  return i >= 0 ? i : 6;
}

function color(t) { return COLORS[typeIndex(t)]; }

function query(keys, extra = {}) {
  const p = new URLSearchParams();
  for (const k of keys) if (S[k] !== undefined && S[k] !== "") p.set(k, S[k]);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") p.set(k, v);
  return p.toString();
}

let errorTimer = null;
function showError(message) {
  const box = $("#error");
  box.textContent = message;
  box.hidden = false;
  clearTimeout(errorTimer);
  errorTimer = setTimeout(() => { box.hidden = true; }, 6000);
}

async function getJSON(url, options = {}) {
  const response = await fetch(url, options);
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) throw new Error((body && body.detail) || `${response.status} ${response.statusText}`);
  return body;
}

function safeUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch (e) { return null; }
}

function eventType(e) {
  const acled = e.acled_sub_event_type || e.acled_event_type;
  return acled ? `${acled}` : e.type;
}

function actorsText(actors) {
  return Object.entries(actors || {}).map(([role, names]) => `${role}: ${names.join(", ")}`).join("; ");
}

// ---------------------------------------------------------------- state and URL

function readURL() {
  const p = new URLSearchParams(location.search);
  S = {};
  for (const k of STATE_KEYS) if (p.has(k)) S[k] = p.get(k);
}

function writeForm() {
  const form = $("#filters");
  for (const k of FILTERS) {
    const input = form.elements[k];
    if (!input) continue;
    if (input.type === "checkbox") input.checked = S[k] !== "no";
    else input.value = S[k] || "";
  }
}

function readForm() {
  const form = $("#filters");
  for (const k of FILTERS) {
    const input = form.elements[k];
    if (input.type === "checkbox") { if (input.checked) delete S[k]; else S[k] = "no"; }
    else if (input.value.trim()) S[k] = input.value.trim();
    else delete S[k];
  }
}

function commit(replace = false) {
  const q = query(STATE_KEYS);
  const url = location.pathname + (q ? `?${q}` : "");
  if (replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
  return refresh();
}

// ---------------------------------------------------------------- map

const map = L.map("map", { preferCanvas: true, worldCopyJump: true, minZoom: 1, maxZoom: 14 })
  .setView([20, 30], 3);
const layers = {
  clusters: L.layerGroup().addTo(map), lines: L.layerGroup().addTo(map), selected: L.layerGroup().addTo(map),
};

async function basemap() {
  if (CONFIG.tiles) {
    L.tileLayer(CONFIG.tiles, { maxZoom: 18, attribution: "tiles: --tiles server" }).addTo(map);
    document.body.dataset.basemap = "tiles";
    return;
  }
  const topo = await getJSON("/static/vendor/countries-50m.json");
  const land = topojson.feature(topo, topo.objects.countries);
  L.geoJSON(land, {
    interactive: false,
    style: { color: "#8a9aa6", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
  }).addTo(map);
  map.attributionControl.addAttribution("Natural Earth (public domain) via world-atlas");
  document.body.dataset.basemap = "drawn";
}

function clusterIcon(c) {
  const dominant = Object.entries(c.types).sort((a, b) => b[1] - a[1])[0][0];
  const size = [20, 26, 32, 38, 44][Math.min(4, Math.floor(Math.log10(c.n)))];
  return L.divIcon({
    className: `cluster t-${typeIndex(dominant)} s-${size}`,
    html: String(c.n), iconSize: [size, size],
  });
}

function tooltip(text) { return el("div", {}, text); }

function drawSingle(e) {
  const col = color(e.acled_event_type || e.type);
  const label = `${e.date || "undated"} · ${eventType(e)} · ${e.place || ""}` +
    (e.fatalities ? ` · ${e.fatalities} killed` : "");
  let marker;
  if (e.precision && e.precision >= 2) {
    // a district or province only: an area, never a precise pin
    marker = L.circle([e.lat, e.lon], {
      radius: e.precision === 2 ? 15000 : 60000, color: col, weight: 1.5, fillOpacity: 0.12,
      className: "halo",
    });
  } else {
    const r = 5 + Math.min(15, 2 * Math.sqrt(e.fatalities || 0));
    marker = L.circleMarker([e.lat, e.lon], { radius: r, color: "#fff", weight: 1, fillColor: col, fillOpacity: 0.9 });
  }
  marker.bindTooltip(tooltip(label));
  marker.on("click", () => openEvent(e.id));
  return marker;
}

async function loadMap() {
  const token = ++mapOnly;
  const b = map.getBounds();
  const view = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(4)).join(",");
  const data = await getJSON(`/api/map?${query(FILTERS, { view, zoom: map.getZoom() })}`);
  if (token !== mapOnly) return;
  layers.clusters.clearLayers();
  layers.lines.clearLayers();
  for (const m of data.movements) {
    const col = color(m.type);
    for (const dest of m.destinations) {
      const line = L.polyline([m.origin, ...m.route, dest], { color: col, weight: 2, opacity: 0.8 });
      line.on("click", () => openEvent(m.id));
      layers.lines.addLayer(line);
      layers.lines.addLayer(L.polylineDecorator(line, {
        patterns: [{ offset: "100%", repeat: 0, symbol: L.Symbol.arrowHead({ pixelSize: 10, polygon: false, pathOptions: { stroke: true, color: col, weight: 2 } }) }],
      }));
    }
  }
  for (const c of data.clusters) {
    if (c.n === 1 && c.event) { layers.clusters.addLayer(drawSingle(c.event)); continue; }
    const marker = L.marker([c.lat, c.lon], { icon: clusterIcon(c) });
    const kinds = Object.entries(c.types).map(([t, n]) => `${t}: ${n}`).join(", ");
    marker.bindTooltip(tooltip(`${c.n} events (${kinds})`));
    marker.on("click", () => clickCluster(c));
    layers.clusters.addLayer(marker);
  }
  $("#map").dataset.clusters = String(data.clusters.length);
  $("#map").dataset.loads = String(Number($("#map").dataset.loads || 0) + 1);
}

function clickCluster(c) {
  const [s, w, n, e] = c.bounds;
  const tiny = n - s < 1e-4 && e - w < 1e-4;
  if (!tiny && map.getZoom() < map.getMaxZoom()) {
    map.fitBounds([[s, w], [n, e]], { padding: [30, 30], maxZoom: map.getMaxZoom() });
    return;
  }
  // all at one spot (a town's centre): list them in the table
  const pad = 1e-4;
  S.bbox = [w - pad, s - pad, e + pad, n + pad].map((x) => x.toFixed(5)).join(",");
  S.offset = "0";
  commit();
}

map.on("moveend", () => { if (renders) loadMap().catch((e) => showError(e.message)); });
map.on("click", (ev) => {
  if (!picking) return;
  const done = picking;
  picking = null;
  $("#map").classList.remove("picking");
  done(ev.latlng);
});

// ---------------------------------------------------------------- timeline

function dayNumber(iso) { return Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86400000); }
function isoDay(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }

async function loadTimeline() {
  const q = query(FILTERS.filter((k) => k !== "since" && k !== "until"), { bbox: S.bbox });
  timelineData = await getJSON(`/api/stats?${q}${q ? "&" : ""}bucket=auto&parts=timeline`);
  drawTimeline();
}

function drawTimeline() {
  const svg = $("#tl");
  svg.replaceChildren();
  const data = timelineData;
  if (!data || !data.timeline.length) { $("#tl-label").textContent = "no dated events"; return; }
  const width = svg.clientWidth || 600;
  const height = svg.clientHeight || 100;
  const step = data.bucket === "week" ? 7 : 1;
  const first = dayNumber(data.timeline[0].key);
  const last = dayNumber(data.timeline[data.timeline.length - 1].key) + step;
  const days = Math.max(1, last - first);
  const max = Math.max(...data.timeline.map((d) => d.n));
  const x = (day) => ((day - first) / days) * width;
  const since = S.since ? dayNumber(S.since.length === 10 ? S.since : `${S.since}-01`.slice(0, 10)) : null;
  const until = S.until && S.until.length === 10 ? dayNumber(S.until) : null;
  const ns = "http://www.w3.org/2000/svg";
  for (const d of data.timeline) {
    const day = dayNumber(d.key);
    const h = Math.max(1, (d.n / max) * (height - 14));
    const bar = document.createElementNS(ns, "rect");
    bar.setAttribute("x", x(day));
    bar.setAttribute("y", height - 12 - h);
    bar.setAttribute("width", Math.max(1, x(day + step) - x(day) - 0.5));
    bar.setAttribute("height", h);
    const inside = (since === null || day + step - 1 >= since) && (until === null || day <= until);
    bar.setAttribute("class", inside && (since !== null || until !== null) ? "bar in" : "bar");
    const title = document.createElementNS(ns, "title");
    title.textContent = `${d.key}: ${d.n}`;
    bar.append(title);
    svg.append(bar);
  }
  for (const [day, anchor] of [[first, "start"], [last - step, "end"]]) {
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", anchor === "start" ? 1 : width - 1);
    t.setAttribute("y", height - 1);
    t.setAttribute("text-anchor", anchor);
    t.textContent = isoDay(day);
    svg.append(t);
  }
  if (since !== null || until !== null) {
    const a = x(since === null ? first : since);
    const b = x(until === null ? last : until + 1);
    const brush = document.createElementNS(ns, "rect");
    brush.setAttribute("class", "brush");
    brush.setAttribute("x", Math.min(a, b));
    brush.setAttribute("y", 0);
    brush.setAttribute("width", Math.max(2, Math.abs(b - a)));
    brush.setAttribute("height", height - 12);
    svg.append(brush);
  }
  svg.dataset.first = String(first);
  svg.dataset.days = String(days);
  $("#tl-label").textContent = S.since || S.until
    ? `${S.since || "…"} → ${S.until || "…"}\n(click to clear)`
    : `all ${data.bucket === "week" ? "weeks" : "days"}\n(drag to choose)`;
}

function dayAt(clientX) {
  const svg = $("#tl");
  const r = svg.getBoundingClientRect();
  const f = Math.min(1, Math.max(0, (clientX - r.left) / r.width));
  return Math.round(Number(svg.dataset.first) + f * Number(svg.dataset.days));
}

(function brush() {
  const svg = $("#tl");
  let start = null;
  let box = null;
  svg.addEventListener("pointerdown", (ev) => {
    if (!timelineData || !timelineData.timeline.length) return;
    start = ev.clientX;
    svg.setPointerCapture(ev.pointerId);
    box = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    box.setAttribute("class", "brush");
    box.setAttribute("y", 0);
    box.setAttribute("height", svg.clientHeight - 12);
    svg.append(box);
  });
  svg.addEventListener("pointermove", (ev) => {
    if (start === null) return;
    const r = svg.getBoundingClientRect();
    box.setAttribute("x", Math.min(start, ev.clientX) - r.left);
    box.setAttribute("width", Math.abs(ev.clientX - start));
  });
  svg.addEventListener("pointerup", (ev) => {
    if (start === null) return;
    const a = dayAt(Math.min(start, ev.clientX));
    const b = dayAt(Math.max(start, ev.clientX));
    start = null;
    stopPlay();
    if (Math.abs(b - a) < 1) { delete S.since; delete S.until; }
    else { S.since = isoDay(a); S.until = isoDay(b - 1); }
    S.offset = "0";
    writeForm();
    commit();
  });
})();

let playing = null;
function stopPlay() {
  if (playing) clearInterval(playing);
  playing = null;
  $("#play").textContent = "▶";
}

$("#play").addEventListener("click", () => {
  if (playing) { stopPlay(); return; }
  if (!timelineData || !timelineData.timeline.length) return;
  const svg = $("#tl");
  const first = Number(svg.dataset.first);
  const end = first + Number(svg.dataset.days);
  const step = timelineData.bucket === "week" ? 7 : 1;
  let a = S.since && S.since.length === 10 ? dayNumber(S.since) : first;
  let b = S.until && S.until.length === 10 ? dayNumber(S.until) : a + Math.max(step, Math.round((end - first) / 10));
  const width = b - a;
  if (b >= end - 1) { a = first; b = first + width; }
  $("#play").textContent = "❚❚";
  const tick = async () => {
    if (a >= end) { stopPlay(); return; }
    S.since = isoDay(a); S.until = isoDay(b);
    writeForm();
    await commit(true);
    a += step; b += step;
  };
  tick();
  playing = setInterval(tick, 900);
});

// ---------------------------------------------------------------- table

async function loadTable() {
  const q = query([...FILTERS, "bbox"], { limit: PAGE, offset: S.offset || 0, order: S.order || "-date" });
  const data = await getJSON(`/api/events?${q}`);
  const body = $("#events tbody");
  body.replaceChildren(...data.events.map((e) => el("tr", {
    "data-id": e.id, class: S.event === e.id ? "current" : null,
    on: { click: () => openEvent(e.id) },
  },
  el("td", {}, e.date || "", e.dated ? "" : " (published)"),
  el("td", {}, el("span", { class: "swatch", title: e.acled_event_type || e.type }), eventType(e)),
  el("td", {}, actorsText(e.actors)),
  el("td", {}, [e.place, e.country].filter(Boolean).join(", "), e.precision >= 2 ? ` (area p${e.precision})` : ""),
  el("td", {}, e.fatalities ?? ""),
  el("td", {}, e.modality, e.background ? " · background" : "", e.aggregate ? " · aggregate" : ""),
  el("td", {}, e.confidence.toFixed(2)),
  el("td", { class: `status-${e.review}` }, e.review === "unreviewed" ? "" : e.review))));
  for (const sw of body.querySelectorAll(".swatch")) sw.style.background = color(sw.title);
  const offset = Number(S.offset || 0);
  $("#total").textContent = `${data.total} events`;
  $("#page").textContent = data.total ? `${offset + 1}–${Math.min(offset + PAGE, data.total)}` : "0";
  $("#prev").disabled = offset <= 0;
  $("#next").disabled = offset + PAGE >= data.total;
  const cell = $("#cell");
  cell.replaceChildren();
  if (S.bbox) cell.append("in the clicked cluster ", el("button", { class: "link", type: "button", on: { click: () => { delete S.bbox; commit(); } } }, "(all)"));
  for (const th of document.querySelectorAll("th[data-order]")) {
    const order = S.order || "-date";
    th.classList.toggle("asc", order === th.dataset.order);
    th.classList.toggle("desc", order === `-${th.dataset.order}`);
  }
  const exportQuery = query([...FILTERS, "bbox"]);
  for (const a of document.querySelectorAll("#exports a")) {
    const reviewed = $("#apply-reviews").checked ? "&reviewed=true" : "";
    a.href = `/api/export?${exportQuery}${exportQuery ? "&" : ""}format=${a.dataset.format}${reviewed}`;
  }
}

$("#prev").addEventListener("click", () => { S.offset = String(Math.max(0, Number(S.offset || 0) - PAGE)); commit(); });
$("#next").addEventListener("click", () => { S.offset = String(Number(S.offset || 0) + PAGE); commit(); });
$("#apply-reviews").addEventListener("change", () => loadTable());
for (const th of document.querySelectorAll("th[data-order]")) {
  th.addEventListener("click", () => {
    const key = th.dataset.order;
    const current = S.order || "-date";
    S.order = current === `-${key}` ? key : `-${key}`;
    S.offset = "0";
    commit();
  });
}

// ---------------------------------------------------------------- event view

function fieldList(record, reviewedFields) {
  const dl = el("dl", { class: "fields" });
  for (const [k, v] of Object.entries(record)) {
    if (v === null || v === undefined || (Array.isArray(v) && !v.length)) continue;
    const text = typeof v === "object" ? JSON.stringify(v) : String(v);
    dl.append(el("dt", {}, k), el("dd", { class: reviewedFields.includes(k) ? "reviewed" : null }, text));
  }
  return dl;
}

function articleView(doc, eventId) {
  const box = el("div", { class: "article" });
  for (const seg of doc.segments) {
    if (!seg.kinds.length) { box.append(document.createTextNode(seg.text)); continue; }
    const classes = seg.kinds.map((k) => `m-${k}`);
    if (seg.events.includes(eventId)) classes.push("current");
    box.append(el("span", { class: classes.join(" "), title: seg.kinds.join(", ") }, seg.text));
  }
  return box;
}

async function openEvent(id) {
  S.event = id;
  delete S.actor_view;
  history.pushState(null, "", `?${query(STATE_KEYS)}`);
  await showEvent(id);
}

async function showEvent(id) {
  const panel = $("#panel");
  const body = $("#panel-body");
  const data = await getJSON(`/api/events/${encodeURIComponent(id)}`);
  const doc = await getJSON(`/api/documents/${encodeURIComponent(data.event.doc_id)}`);
  const e = data.summary;
  const state = data.review || { status: "unreviewed", corrected: [] };
  const link = safeUrl(doc.url);
  body.replaceChildren(
    el("h2", {}, eventType(e), " · ", e.date || "undated", " · ", e.place || "no place"),
    el("p", {},
      el("span", { class: `status-${state.status}`, id: "review-status" }, state.status),
      state.corrected.length ? ` (corrected: ${state.corrected.join(", ")})` : "",
      " · ", e.modality, " · confidence ", e.confidence.toFixed(2),
      e.precision >= 2 ? ` · place is an area (precision ${e.precision})` : ""),
    el("p", {}, "actors: ", ...Object.entries(data.event.actors.reduce((acc, a) => {
      (acc[a.role] = acc[a.role] || []).push(a.name || a.text); return acc;
    }, {})).flatMap(([role, names]) => [`${role}: `, ...names.flatMap((n) => [
      el("button", { class: "link", type: "button", on: { click: () => openActor(n) } }, n), " "])])),
    el("h3", {}, "Source"),
    el("p", {}, doc.title || "(untitled)", " · ", doc.published || "", " · ",
      link ? el("a", { href: link, rel: "noopener noreferrer", target: "_blank", class: "link", id: "source-link" }, doc.site || link)
        : (doc.url || "no link")),
    el("p", { class: "legend" }, ...["evidence", "place", "actor", "trigger", "attribution", "date"].map(
      (k) => el("span", { class: `m-${k}${k === "evidence" ? " current" : ""}` }, k))),
    articleView(doc, id),
    CONFIG.allow_review ? reviewBox(data) : el("p", { class: "muted" }, "read-only: start kharita serve with --allow-review to review"),
    el("h3", {}, "Other events of this article"),
    el("ul", { class: "plain" }, ...doc.events.filter((o) => o.id !== id).map((o) => el("li", {},
      el("button", { class: "link", type: "button", on: { click: () => openEvent(o.id) } },
        `${o.date || "undated"} · ${eventType(o)} · ${o.place || ""}`)))),
    el("h3", {}, "Fields (reviewed values highlighted)"),
    fieldList(data.event, state.corrected),
    el("h3", {}, "Reviews"),
    el("ul", { class: "plain", id: "review-history" }, ...(data.reviews.length ? data.reviews.map((r) => el("li", {},
      `${r.at} ${r.reviewer}: `, r.verdict ? `marked ${r.verdict}` :
        `${r.field}: ${JSON.stringify(r.old)} → ${JSON.stringify(r.new)}`, r.note ? ` (${r.note})` : "")) : [el("li", { class: "muted" }, "none yet")])),
  );
  panel.hidden = false;
  const current = $(".article .current", body);
  if (current) current.scrollIntoView({ block: "center" });
  for (const row of document.querySelectorAll("#events tbody tr")) row.classList.toggle("current", row.dataset.id === id);
  layers.selected.clearLayers();
  if (e.lat !== null && e.lat !== undefined) {
    // a ring where the event is drawn; the map comes to it when it is out of view or far
    layers.selected.addLayer(L.circleMarker([e.lat, e.lon], {
      radius: 14, color: "#111", weight: 3, fill: false, interactive: false,
    }));
    if (!map.getBounds().contains([e.lat, e.lon]) || map.getZoom() < 5) {
      map.setView([e.lat, e.lon], Math.max(map.getZoom(), 6));
    }
  }
}

function reviewBox(data) {
  const id = data.event.id;
  const who = el("input", { name: "reviewer", placeholder: "your name", value: localStorage.getItem("kharita-reviewer") || "" });
  const note = el("input", { name: "note", placeholder: "note (optional)", size: 30 });
  const editor = el("span", {});
  const field = el("select", { name: "field", on: { change: () => fillEditor() } },
    ...CONFIG.fields.map((f) => el("option", { value: f }, f)));
  let value = () => null;
  const send = async (payload) => {
    if (!who.value.trim()) { showError("give your name as reviewer first"); who.focus(); return; }
    localStorage.setItem("kharita-reviewer", who.value.trim());
    try {
      await getJSON(`/api/events/${encodeURIComponent(id)}/reviews`, {
        method: "POST", headers: { "Content-Type": "application/json", "X-Kharita": "1" },
        body: JSON.stringify({ reviewer: who.value.trim(), note: note.value.trim() || undefined, ...payload }),
      });
    } catch (err) { showError(err.message); return; }
    await showEvent(id);
    loadTable().catch((err) => showError(err.message));
  };
  function fillEditor() {
    const f = field.value;
    const current = data.event[f];
    editor.replaceChildren();
    if (f === "type" || f === "acled_event_type") {
      const options = f === "type" ? CONFIG.plover : CONFIG.types;
      const sel = el("select", { name: "value" }, ...options.map((o) => el("option", { value: o, selected: o === current }, o)));
      editor.append(sel);
      value = () => sel.value;
    } else if (f === "date") {
      const input = el("input", { type: "date", name: "value", value: current || "" });
      editor.append(input);
      value = () => input.value;
    } else if (f === "fatalities") {
      const input = el("input", { type: "number", min: 0, name: "value", value: current ? current.best : 0 });
      editor.append(input);
      value = () => Number(input.value);
    } else if (f === "actors") {
      const area = el("textarea", { name: "value", title: "one actor a line: role: name" });
      area.value = (current || []).map((a) => `${a.role}: ${a.name || a.text}`).join("\n");
      editor.append(area);
      value = () => area.value.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => {
        const i = l.indexOf(":");
        return i < 0 ? { role: "actor1", name: l } : { role: l.slice(0, i).trim(), name: l.slice(i + 1).trim() };
      });
    } else if (f === "location") {
      const name = el("input", { name: "value", placeholder: "place name", value: current ? (current.name || current.text) : "" });
      const found = el("ul", { class: "plain" });
      let chosen = current ? { name: current.name || current.text, lat: current.lat, lon: current.lon, country: current.country, admin1: current.admin1, precision: current.precision || 1 } : null;
      const said = el("span", { class: "muted" }, chosen ? `${chosen.lat}, ${chosen.lon}` : "");
      const search = el("button", { type: "button", on: { click: async () => {
        try {
          const res = await getJSON(`/api/places?q=${encodeURIComponent(name.value)}`);
          found.replaceChildren(...res.places.map((p) => el("li", {}, el("button", { class: "link", type: "button", on: { click: () => {
            chosen = p; name.value = p.name; said.textContent = `${p.lat}, ${p.lon} (${p.country || ""})`; found.replaceChildren();
          } } }, `${p.name}, ${p.admin1 || ""} ${p.country || ""} (${p.feature_code})`))));
          if (!res.places.length) found.append(el("li", { class: "muted" }, "no gazetteer place of that name"));
        } catch (err) { showError(err.message); }
      } } }, "search gazetteer");
      const pick = el("button", { type: "button", on: { click: () => {
        $("#map").classList.add("picking");
        said.textContent = "click the map…";
        picking = (ll) => {
          chosen = { name: name.value || "picked on the map", lat: Number(ll.lat.toFixed(5)), lon: Number(ll.lng.toFixed(5)), precision: 1 };
          said.textContent = `${chosen.lat}, ${chosen.lon}`;
        };
      } } }, "pick on map");
      editor.append(name, " ", search, " ", pick, " ", said, found);
      value = () => (chosen ? { ...chosen, name: name.value || chosen.name } : null);
    } else {
      const input = el("input", { name: "value", value: current || "" });
      editor.append(input);
      value = () => input.value;
    }
  }
  fillEditor();
  return el("div", { class: "review-box" },
    el("h3", {}, "Review"),
    el("p", {}, "reviewer ", who, " ", note),
    el("p", {},
      el("button", { type: "button", id: "mark-right", on: { click: () => send({ verdict: "right" }) } }, "✓ right"), " ",
      el("button", { type: "button", id: "mark-wrong", on: { click: () => send({ verdict: "wrong" }) } }, "✗ wrong")),
    el("p", {}, "correct ", field, " to ", editor, " ",
      el("button", { type: "button", id: "save-correction", on: { click: () => send({ field: field.value, new: value() }) } }, "save")));
}

// ---------------------------------------------------------------- actor view

async function openActor(name) {
  S.actor_view = name;
  delete S.event;
  history.pushState(null, "", `?${query(STATE_KEYS)}`);
  await showActor(name);
}

async function showActor(name) {
  const data = await getJSON(`/api/actor?name=${encodeURIComponent(name)}`);
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", "100%");
  svg.setAttribute("height", "80");
  svg.setAttribute("viewBox", "0 0 600 80");
  svg.setAttribute("preserveAspectRatio", "none");
  const t = data.stats.timeline;
  const max = Math.max(1, ...t.map((d) => d.n));
  t.forEach((d, i) => {
    const r = document.createElementNS(ns, "rect");
    const w = 600 / Math.max(1, t.length);
    r.setAttribute("x", i * w); r.setAttribute("width", Math.max(1, w - 1));
    r.setAttribute("y", 80 - (d.n / max) * 78); r.setAttribute("height", (d.n / max) * 78);
    r.setAttribute("fill", "#5b7489");
    const title = document.createElementNS(ns, "title");
    title.textContent = `week of ${d.key}: ${d.n}`;
    r.append(title);
    svg.append(r);
  });
  $("#panel-body").replaceChildren(
    el("h2", {}, name),
    el("p", {}, `${data.stats.total} events, ${data.stats.fatalities} reported deaths; per week:`),
    svg,
    el("p", {}, el("button", { class: "link", type: "button", on: { click: () => { S.actor = name; delete S.actor_view; writeForm(); S.offset = "0"; commit(); $("#panel").hidden = true; } } }, "filter the map and table to this actor")),
    el("h3", {}, "Counterparts (shared events)"),
    el("ul", { class: "plain" }, ...data.counterparts.map((c) => el("li", {},
      el("button", { class: "link", type: "button", on: { click: () => openActor(c.name) } }, c.name), ` · ${c.events}`))),
    el("h3", {}, "Latest events"),
    el("ul", { class: "plain" }, ...data.events.map((o) => el("li", {},
      el("button", { class: "link", type: "button", on: { click: () => openEvent(o.id) } },
        `${o.date || "undated"} · ${eventType(o)} · ${o.place || ""}`)))),
  );
  $("#panel").hidden = false;
}

$("#close").addEventListener("click", () => {
  delete S.event; delete S.actor_view;
  layers.selected.clearLayers();
  $("#panel").hidden = true;
  history.pushState(null, "", `?${query(STATE_KEYS)}`);
});

// ---------------------------------------------------------------- filters and start

function fillChoices() {
  const types = $("#type-list");
  for (const t of [...CONFIG.types, ...CONFIG.plover]) types.append(el("option", { value: t }));
  const mod = $("#filters").elements.modality;
  for (const m of CONFIG.modalities) mod.append(el("option", { value: m }, m));
  const rev = $("#filters").elements.review;
  for (const r of CONFIG.reviews) rev.append(el("option", { value: r }, r));
}

let typing = null;
$("#filters").addEventListener("input", (ev) => {
  if (ev.target.name === "actor") suggestActors(ev.target.value);
  clearTimeout(typing);
  const typed = ["text", "search", "number"].includes(ev.target.type);
  const wait = typed ? 400 : 0;
  typing = setTimeout(() => { readForm(); S.offset = "0"; stopPlay(); commit(); }, wait);
});
$("#filters").addEventListener("change", (ev) => {
  // Enter, a choice from a list, leaving a field: at once, not after the typing pause
  if (!["text", "search", "number"].includes(ev.target.type)) return;
  clearTimeout(typing);
  const before = query(FILTERS);
  readForm();
  if (query(FILTERS) === before) return;
  S.offset = "0";
  stopPlay();
  commit();
});
$("#filters").addEventListener("submit", (ev) => ev.preventDefault());
$("#clear").addEventListener("click", () => { S = {}; writeForm(); stopPlay(); commit(); });

let suggesting = 0;
async function suggestActors(text) {
  const n = ++suggesting;
  if (text.length < 2) return;
  const data = await getJSON(`/api/actors?q=${encodeURIComponent(text)}&limit=12`);
  if (n !== suggesting) return;
  $("#actor-list").replaceChildren(...data.actors.map((a) => el("option", { value: a.name }, `${a.events} events`)));
}

async function refresh() {
  document.body.dataset.busy = "1";
  const started = performance.now();
  try {
    await Promise.all([loadMap(), loadTimeline(), loadTable()]);
    // map, timeline and table are in the DOM: wait for the frame that paints them
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
    if (S.event) await showEvent(S.event);
    else if (S.actor_view) await showActor(S.actor_view);
    else $("#panel").hidden = true;
  } catch (err) {
    showError(err.message);
  } finally {
    renders += 1;
    document.body.dataset.renders = String(renders);
    delete document.body.dataset.busy;
  }
}

window.addEventListener("popstate", () => { readURL(); writeForm(); stopPlay(); refresh(); });
window.addEventListener("resize", () => drawTimeline());

fillChoices();
readURL();
writeForm();
basemap().catch((err) => showError(`basemap: ${err.message}`));
refresh();
