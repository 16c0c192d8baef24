// The stepper and weights documents built in the page: the JavaScript twin of bpnet/widgets/document.py,
// equations.py, stepper.py (stepper_trace) and weights.py (weights_trace, param_list, nudge_lines).
//
// engine.js computes the numbers (bpnet's second implementation) and format.js writes them as Python does, so a
// document built here holds the same strings as the one Python builds for the same network, example and η: node
// tests (tests/js/document.test.mjs) compare the two, phase by phase, on documents bpnet exports. The numbers glued
// into the book's prose still come from Python; this only redraws the widgets when the reader changes a weight or η.
//
//   stepperDocument(model, lr, opts)   as stepper_trace(net, x, y, [lr], steps=model.steps)
//   weightsDocument(model, lr, opts)   as weights_trace(net, x, y, [lr], eps=model.eps), one setting
//   paramList(model, digits)           as param_list: every weight and bias, its id, name and value
//   saturationNote(model, pid)         as saturation_note: what is true of a saturated unit ("" if none)
//   model: {activation, output_activation, loss, weights, biases, x, y, steps?, eps?} (bpnet's raw arrays)
import { network, oneStep, nudges, forward, derivatives, ACTIVATIONS } from "./engine.js";
import { fmt, fmtLr, factor, sumText, pyFormat } from "./format.js";

export const TRACE_FORMAT = "bpnet-trace/1";
export const COST_ID = "cost";
const SATURATED = 0.1; // bpnet.widgets.weights.SATURATED
const UNRESOLVED = 1e-3; // bpnet.gradcheck.BUG_THRESHOLD
const FLOAT_EPS = 2.220446049250313e-16; // np.finfo(np.float64).eps

// ---- notation (bpnet/notation.py) --------------------------------------------------------------------------
export const nodeId = (l, j) => `n${l}_${j}`;
export const weightId = (l, j, k) => `w${l}_${j}_${k}`;
export const biasId = (l, j) => `b${l}_${j}`;
export const linkId = (j) => `c_${j}`;
const SUP = Object.fromEntries([..."0123456789-()"].map((c, i) => [c, "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁽⁾"[i]]));
const SUB = Object.fromEntries([..."0123456789"].map((c, i) => [c, "₀₁₂₃₄₅₆₇₈₉"[i]]));
const tr = (s, map) => [...s].map((c) => map[c] ?? c).join("");
const SYMBOLS = { sigmoid: "σ", tanh: "tanh", relu: "relu", identity: "id", softmax: "softmax" };
export const activationSymbol = (name) => SYMBOLS[name] ?? name;

/** The book's symbols with units counted from `base` (bpnet.notation.Names): n.w(2, 0, 1) is "w⁽²⁾₁₂". */
export function names(base = 1) {
  const index = (idx) => {
    const parts = idx.map((i) => String(i + base));
    return parts.join(parts.some((p) => p.length > 1) ? "," : "");
  };
  const sym = (letter, layer, ...idx) => `${letter}${layer === null ? "" : tr(`(${layer})`, SUP)}${tr(index(idx), SUB)}`;
  return {
    i: (...idx) => sym("", null, ...idx), sym,
    a: (l, ...idx) => sym("a", l, ...idx), z: (l, ...idx) => sym("z", l, ...idx), d: (l, ...idx) => sym("δ", l, ...idx),
    w: (l, ...idx) => sym("w", l, ...idx), b: (l, ...idx) => sym("b", l, ...idx),
    x: (...idx) => sym("x", null, ...idx), y: (...idx) => sym("y", null, ...idx),
  };
}

// ---- the numbers of one step (bpnet/widgets/arrays.py) --------------------------------------------------------
const netOf = (m) => network({ weights: m.weights, biases: m.biases, activation: m.activation,
  output_activation: m.output_activation, loss: m.loss });
const actOf = (net, l) => (l === net.sizes.length - 2 ? net.output_activation : net.activation); // code layer l

