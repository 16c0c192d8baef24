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

/** The scale of colors and widths for the state on screen: for each quantity, the largest |value| among the
 * elements of the step shown (so weights of 0.15-0.55 span the whole range of widths, whatever another learning
 * rate or weight setting would make of them). */
export function stepScale(values) {
  const out = {};
  for (const qs of Object.values(values || {})) {
    for (const [q, s] of Object.entries(qs)) {
      const v = Math.abs(parseFloat(s));
      if (Number.isFinite(v) && v > (out[q] || 0)) out[q] = v;
    }
  }
  return out;
}

/** WCAG relative luminance of "rgb(r,g,b)" or "#rrggbb". */
export function luminance(color) {
  const c = color.startsWith("#") ? [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) : color.match(/\d+/g).map(Number);
  const [r, g, b] = c.map((v) => { const u = v / 255; return u <= 0.03928 ? u / 12.92 : ((u + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colors (1 to 21). */
export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The ink for a name on a filled shape: white where it reads on the fill (4.5:1), else dark on the white halo that
 * every diagram text carries (bpnet.css). */
export const INK = "#222222";
export const inkOn = (fill) => (contrast(fill, "#ffffff") >= 4.5 ? "#ffffff" : INK);

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

/** The accessible name of a diagram element: its symbol and the values shown, "w⁽²⁾₁₁ = 0.4000, ∂C/∂w = 0.08217";
 * an edge always names its weight, a unit its activation once computed. */
export function ariaOf(item, labels, vals) {
  const main = item.id === "cost" ? "C" : item.id.startsWith("w") ? "w" : "a";
  const v = vals || {}, qs = (labels || []).filter((q) => q !== main && v[q] !== undefined);
  const head = v[main] !== undefined && (main !== "a" || (labels || []).includes("a") || item.layer === 0)
    ? `${item.name || item.label} = ${v[main]}` : `${item.name || item.label}`;
  return [head, ...qs.map((q) => `${QSYM[q] || q} = ${v[q]}`)].join(", ");
}

/** The order in which the keyboard visits the diagram: layer by layer, the units, then the weights that leave
 * them; the cost last. (The links to the cost are not selectable.) */
export function focusOrder(doc) {
  const L = doc.sizes.length - 1, out = [];
  for (let l = 0; l <= L; l++) {
    out.push(...doc.nodes.filter((n) => n.layer === l && n.id !== "cost").map((n) => n.id));
    if (l < L) out.push(...doc.edges.filter((e) => e.layer === l + 1 && !e.id.startsWith("c_")).map((e) => e.id));
  }
  if (doc.nodes.some((n) => n.id === "cost")) out.push("cost");
  return out;
}

/** The network diagram of timeline frame t as a virtual <svg>. Every unit and weight is a button (Enter selects
 * it) with a roving tab stop: `state.focus`, else the selection, else the first unit, has tabindex 0. */
export function networkTree(doc, state) {
  const run = runOf(doc, state), fr = frameAt(doc, run, state.t || 0), vals = fr.step.values;
  const { width, height, pos } = layout(doc), lab = fr.phase.labels, sc = stepScale(vals);
  const hl = new Set(fr.phase.highlight), dim = hl.size > 0, sel = state.selected;
  const order = focusOrder(doc), stop = [state.focus, sel].find((id) => order.includes(id)) || order[0];
  const crowded = Math.max(...doc.sizes) > 3; // then only highlighted or selected edges carry a label
  const dimmed = (id) => dim && !hl.has(id) && sel !== id;
  const cls = (base, id) => [base, hl.has(id) ? "bp-hl" : dimmed(id) ? "bp-dim" : "", sel === id ? "bp-sel" : ""].filter(Boolean).join(" ");
  // The accessible name starts with the text drawn on the element (WCAG 2.5.3, label in name: a voice user says
  // what they see), then names it in the book's symbols with its values. Each drawn text ends in a space (SVG does
  // not draw it) so that the element's text reads "x₂ x 0.1000", not "x₂x 0.1000", as the name does.
  const button = (item, qs, v, shown) => (order.includes(item.id) ? {
    tabindex: item.id === stop ? 0 : -1, role: "button", "aria-pressed": String(sel === item.id),
    "aria-label": [shown.filter(Boolean).join(" "), ariaOf(item, qs, v)].filter(Boolean).join(": "),
    "data-lm-suppress-shortcuts": "",
  } : {});
  const edges = doc.edges.map((e) => {
    const [x1, y1] = pos[e.from], [x2, y2] = pos[e.to], v = vals[e.id] || {}, qs = lab[e.id] || [];
    if (e.id.startsWith("c_")) {
      return h("g", { class: cls("bp-edge bp-link", e.id), "data-id": e.id },
        h("line", { x1, y1, x2: x2 - 24, y2, stroke: "#888", "stroke-dasharray": "4 3", "stroke-width": 1.5 }));
    }
    const wq = qs.includes("w_new") ? "w_new" : "w", cq = qs.length ? qs[qs.length - 1] : "w";
    const lines = crowded && !hl.has(e.id) && sel !== e.id ? [] : valueLines(qs, v);
    const t = labelAt(x1, y1, x2, y2, lines), lx = x1 + (x2 - x1) * t, ly = y1 + (y2 - y1) * t;
    const sw = widthOf(v[wq], sc[wq]);
    return h("g", { class: cls("bp-edge", e.id), "data-id": e.id, ...button(e, qs, v, lines) },
      h("title", {}, titleOf(e, qs, v, ["w"])),
      sel === e.id ? h("line", { x1, y1, x2, y2, class: "bp-casing", "stroke-width": (+sw + 5).toFixed(2) }) : null,
      h("line", { x1, y1, x2, y2, stroke: diverging(v[cq], sc[cq]), "stroke-width": sw }),
      h("line", { x1, y1, x2, y2, class: "bp-hit", stroke: "transparent", "stroke-width": 12 }),
      lines.map((s, i) => h("text", { x: lx, y: ly - 4 + (i - (lines.length - 1) / 2) * 13, class: "bp-elabel", "text-anchor": "middle",
        "aria-hidden": "true" }, `${s} `)));
  });
  const nodes = doc.nodes.map((n) => {
    const [x, y] = pos[n.id], v = vals[n.id] || {}, qs = lab[n.id] || [], lines = valueLines(qs, v);
    const fq = qs.length ? qs[qs.length - 1] : null;
    const fill = fq && fq !== "C" && fq !== "C_new" ? diverging(v[fq], sc[fq]) : "#ffffff";
    const shape = n.id === "cost"
      ? h("rect", { x: x - 22, y: y - 16, width: 44, height: 32, rx: 6, fill: "#fff7dc", stroke: "#555" })
      : h("circle", { cx: x, cy: y, r: 20, fill, stroke: "#333", "stroke-width": 1.5 });
    // a dimmed shape is faded towards white (bpnet.css), so dark ink reads on it whatever its fill
    const onDark = n.id !== "cost" && !dimmed(n.id) && inkOn(fill) !== INK;
    return h("g", { class: cls("bp-node", n.id), "data-id": n.id, ...button(n, qs, v, [n.label, ...lines]) },
      h("title", {}, titleOf(n, qs, v, n.layer > 0 && n.id !== "cost" && qs.length ? ["b"] : [])),
      shape,
      // the texts are drawn for the eye; the element's aria-label says all of them (and names it as its text would)
      h("text", { x, y: y + 4, class: onDark ? "bp-nname bp-ondark" : "bp-nname", "text-anchor": "middle",
        "aria-hidden": "true" }, `${n.label || ""} `),
      lines.map((s, i) => h("text", { x, y: y + 34 + i * 13, class: "bp-nlabel", "text-anchor": "middle", "aria-hidden": "true" }, `${s} `)));
  });
  return h("svg", { class: "bp-svg", viewBox: `0 0 ${width} ${height}`, width, height, role: "group",
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
    h("div", { class: "bp-caption" }, captionOf(doc, fr, sel)),
    doc.kind === "stepper" ? etaNote(doc, run, fr) : null,
    eqs.map((e) => h("div", { class: `bp-eq${e.target === sel ? " bp-sel" : ""}`, "data-target": e.target },
      e.lines.map((line) => h("div", { class: "bp-line" }, line)))),
    table ? h("div", { class: "bp-scroll", tabindex: 0, role: "region", "aria-label": "every weight and bias (scrolls sideways)",
      "data-lm-suppress-shortcuts": "" }, table) : null);
}

/** The name of a diagram element or parameter, as the book writes it. */
function nameOf(doc, id) {
  const p = (doc.params || []).find((q) => q.target === id);
  const item = p || doc.edges.find((e) => e.id === id) || doc.nodes.find((n) => n.id === id);
  return item ? item.name || item.label : id;
}

/** The phase's caption; the weights view's "select a weight" hint says what is selected once something is. */
function captionOf(doc, fr, sel) {
  if (doc.kind !== "weights" || !sel) return fr.phase.caption;
  return `Showing ${nameOf(doc, sel)}${sel === "cost" ? "" : " and the cost"}. Select another weight or unit (click it, `
    + "or Tab into the diagram, move with ↑ ↓ and press Enter) to see its numbers.";
}

/** In the phases before the first update, where η acts: nothing computed before it depends on η. */
export function etaNote(doc, run, fr) {
  const first = doc.phases.findIndex((p) => p.key.startsWith("update"));
  if (first < 0 || fr.p >= first) return null;
  const eta = run.lr_text !== undefined ? run.lr_text : String(run.lr);
  return h("div", { class: "bp-eta" }, `η = ${eta} acts in the update step: w ← w − η ∂C/∂w.`,
    fr.s === 0 ? " Until then no number on screen depends on η." : null);
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
