// bpnet widget renderer, pure part: layout, colors and markup as a small virtual tree. No DOM, no maths on
// the model: every number shown is a string that bpnet formatted in Python (bpnet/widgets/). JavaScript only
// places those strings, picks colors from them and maps indices to runs and phases.
// Importable in node (tests/js); mount.js attaches it to the page.

export const QSYM = {
  x: "x", z: "z", a: "a", delta: "δ", b: "b", db: "∂C/∂b", b_new: "b′", y: "y",
  w: "w", dw: "∂C/∂w", num: "nudge", w_new: "w′", C: "C", C_new: "C after",
};
const NEG = [33, 102, 172], MID = [247, 247, 247], POS = [178, 24, 43];

/** A virtual element: {tag, attrs, children}; null/false children are dropped. */
export function h(tag, attrs, ...children) {
  return { tag, attrs: attrs || {}, children: children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false) };
}

const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
export const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ESC[c]);

/** Markup of a virtual tree (every element closed explicitly; no void HTML elements are used). */
export function toMarkup(node) {
  if (typeof node === "string" || typeof node === "number") return esc(node);
  const attrs = Object.entries(node.attrs)
    .filter(([, v]) => v !== null && v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${esc(v)}"`)).join("");
  return `<${node.tag}${attrs}>${node.children.map(toMarkup).join("")}</${node.tag}>`;
}

/** Every element of a tree that satisfies pred (for tests). */
export function findAll(node, pred, out = []) {
  if (node && typeof node === "object") {
    if (pred(node)) out.push(node);
    node.children.forEach((c) => findAll(c, pred, out));
  }
  return out;
}
export const textOf = (node) => (typeof node === "string" ? node : node.children.map(textOf).join(""));

/** Diverging color centered at zero: blue (negative), near-white (0), red (positive). */
export function diverging(value, scale) {
  const v = parseFloat(value);
  if (!Number.isFinite(v)) return "rgb(200,200,200)";
  const t = Math.max(-1, Math.min(1, v / (scale || 1)));
  const end = t < 0 ? NEG : POS, u = Math.abs(t) * 0.85;
  return `rgb(${MID.map((m, i) => Math.round(m + (end[i] - m) * u)).join(",")})`;
}

/** Stroke width of an edge from |w| (1 to 6 px). */
export const widthOf = (value, scale) => (1 + 5 * Math.min(1, Math.abs(parseFloat(value) || 0) / (scale || 1))).toFixed(2);

/** Which run the controls select: runs are setting-major, one per learning rate. */
export function runOf(doc, state) {
  if (doc.runs.length === 1) return doc.runs[0];
  const nl = (doc.controls && doc.controls.lr && doc.controls.lr.values.length) || 1;
  return doc.runs[Math.min(doc.runs.length - 1, (state.setting || 0) * nl + (state.lr || 0))];
}

/** Number of frames of the timeline: steps x phases. */
export const frameCount = (doc, run) => doc.phases.length * run.steps.length;

/** The step, phase and equations at timeline position t. */
export function frameAt(doc, run, t) {
  const P = doc.phases.length, T = frameCount(doc, run);
  const tt = Math.max(0, Math.min(T - 1, t | 0)), s = Math.floor(tt / P), p = tt - s * P;
  return { t: tt, s, p, phase: doc.phases[p], step: run.steps[s], equations: run.steps[s].equations[p] };
}

/** Node positions in a width x height box: layers left to right, then the cost node. */
export function layout(doc) {
  const sizes = doc.sizes, L = sizes.length - 1, maxN = Math.max(...sizes);
  const colW = 170, rowH = maxN > 5 ? 58 : 100, padX = 46, padY = 34;
  const width = padX * 2 + colW * (L + 1), height = padY * 2 + rowH * (maxN - 1) + 44;
  const pos = {};
  for (const n of doc.nodes) {
    const count = n.id === "cost" ? 1 : sizes[n.layer];
    pos[n.id] = [padX + n.layer * colW, padY + 8 + (height - 2 * padY - 44) / 2 + (n.unit - (count - 1) / 2) * rowH];
  }
  return { width, height, pos };
}

function valueLines(labels, vals) {
  return (labels || []).filter((q) => vals && vals[q] !== undefined).map((q) => `${QSYM[q] || q} ${vals[q]}`);
}

function titleOf(item, labels, vals, always) {
  const qs = [...(always || []), ...(labels || [])].filter((q, i, arr) => arr.indexOf(q) === i);
  const parts = qs.filter((q) => vals && vals[q] !== undefined).map((q) => `${QSYM[q] || q} = ${vals[q]}`);
  return `${item.name || item.label}${parts.length ? ": " + parts.join(", ") : ""}`;
}

/** Where along an edge (0 = source, 1 = target) its label goes: 72% of the way, or back from there until the
 * label's box (~6.4 px per character of 11 px text, 13 px per line) clears the target node's circle and the
 * two lines of values printed under it. */
export function labelAt(x1, y1, x2, y2, lines) {
  const half = 3.2 * Math.max(0, ...lines.map((s) => s.length)), up = ((lines.length - 1) / 2) * 13;
  const avoid = [[x2 - 22, y2 - 22, x2 + 22, y2 + 22], [x2 - 32, y2 + 22, x2 + 32, y2 + 50]];
  let t = 0.72;
  for (; t > 0.3; t -= 0.02) {
    const lx = x1 + (x2 - x1) * t, ly = y1 + (y2 - y1) * t;
    const box = [lx - half, ly - up - 14, lx + half, ly + up + 3];
    if (avoid.every(([l, top, r, bottom]) => box[2] < l || box[0] > r || box[3] < top || box[1] > bottom)) break;
  }
  return t;
}

/** The network diagram of timeline frame t as a virtual <svg>. */
export function networkTree(doc, state) {
  const run = runOf(doc, state), fr = frameAt(doc, run, state.t || 0), vals = fr.step.values;
  const { width, height, pos } = layout(doc), lab = fr.phase.labels, sc = doc.scale || {};
  const hl = new Set(fr.phase.highlight), dim = hl.size > 0, sel = state.selected;
  const crowded = Math.max(...doc.sizes) > 3; // then only highlighted or selected edges carry a label
  const cls = (base, id) => [base, hl.has(id) ? "bp-hl" : dim ? "bp-dim" : "", sel === id ? "bp-sel" : ""].filter(Boolean).join(" ");
  const edges = doc.edges.map((e) => {
    const [x1, y1] = pos[e.from], [x2, y2] = pos[e.to], v = vals[e.id] || {}, qs = lab[e.id] || [];
    if (e.id.startsWith("c_")) {
      return h("g", { class: cls("bp-edge bp-link", e.id), "data-id": e.id },
        h("line", { x1, y1, x2: x2 - 24, y2, stroke: "#888", "stroke-dasharray": "4 3", "stroke-width": 1.5 }));
    }
    const wq = qs.includes("w_new") ? "w_new" : "w", cq = qs.length ? qs[qs.length - 1] : "w";
    const lines = crowded && !hl.has(e.id) && sel !== e.id ? [] : valueLines(qs, v);
    const t = labelAt(x1, y1, x2, y2, lines), lx = x1 + (x2 - x1) * t, ly = y1 + (y2 - y1) * t;
    return h("g", { class: cls("bp-edge", e.id), "data-id": e.id },
      h("title", {}, titleOf(e, qs, v, ["w"])),
      h("line", { x1, y1, x2, y2, stroke: diverging(v[cq], sc[cq]), "stroke-width": widthOf(v[wq], sc.w) }),
      h("line", { x1, y1, x2, y2, class: "bp-hit", stroke: "transparent", "stroke-width": 12 }),
      lines.map((s, i) => h("text", { x: lx, y: ly - 4 + (i - (lines.length - 1) / 2) * 13, class: "bp-elabel", "text-anchor": "middle" }, s)));
  });
  const nodes = doc.nodes.map((n) => {
    const [x, y] = pos[n.id], v = vals[n.id] || {}, qs = lab[n.id] || [], lines = valueLines(qs, v);
    const fq = qs.length ? qs[qs.length - 1] : null;
    const fill = fq && fq !== "C" && fq !== "C_new" ? diverging(v[fq], sc[fq]) : "#ffffff";
    const shape = n.id === "cost"
      ? h("rect", { x: x - 22, y: y - 16, width: 44, height: 32, rx: 6, fill: "#fff7dc", stroke: "#555" })
      : h("circle", { cx: x, cy: y, r: 20, fill, stroke: "#333", "stroke-width": 1.5 });
    return h("g", { class: cls("bp-node", n.id), "data-id": n.id },
      h("title", {}, titleOf(n, qs, v, n.layer > 0 && n.id !== "cost" && qs.length ? ["b"] : [])),
      shape,
      h("text", { x, y: y + 4, class: "bp-nname", "text-anchor": "middle" }, n.label || ""),
      lines.map((s, i) => h("text", { x, y: y + 34 + i * 13, class: "bp-nlabel", "text-anchor": "middle" }, s)));
  });
  return h("svg", { class: "bp-svg", viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
    "aria-label": `${fr.phase.title}: network ${doc.sizes.join("-")}`, "data-frame": fr.t }, edges, nodes);
}

/** The equations beside the diagram: the phase's, the selected element's first; weights view: selected only. */
export function equationTree(doc, state) {
  const run = runOf(doc, state), fr = frameAt(doc, run, state.t || 0), sel = state.selected;
  let eqs = fr.equations || [];
  if (doc.kind === "weights") eqs = eqs.filter((e) => e.target === (sel || "cost") || e.target === "cost");
  else if (sel) eqs = [...eqs.filter((e) => e.target === sel), ...eqs.filter((e) => e.target !== sel)];
  const table = doc.kind === "weights" && doc.params ? paramTable(doc, fr.step.values, sel) : null;
  const nStep = run.steps.length > 1 ? ` (step ${fr.s + 1} of ${run.steps.length})` : "";
  return h("div", { class: "bp-eqs" },
    h("div", { class: "bp-ptitle" }, `${fr.phase.title}${nStep}`),
    h("div", { class: "bp-caption" }, fr.phase.caption),
    eqs.map((e) => h("div", { class: `bp-eq${e.target === sel ? " bp-sel" : ""}`, "data-target": e.target },
      e.lines.map((line) => h("div", { class: "bp-line" }, line)))), table);
}

/** Every weight and bias: value, dC/dp by backprop, the nudge estimate, and the value after one step. */
export function paramTable(doc, vals, sel) {
  const head = ["parameter", "value", "∂C/∂p backprop", "nudge", "after step"];
  return h("table", { class: "bp-table" },
    h("thead", {}, h("tr", {}, head.map((t) => h("th", {}, t)))),
    h("tbody", {}, doc.params.map((p) => {
      const v = vals[p.target] || {}, qs = p.id[0] === "w" ? ["w", "dw", "num", "w_new"] : ["b", "db", "num", "b_new"];
      return h("tr", { "data-id": p.target, class: p.target === sel ? "bp-sel" : null },
        h("th", {}, p.name), qs.map((q) => h("td", {}, v[q] === undefined ? "" : v[q])));
    })));
}

/** Training explorer: decision boundary image, data points and cost curve of the selected run. */
export function explorerTree(doc, state) {
  const run = runOf(doc, state), ds = doc.datasets[run.dataset], P = doc.panel;
  const pts = ds.points.map(([x, y, c]) => h("circle", { cx: x, cy: y, r: 2.6, class: `bp-pt bp-c${c}` }));
  return h("svg", { class: "bp-svg", viewBox: `0 0 ${P.width} ${P.height}`, width: P.width, height: P.height, role: "img",
    "aria-label": run.summary, "data-run": run.key },
    h("rect", { x: 0, y: 0, width: P.width, height: P.height, fill: "#fff" }),
    run.image ? h("image", { href: run.image, x: P.box[0], y: P.box[1], width: P.box[2], height: P.box[3], preserveAspectRatio: "none" }) : null,
    h("rect", { x: P.box[0], y: P.box[1], width: P.box[2], height: P.box[3], fill: "none", stroke: "#444" }),
    pts,
    h("rect", { x: P.curve[0], y: P.curve[1], width: P.curve[2], height: P.curve[3], fill: "none", stroke: "#444" }),
    run.curve ? h("polyline", { points: run.curve, fill: "none", stroke: "#b2182b", "stroke-width": 2 }) : null,
    run.axis.map(([x, y, s, anchor]) => h("text", { x, y, class: "bp-axis", "text-anchor": anchor }, s)),
    run.message ? h("text", { x: P.box[0] + 6, y: P.box[1] + P.box[3] / 2, class: "bp-warn" }, "diverged: see the message") : null);
}

/** Cost surface: contour image, and the gradient-descent path of the selected learning rate up to step k. */
export function surfaceTree(doc, state) {
  const run = runOf(doc, state), k = Math.max(0, Math.min(run.path.length - 1, state.k || 0));
  const shown = run.path.slice(0, k + 1), [x, y, w, hh] = doc.axes;
  return h("svg", { class: "bp-svg", viewBox: `0 0 ${doc.width} ${doc.height}`, width: doc.width, height: doc.height,
    role: "img", "aria-label": run.labels[k], "data-step": k },
    h("image", { href: doc.image, x: 0, y: 0, width: doc.width, height: doc.height }),
    h("clipPath", { id: `${doc.uid}-clip` }, h("rect", { x, y, width: w, height: hh })),
    h("g", { "clip-path": `url(#${doc.uid}-clip)` },
      h("polyline", { points: shown.join(" "), fill: "none", stroke: "#111", "stroke-width": 1.6 }),
      shown.map((p, i) => {
        const [px, py] = p.split(",");
        return h("circle", { cx: px, cy: py, r: i === k ? 4.5 : 2.5, fill: i === k ? "#ffd400" : "#111", stroke: "#111" });
      })));
}