/** {element id: {quantity: float}} of one step, as arrays.raw_values. */
export function rawValues(net, X, Y, s) {
  const { trace, grads: g, after } = s, L = net.sizes.length - 1, dphi = derivatives(net, trace), raw = {};
  X[0].forEach((v, k) => { raw[nodeId(0, k)] = { x: v, a: v }; });
  for (let l = 1; l <= L; l++) {
    for (let j = 0; j < net.sizes[l]; j++) {
      const u = raw[nodeId(l, j)] = { z: trace.zs[l - 1][0][j], a: trace.activations[l][0][j],
        delta: g.deltas[l - 1][0][j], b: net.biases[l - 1][j], db: g.biases[l - 1][j], b_new: after.biases[l - 1][j] };
      if (dphi[l - 1]) u.dphi = dphi[l - 1][0][j];
      for (let k = 0; k < net.sizes[l - 1]; k++) {
        raw[weightId(l, j, k)] = { w: net.weights[l - 1][j][k], dw: g.weights[l - 1][j][k], w_new: after.weights[l - 1][j][k] };
      }
    }
  }
  Y[0].forEach((v, j) => { raw[nodeId(L, j)].y = v; });
  raw[COST_ID] = { C: s.C, C_new: s.C_new };
  return raw;
}

/** Largest |value| of each quantity over the steps, to 3 digits (arrays.scale): colors and widths follow it. */
export function scale(net, steps) {
  const big = (arrays) => Math.max(...arrays.map((a) => Math.max(...a.flat(2).map(Math.abs))));
  const over = (f) => Math.max(...steps.map(f));
  const a = over((s) => big(s.trace.activations)), d = over((s) => big(s.grads.deltas));
  const w = over((s) => big([...s.after.weights, ...s.after.biases, ...net.weights, ...net.biases]));
  const g = over((s) => big([...s.grads.weights, ...s.grads.biases]));
  const m = { a, x: a, y: a, z: a, delta: d, w, b: w, w_new: w, b_new: w, dw: g, db: g, num: g };
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v ? Number(pyFormat(v, ".3g")) : 1.0]));
}

/** The shown quantities of a step as strings (document.values): every one but phi'(z). */
export const values = (raw, digits) => Object.fromEntries(Object.entries(raw).map(([id, qs]) =>
  [id, Object.fromEntries(Object.entries(qs).filter(([q]) => q !== "dphi").map(([q, v]) => [q, fmt(v, digits)]))]));

// ---- the document's parts (bpnet/widgets/document.py) --------------------------------------------------------
function structure(sizes, nm) {
  const L = sizes.length - 1, nodes = [], edges = [];
  sizes.forEach((n, l) => {
    for (let j = 0; j < n; j++) {
      const label = l === 0 ? nm.x(j) : l === L ? `o${nm.i(j)}` : L === 2 ? `h${nm.i(j)}` : "";
      nodes.push({ id: nodeId(l, j), layer: l, unit: j, name: nm.a(l, j), label });
    }
  });
  nodes.push({ id: COST_ID, layer: L + 1, unit: 0, name: "C", label: "C" });
  for (let l = 1; l <= L; l++) {
    for (let j = 0; j < sizes[l]; j++) {
      for (let k = 0; k < sizes[l - 1]; k++) {
        edges.push({ id: weightId(l, j, k), layer: l, to: nodeId(l, j), from: nodeId(l - 1, k), name: nm.w(l, j, k) });
      }
    }
  }
  for (let j = 0; j < sizes[L]; j++) edges.push({ id: linkId(j), layer: L + 1, to: COST_ID, from: nodeId(L, j), name: "" });
  return { nodes, edges };
}

function base(net, kind, digits, indexBase) {
  const { nodes, edges } = structure(net.sizes, names(indexBase));
  return { format: TRACE_FORMAT, kind, precision: { digits, style: "significant" }, index_base: indexBase,
    sizes: [...net.sizes], net: { activation: net.activation, output_activation: net.output_activation, loss: net.loss },
    nodes, edges };
}

/** Quantities each element shows (document.labels): nodes[layer], edges[layer]; `units` overrides single nodes. */
function labels(sizes, nodes, edges, cost = [], units = {}) {
  const out = {};
  sizes.forEach((n, l) => {
    for (let j = 0; j < n; j++) {
      out[nodeId(l, j)] = [...(units[nodeId(l, j)] ?? nodes[l] ?? [])];
      if (l) for (let k = 0; k < sizes[l - 1]; k++) out[weightId(l, j, k)] = [...(edges[l] ?? [])];
    }
  });
  out[COST_ID] = [...cost];
  for (let j = 0; j < sizes.at(-1); j++) out[linkId(j)] = [];
  return out;
}

const layerIds = (sizes, l, edges = false) => (edges
  ? range(sizes[l]).flatMap((j) => range(sizes[l - 1]).map((k) => weightId(l, j, k)))
  : range(sizes[l]).map((j) => nodeId(l, j)));
const phase = (key, title, caption, highlight, labels) => ({ key, title, caption, highlight, labels });
const range = (n) => Array.from({ length: n }, (_, i) => i);

// ---- the equations (bpnet/widgets/equations.py) --------------------------------------------------------------
const act = (net, l) => activationSymbol(actOf(net, l - 1)); // book layer l

const inputEqs = (net, raw, nm, f) => range(net.sizes[0]).map((k) =>
  ({ target: nodeId(0, k), lines: [`${nm.a(0, k)} = ${nm.x(k)} = ${f(raw[nodeId(0, k)].x)}`] }));

function forwardEqs(net, raw, l, nm, f) {
  const sym = act(net, l), ks = range(net.sizes[l - 1]);
  return range(net.sizes[l]).map((j) => {
    const u = raw[nodeId(l, j)];
    const products = ks.map((k) => `${f(raw[weightId(l, j, k)].w)}·${factor(f(raw[nodeId(l - 1, k)].a))}`);
    const lines = [`${nm.z(l, j)} = ` + sumText([...ks.map((k) => `${nm.w(l, j, k)} ${nm.a(l - 1, k)}`), nm.b(l, j)]),
      "= " + sumText([...products, factor(f(u.b))]), `= ${f(u.z)}`];
    lines.push(sym === "softmax" ? `${nm.a(l, j)} = e^${nm.z(l, j)} / Σₖ e^${nm.z(l)}ₖ = ${f(u.a)}`
      : `${nm.a(l, j)} = ${sym}(${nm.z(l, j)}) = ${sym}(${f(u.z)}) = ${f(u.a)}`);
    return { target: nodeId(l, j), lines };
  });
}

function costEqs(net, raw, nm, f) {
  const L = net.sizes.length - 1, out = range(net.sizes[L]).map((j) => raw[nodeId(L, j)]), aL = nm.a(L);
  let lines;
  if (net.loss === "mse") {
    lines = [`C = ½ Σⱼ (${aL}ⱼ − yⱼ)²`, "= ½[" + sumText(out.map((u) => `(${f(u.a)} − ${factor(f(u.y))})²`)) + "]"];
  } else if (net.output_activation === "sigmoid") {
    lines = [`C = −Σⱼ [yⱼ ln ${aL}ⱼ + (1 − yⱼ) ln(1 − ${aL}ⱼ)]`,
      "= −[" + sumText(out.map((u) => `${f(u.y)}·ln ${f(u.a)} + ${f(1 - u.y)}·ln ${f(1 - u.a)}`)) + "]"];
  } else {
    lines = [`C = −Σⱼ yⱼ ln ${aL}ⱼ`, "= −[" + sumText(out.map((u) => `${f(u.y)}·ln ${f(u.a)}`)) + "]"];
  }
  return [{ target: COST_ID, lines: [...lines, `= ${f(raw[COST_ID].C)}`] }];
}

function outputDeltaEqs(net, raw, nm, f) {
  const L = net.sizes.length - 1, sym = act(net, L), ce = net.loss === "cross_entropy";
  return range(net.sizes[L]).map((j) => {
    const u = raw[nodeId(L, j)], a = f(u.a), y = factor(f(u.y));
    let lines;
    if (ce) lines = [`${nm.d(L, j)} = ${nm.a(L, j)} − ${nm.y(j)}   (${sym}′ cancels with cross-entropy)`, `= ${a} − ${y}`];
    else if ("dphi" in u) lines = [`${nm.d(L, j)} = (${nm.a(L, j)} − ${nm.y(j)})·${sym}′(${nm.z(L, j)})`, `= (${a} − ${y})·${f(u.dphi)}`];
    else lines = [`${nm.d(L, j)} = ${nm.a(L, j)}((aⱼ − yⱼ) − Σₖ aₖ(aₖ − yₖ))   (softmax Jacobian)`];
    return { target: nodeId(L, j), lines: [...lines, `= ${f(u.delta)}`] };
  });
}

function hiddenDeltaEqs(net, raw, l, units, nm, f) {
  const sym = act(net, l);
  return units.map((j) => {
    const u = raw[nodeId(l, j)];
    const terms = range(net.sizes[l + 1]).map((k) => `${f(raw[weightId(l + 1, k, j)].w)}·${factor(f(raw[nodeId(l + 1, k)].delta))}`);
    return { target: nodeId(l, j), lines: [
      `${nm.d(l, j)} = (Σₖ ${nm.w(l + 1)}ₖ${nm.i(j)} ${nm.d(l + 1)}ₖ)·${sym}′(${nm.z(l, j)})   (weights before the update)`,
      `= (${sumText(terms)})·${f(u.dphi)}`, `= ${f(u.delta)}`] };
  });
}

function parameterEqs(net, l, weightLine, biasLine) {
  const eqs = [];
  for (let j = 0; j < net.sizes[l]; j++) {
    for (let k = 0; k < net.sizes[l - 1]; k++) eqs.push({ target: weightId(l, j, k), lines: [weightLine(j, k)] });
    eqs.push({ target: nodeId(l, j), lines: [biasLine(j)] });
  }
  return eqs;
}

const gradientEqs = (net, raw, l, nm, f) => parameterEqs(net, l,
  (j, k) => `∂C/∂${nm.w(l, j, k)} = ${nm.d(l, j)} ${nm.a(l - 1, k)} = ${f(raw[nodeId(l, j)].delta)}·` +
    `${factor(f(raw[nodeId(l - 1, k)].a))} = ${f(raw[weightId(l, j, k)].dw)}`,
  (j) => `∂C/∂${nm.b(l, j)} = ${nm.d(l, j)} = ${f(raw[nodeId(l, j)].db)}`);

function updateEqs(net, raw, l, lr, nm, f) {
  const eta = fmtLr(lr);
  const line = (p, old, grad, now) => `${p} ← ${p} − η ∂C/∂${p} = ${f(old)} − ${eta}·${factor(f(grad))} = ${f(now)}`;
  return parameterEqs(net, l, (j, k) => { const r = raw[weightId(l, j, k)]; return line(nm.w(l, j, k), r.w, r.dw, r.w_new); },
    (j) => { const u = raw[nodeId(l, j)]; return line(nm.b(l, j), u.b, u.db, u.b_new); });
}

const stepCostEqs = (raw, lr, f) => [{ target: COST_ID, lines: [`C before the step = ${f(raw[COST_ID].C)}`,
  `C after the step (η = ${fmtLr(lr)}) = ${f(raw[COST_ID].C_new)}`] }];

// ---- the stepper (bpnet/widgets/stepper.py) ------------------------------------------------------------------
function stepperPhases(net, raw, lr, nm, f) {
  const sz = net.sizes, L = sz.length - 1, lab = (...a) => labels(sz, ...a);
  const up = (l, q) => Object.fromEntries(range(l + 1).map((m) => [m, q]));
  const out = [[phase("input", "Input", "The example enters: a⁽⁰⁾ = x. Nothing else is computed yet.",
    layerIds(sz, 0), lab({ 0: ["a"] }, up(L, ["w"]))), inputEqs(net, raw, nm, f)]];
  for (let l = 1; l <= L; l++) {
    out.push([phase(`forward-${l}`, `Forward pass, layer ${l}`, `Each unit of layer ${l} takes the weighted sum of layer ` +
      `${l - 1} plus its bias, then the activation.`, [...layerIds(sz, l), ...layerIds(sz, l, true)],
    lab({ ...up(l - 1, ["a"]), [l]: ["z", "a"] }, up(L, ["w"]))), forwardEqs(net, raw, l, nm, f)]);
  }
  const costLinks = range(sz[L]).map(linkId);
  out.push([phase("cost", "Cost", "Compare the output with the target y.", [...layerIds(sz, L), COST_ID, ...costLinks],
    lab(up(L, ["a"]), up(L, ["w"]), ["C"])), costEqs(net, raw, nm, f)]);
  const known = { [L]: ["a", "delta"] };
  out.push([phase("delta-out", "Output error δ⁽ᴸ⁾", "How fast the cost changes with each output z.",
    [...layerIds(sz, L), COST_ID, ...costLinks], lab({ ...up(L - 1, ["a"]), ...known }, up(L, ["w"]), ["C"])),
  outputDeltaEqs(net, raw, nm, f)]);
  for (let l = L - 1; l > 0; l--) {
    const groups = sz[l] <= 6 ? range(sz[l]).map((k) => [k]) : [range(sz[l])], done = {};
    for (const units of groups) {
      units.forEach((k) => { done[nodeId(l, k)] = ["a", "delta"]; });
      const hl = [...units.map((k) => nodeId(l, k)), ...layerIds(sz, l + 1),
        ...units.flatMap((k) => range(sz[l + 1]).map((j) => weightId(l + 1, j, k)))];
      const title = units.length === 1 ? `Hidden error ${nm.d(l, units[0])}` : `Hidden errors, layer ${l}`;
      out.push([phase(`delta-${l}-${units[0]}`, title, "The error flows back along the outgoing weights (the sum runs " +
        "over the highlighted edges), times the slope of the activation.", hl,
      lab({ ...up(l, ["a"]), ...known }, up(L, ["w"]), ["C"], { ...done })), hiddenDeltaEqs(net, raw, l, units, nm, f)]);
    }
    known[l] = ["a", "delta"];
  }
  for (let l = L; l > 0; l--) {
    out.push([phase(`grad-${l}`, `Gradients, layer ${l}`, "∂C/∂w = δ of the unit the edge enters × a of the unit it " +
      "leaves; ∂C/∂b = δ.", [...layerIds(sz, l, true), ...layerIds(sz, l), ...layerIds(sz, l - 1)],
    lab({ 0: ["a"], ...known }, Object.fromEntries(range(L + 1).map((m) => [m, m >= l ? ["dw"] : ["w"]])), ["C"])),
    gradientEqs(net, raw, l, nm, f)]);
  }
  for (let l = 1; l <= L; l++) {
    out.push([phase(`update-${l}`, `Update, layer ${l}`, "Step downhill: w ← w − η ∂C/∂w (old → new).",
      [...layerIds(sz, l, true), ...layerIds(sz, l)],
      lab({ 0: ["a"], ...known }, Object.fromEntries(range(L + 1).map((m) => [m, m <= l ? ["w_new"] : ["dw"]])), ["C"])),
    updateEqs(net, raw, l, lr, nm, f)]);
  }
  out.push([phase("after", "After the step", "The same example through the updated network.", [COST_ID],
    lab({ 0: ["a"], ...known }, up(L, ["w_new"]), ["C", "C_new"])), stepCostEqs(raw, lr, f)]);
  return out;
}

const rows = (v) => [Array.from(v)];

/** The stepper's document for one η: stepper_trace(net, x, y, [lr], steps=model.steps). */
export function stepperDocument(model, lr, { digits = 4, indexBase = 1 } = {}) {
  let net = netOf(model);
  const X = rows(model.x), Y = rows(model.y), nm = names(indexBase), f = (v) => fmt(v, digits);
  const first = net, arrays = [], run = { lr, lr_text: fmtLr(lr), setting: 0, steps: [] };
  let templates = null;
  for (let i = 0; i < (model.steps || 1); i++) {
    const s = oneStep(net, X, Y, lr), raw = rawValues(net, X, Y, s), phases = stepperPhases(net, raw, lr, nm, f);
    templates = templates || phases.map(([t]) => t);
    run.steps.push({ values: values(raw, digits), equations: phases.map(([, e]) => e) });
    arrays.push(s);
    net = s.after;
  }
  return { ...base(first, "stepper", digits, indexBase), scale: scale(first, arrays), phases: templates, runs: [run] };
}

// ---- the weights view (bpnet/widgets/weights.py) -------------------------------------------------------------

/** The nudge written with enough digits that the difference of the two costs shows, and a line saying so where
 * round-off could move it by more than UNRESOLVED (weights.nudge_lines). */
export function nudgeLines(p, plus, minus, num, eps, f) {
  const diff = plus - minus, big = Math.max(Math.abs(plus), Math.abs(minus));
  const digits = diff === 0 || big === 0 ? 12 : Math.min(17, Math.max(12, Math.ceil(Math.log10(big / Math.abs(diff))) + 4));
  const lines = [`nudge: (C(${p}+ε) − C(${p}−ε))/2ε = (${fmt(plus, digits)} − ${fmt(minus, digits)})/${fmtLr(2 * eps)}` +
    ` = ${f(num)}`];
  const roundoff = FLOAT_EPS * big;
  if (big && (diff === 0 || roundoff / Math.abs(diff) > UNRESOLVED)) {
    const share = diff === 0 ? "all" : `about ${fmt(100 * roundoff / Math.abs(diff), 2)}%`;
    lines.push(`too small for the nudge to resolve: the two costs differ by ${fmt(diff, 3)}, ` +
      `${fmt(Math.abs(diff) / roundoff, 2)} units of round-off (${fmt(roundoff, 2)} each), so round-off ` +
      `can move this nudge by ${share} of its value; backprop's value has no such error`);
  }
  return lines;
}

function weightsEqs(net, raw, nud, lr, nm, f) {
  const L = net.sizes.length - 1, first = (eqs) => Object.fromEntries(eqs.map((e) => [e.target, e.lines[0]]));
  const grads = {}, upd = {};
  for (let l = 1; l <= L; l++) { Object.assign(grads, first(gradientEqs(net, raw, l, nm, f))); Object.assign(upd, first(updateEqs(net, raw, l, lr, nm, f))); }
  const eqs = inputEqs(net, raw, nm, f), nudge = (kind, l, i, j) => {
    const pick = (o) => (kind === "w" ? o.weights[l][i][j] : o.biases[l][i]);
    return nudgeLines(kind, pick(nud.plus), pick(nud.minus), pick(nud), nud.eps, f);
  };
  for (let l = 1; l <= L; l++) {
    for (let j = 0; j < net.sizes[l]; j++) {
      for (let k = 0; k < net.sizes[l - 1]; k++) {
        const t = weightId(l, j, k);
        eqs.push({ target: t, lines: [`${nm.w(l, j, k)} = ${f(raw[t].w)}`, "backprop: " + grads[t], ...nudge("w", l - 1, j, k),
          "after one step: " + upd[t]] });
      }
      const t = nodeId(l, j), u = raw[t];
      eqs.push({ target: t, lines: [`${nm.z(l, j)} = ${f(u.z)}, ${nm.a(l, j)} = ${f(u.a)}, ${nm.d(l, j)} = ${f(u.delta)}`,
        "backprop: " + grads[t], ...nudge("b", l - 1, j), "after one step: " + upd[t]] });
    }
  }
  const c = raw[COST_ID];
  eqs.push({ target: COST_ID, lines: [`C = ${f(c.C)}`, `after one step with η = ${fmtLr(lr)}: C = ${f(c.C_new)}`] });
  return eqs;
}

/** The weights view's document for one η and the model's current parameters: weights_trace(net, x, y, [lr], eps).
 * `settings` (labels) and `setting` (the index shown) as the static output's weight settings. */
export function weightsDocument(model, lr, { digits = 4, indexBase = 1, settings = ["as given"], setting = 0 } = {}) {
  const net = netOf(model), X = rows(model.x), Y = rows(model.y), nm = names(indexBase), f = (v) => fmt(v, digits);
  const L = net.sizes.length - 1, eps = model.eps ?? 1e-6;
  const s = oneStep(net, X, Y, lr), nud = nudges(net, X, Y, eps), raw = rawValues(net, X, Y, s);
  range(L).forEach((l) => {
    nud.weights[l].forEach((r, j) => r.forEach((v, k) => { raw[weightId(l + 1, j, k)].num = v; }));
    nud.biases[l].forEach((v, j) => { raw[nodeId(l + 1, j)].num = v; });
  });
  const shown = labels(net.sizes, Object.fromEntries([[0, ["x"]], ...range(L).map((l) => [l + 1, ["a", "delta"]])]),
    Object.fromEntries(range(L).map((l) => [l + 1, ["w"]])), ["C", "C_new"]);
  return { ...base(net, "weights", digits, indexBase), scale: scale(net, [s]),
    runs: [{ lr, lr_text: fmtLr(lr), setting, steps: [{ values: values(raw, digits), equations: [weightsEqs(net, raw, nud, lr, nm, f)] }] }],
    settings: [...settings],
    phases: [phase("all", "One step, every number", "Select a weight or a unit to see its numbers.", [], shown)] };
}

/** Every weight and bias, output layer first (weights.param_list): id, the diagram element it lives on, name, value. */
export function paramList(model, digits = 4) {
  const nm = names(), out = [], L = model.weights.length;
  for (let l = L; l > 0; l--) {
    model.weights[l - 1].forEach((r, j) => {
      r.forEach((v, k) => out.push({ id: weightId(l, j, k), target: weightId(l, j, k), name: nm.w(l, j, k), value: fmt(v, digits) }));
      out.push({ id: biasId(l, j), target: nodeId(l, j), name: nm.b(l, j), value: fmt(model.biases[l - 1][j], digits) });
    });
  }
  return out;
}

/** What is true of the unit that parameter `pid` feeds when it is saturated, else "" (weights.saturation_note). */
export function saturationNote(model, pid) {
  const m = /^([wb])(\d+)_(\d+)(?:_(\d+))?$/.exec(pid);
  if (!m) return "";
  const kind = m[1], l = Number(m[2]), j = Number(m[3]), net = netOf(model);
  const name = actOf(net, l - 1);
  if (name !== "sigmoid" && name !== "tanh") return "";
  const trace = forward(net, rows(model.x)), z = trace.zs[l - 1][0][j], a = trace.activations[l][0][j];
  const d = ACTIVATIONS[name].derivative, slope = d(z);
  if (slope >= SATURATED * d(0)) return "";
  const nm = names(), value = kind === "w" ? model.weights[l - 1][j][Number(m[4])] : model.biases[l - 1][j];
  const pname = kind === "w" ? nm.w(l, j, Number(m[4])) : nm.b(l, j);
  return `${pname} = ${fmt(value, 4)}: unit ${nm.a(l, j)} is saturated, ${nm.z(l, j)} = ${fmt(z, 4)}, ` +
    `${nm.a(l, j)} = ${fmt(a, 4)}, ${activationSymbol(name)}′(z) = ${fmt(slope, 3)}, so the error signal ${nm.d(l, j)} ` +
    "it passes back is small and its weights learn slowly.";
}
