// The book's backpropagation in JavaScript, for the widgets of the static book: bpnet (bpnet/network.py) is the
// reference, and node tests (tests/js/engine.test.mjs) check this module against arrays bpnet exports.
//
// Conventions are bpnet's. Numbers are float64 (JavaScript numbers). Rows are examples: a batch X of m examples
// is an array of m rows of sizes[0] numbers. weights[l][j][k] is w^(l+1)_jk, the weight to unit j of layer l+1
// from unit k of layer l; biases[l][j] is b^(l+1)_j. Code layers count from 0, the book's from 1.
// Every public function checks its input and throws ValueError saying what it expected and what it received;
// a cost that is NaN or infinite during training throws DivergenceError with bpnet's message.
//
//   network({weights, biases, activation, output_activation, loss})   a checked copy (sizes from the shapes)
//   forward(net, X)               {zs, activations}: zs[l] = z^(l+1), activations[0] = X, activations[l+1] = a^(l+1)
//   outputDelta(net, trace, Y)    delta^(L) per example
//   backward(net, trace, Y)       {weights, biases, deltas}: dC/dW, dC/db of the mean cost, and every delta
//   gradients(net, X, Y)          forward then backward
//   cost(net, trace, Y), loss(net, X, Y)    the mean cost C = (1/m) sum_x C_x
//   step(net, grads, eta)         a new network one step of gradient descent on (net is unchanged)
//   oneStep(net, X, Y, eta)       {trace, grads, after, C, C_new}: every number one step shows
//   trainStep(net, X, Y, eta, epoch)   {net, cost}: one step of bpnet.fit, or throws DivergenceError
//   nudges(net, X, Y, eps)        central differences, every weight and bias: {eps, weights, biases, plus, minus}
//   derivatives(net, trace)       phi'(z) per layer (null for softmax, which is not elementwise)
import { pyFormat, pyStr } from "./format.js";

/** Bad input (bpnet raises ValueError): the message says what was expected and what was received. */
export class ValueError extends Error {
  constructor(message) { super(message); this.name = "ValueError"; }
}

/** Training produced a NaN or infinite cost (Chapter 7: a learning rate that is too large); bpnet's message. */
export class DivergenceError extends Error {
  constructor(epoch, cost, lr) {
    super(`training diverged at epoch ${epoch}: the cost became ${pyStr(cost)} with learning rate ` +
      `eta = ${pyFormat(lr, "g")}. Lower the learning rate (try eta = ${pyFormat(lr / 10, "g")}); the network ` +
      "was left at its last parameters with a finite cost.");
    this.name = "DivergenceError";
    Object.assign(this, { epoch, cost, lr });
  }
}

// ---- activations: each forward rule phi(z) with its local derivative phi'(z) next to it, as in micrograd ------
// Derivatives are computed from z, never from a rounded a (bpnet/activations.py): at z = 40, a (1 - a) rounds to 0
// while sigma'(40) is about 4.2e-18.

/** phi and phi' for the elementwise activations; softmax (output layer only) acts on a whole row. */
export const ACTIVATIONS = {
  sigmoid: { // sigma(z) = 1 / (1 + e^-z), Eq. (2.2); e^-|z| is in (0, 1], so nothing overflows
    value(z) { const e = Math.exp(-Math.abs(z)); return (z >= 0 ? 1 : e) / (1 + e); },
    derivative(z) { const e = Math.exp(-Math.abs(z)), d = 1 + e; return e / (d * d); }, // sigma (1 - sigma)
  },
  tanh: {
    value: (z) => Math.tanh(z),
    derivative(z) { const e = Math.exp(-2 * Math.abs(z)), d = 1 + e; return 4 * e / (d * d); }, // 1 - tanh^2
  },
  relu: { value: (z) => Math.max(z, 0), derivative: (z) => (z > 0 ? 1 : 0) },
  identity: { value: (z) => z, derivative: () => 1 },
  softmax: { row: softmax, hiddenOk: false }, // softmax(z)_j = e^{z_j} / sum_k e^{z_k}
};
const HIDDEN = Object.keys(ACTIVATIONS).filter((n) => ACTIVATIONS[n].hiddenOk !== false);

function softmax(z) { // the row maximum is subtracted first, so no e^z overflows
  const top = Math.max(...z), e = z.map((v) => Math.exp(v - top));
  const s = sum(e);
  return e.map((v) => v / s);
}

// dC/da -> delta = dC/dz for one row: dC/da (.) phi'(z) (Eq. 5.6), or softmax's Jacobian,
// delta_j = a_j (dC/da_j - sum_k a_k dC/da_k).
function backprop(name, z, a, g) {
  if (name === "softmax") {
    const s = sum(a.map((v, k) => v * g[k]));
    return a.map((v, j) => v * (g[j] - s));
  }
  const d = ACTIVATIONS[name].derivative;
  return g.map((v, j) => v * d(z[j]));
}

const activate = (name, z) => (name === "softmax" ? softmax(z) : z.map(ACTIVATIONS[name].value));

// ---- costs: the per-example cost C_x with the output error delta^(L) it gives (bpnet/losses.py) --------------

const softplus = (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))); // ln(1 + e^z), no overflow
const logSumExp = (z) => { const m = Math.max(...z); return m + Math.log(sum(z.map((v) => Math.exp(v - m)))); };

/** Per-example cost C_x(z, a, y) and output error delta^(L) for one row; `outputs`: the output activations a
 * cost accepts (null: any). */
export const LOSSES = {
  mse: {
    outputs: null,
    // C_x = 1/2 sum_j (a_j - y_j)^2, Eq. (2.3); the 1/2 makes dC_x/da_j = a_j - y_j
    cost: (z, a, y) => 0.5 * sum(a.map((v, j) => (v - y[j]) * (v - y[j]))),
    // delta^L = dC/da (.) phi'(z^L) = (a - y) (.) phi'(z^L), Eq. (5.6)
    delta: (z, a, y, act) => backprop(act, z, a, a.map((v, j) => v - y[j])),
  },
  cross_entropy: {
    outputs: ["sigmoid", "softmax"],
    // sigmoid: C_x = sum_j [softplus(z_j) - y_j z_j]; softmax: C_x = sum_j y_j (logsumexp(z) - z_j); from z, so
    // never log(0) even when a rounds to 0 or 1
    cost: (z, a, y, act) => (act === "sigmoid" ? sum(z.map((v, j) => softplus(v) - y[j] * v))
      : sum(y) * logSumExp(z) - sum(z.map((v, j) => y[j] * v))),
    // phi' cancels (Eq. 8.8): sigmoid delta_j = a_j - y_j; softmax delta_j = a_j sum_k y_k - y_j
    delta: (z, a, y, act) => {
      if (act === "sigmoid") return a.map((v, j) => v - y[j]);
      const t = sum(y);
      return a.map((v, j) => v * t - y[j]);
    },
  },
};

// ---- the network: forward pass, output delta, backward pass, cost, step -----------------------------------------

/** A checked copy of a network: {sizes, activation, output_activation, loss, weights, biases}. */
export function network({ weights, biases, activation = "sigmoid", output_activation = "sigmoid", loss = "mse" }) {
  checkChoice(activation, Object.keys(ACTIVATIONS), "activation");
  if (!HIDDEN.includes(activation)) {
    throw new ValueError(`activation '${activation}' is allowed in the output layer only; for hidden layers ` +
      `expected one of: ${HIDDEN.map((n) => `'${n}'`).join(", ")}`);
  }
  checkChoice(output_activation, Object.keys(ACTIVATIONS), "activation");
  checkChoice(loss, Object.keys(LOSSES), "loss");
  const outs = LOSSES[loss].outputs;
  if (outs && !outs.includes(output_activation)) {
    throw new ValueError(`loss '${loss}' needs an output activation in [${outs.map((n) => `'${n}'`).join(", ")}]; ` +
      `received output_activation='${output_activation}'`);
  }
  if (!Array.isArray(weights) || weights.length === 0 || !Array.isArray(weights[0]) || !Array.isArray(weights[0][0])) {
    throw new ValueError("weights must be a list of matrices, one per layer (weights[l][j][k]); received " +
      `${describe(weights)}`);
  }
  const sizes = [weights[0][0].length, ...weights.map((w) => (Array.isArray(w) ? w.length : 0))];
  if (sizes.some((n) => n < 1)) {
    throw new ValueError(`every layer needs at least one unit; received weights of shapes ${weights.map(shapeOf)}`);
  }
  const net = { sizes, activation, output_activation, loss, weights: [], biases: [] };
  net.weights = copyParams(weights, sizes, "weights");
  net.biases = copyParams(biases, sizes, "biases");
  return Object.freeze(net);
}

/** The forward pass, Eq. (4.2): z = W a + b, a = phi(z), layer by layer, one row per example. */
export function forward(net, X) {
  checkParams(net);
  return forwardFrom(net, checkX(net, X), 0);
}

/** delta^(L) = dC_x/dz^(L) for each example, Eq. (5.6) (a - y where phi' cancels). */
export function outputDelta(net, trace, Y) {
  return outputDeltaOf(net, checkTrace(net, trace), checkY(net, Y, trace.activations[0].length));
}

/** The backward pass, Eqs. (5.6)-(5.9), for the mean cost over the m examples: hidden deltas
 * D = (D W) (.) phi'(Z) with the weights of this step, dW = D^T A / m and db = the mean of D. */
export function backward(net, trace, Y) {
  return backwardOf(net, checkTrace(net, trace), checkY(net, Y, trace.activations[0].length));
}

/** dC/dW and dC/db of the mean cost over the batch: forward then backward. */
export function gradients(net, X, Y) {
  const trace = forward(net, X);
  return backwardOf(net, trace, checkY(net, Y, trace.activations[0].length));
}

/** C = (1/m) sum_x C_x, the mean cost of a forward pass's output (Eq. 2.4); NaN or inf if it overflows. */
export function cost(net, trace, Y) {
  return costOf(net, checkTrace(net, trace), checkY(net, Y, trace.activations[0].length));
}

/** The mean cost of the network on (X, Y). */
export const loss = (net, X, Y) => cost(net, forward(net, X), Y);

/** One step of gradient descent, w <- w - eta dC/dw, b <- b - eta dC/db (Eq. 7.1): a new network. */
export function step(net, grads, eta) {
  checkParams(net);
  eta = checkPositive(eta, "lr (the learning rate eta)");
  const ok = (g, p) => Array.isArray(g) && g.length === p.length && p.every((q, l) => shapeOf(g[l]) === shapeOf(q));
  if (!grads || !ok(grads.weights, net.weights) || !ok(grads.biases, net.biases)) {
    throw new ValueError(`gradients must have the shapes of the parameters, weights ${net.weights.map(shapeOf)} and ` +
      `biases ${net.biases.map(shapeOf)}; received ${grads ? "weights " + describe(grads.weights) + " and biases " +
      describe(grads.biases) : describe(grads)}`);
  }
  return stepOf(net, grads, eta);
}

/** Every number one step on (X, Y) shows: the trace, the gradients, the network after the step, the cost before
 * (C) and after (C_new); as bpnet.widgets.arrays.step_arrays. */
export function oneStep(net, X, Y, eta) {
  const trace = forward(net, X), Yc = checkY(net, Y, trace.activations[0].length);
  eta = checkPositive(eta, "lr (the learning rate eta)");
  const grads = backwardOf(net, trace, Yc), after = stepOf(net, grads, eta);
  const C_new = costOf(after, forwardFrom(after, trace.activations[0], 0), Yc);
  return { trace, grads, after, C: costOf(net, trace, Yc), C_new };
}

/** One update of bpnet.fit on the batch (X, Y): {net: the network after it, cost: the cost before it}. Throws
 * DivergenceError(epoch, cost, eta) if that cost, or a parameter after the step, is NaN or infinite. */
export function trainStep(net, X, Y, eta, epoch = 1) {
  const trace = forward(net, X), Yc = checkY(net, Y, trace.activations[0].length);
  eta = checkPositive(eta, "lr (the learning rate eta)");
  const c = costOf(net, trace, Yc);
  if (!Number.isFinite(c)) throw new DivergenceError(epoch, c, eta);
  const after = stepOf(net, backwardOf(net, trace, Yc), eta);
  if (![...after.weights, ...after.biases].flat(2).every(Number.isFinite)) {
    throw new DivergenceError(epoch, Infinity, eta);
  }
  return { net: after, cost: c };
}

/** Central differences, Eq. (9.1): for every weight and bias p, C(p + eps) and C(p - eps), each parameter restored
 * exactly before the next is nudged, and the nudge (C(p + eps) - C(p - eps)) / (2 eps), shaped as the gradients.
 * A nudge in layer l reruns the forward pass from a^(l), which it cannot change (bpnet's from_layer=True). */
export function nudges(net, X, Y, eps = 1e-6) {
  const base = forward(net, X), Yc = checkY(net, Y, base.activations[0].length);
  eps = checkPositive(eps, "eps");
  const work = { ...net, weights: net.weights.map((W) => W.map((r) => r.slice())), biases: net.biases.map((b) => [...b]) };
  const out = { eps, weights: [], biases: [], plus: { weights: [], biases: [] }, minus: { weights: [], biases: [] } };
  for (const kind of ["weights", "biases"]) {
    work[kind].forEach((p, l) => {
      const rows = kind === "weights" ? p : [p]; // a bias vector is nudged as one row
      const plus = rows.map((r) => r.map(() => 0)), minus = rows.map((r) => r.map(() => 0));
      rows.forEach((r, j) => r.forEach((old, k) => {
        r[k] = old + eps;
        plus[j][k] = costOf(work, forwardFrom(work, base.activations[l], l), Yc);
        r[k] = old - eps;
        minus[j][k] = costOf(work, forwardFrom(work, base.activations[l], l), Yc);
        r[k] = old; // restored exactly
      }));
      const num = plus.map((r, j) => r.map((v, k) => (v - minus[j][k]) / (2 * eps)));
      const shaped = (m) => (kind === "weights" ? m : m[0]);
      out[kind].push(shaped(num));
      out.plus[kind].push(shaped(plus));
      out.minus[kind].push(shaped(minus));
    });
  }
  return out;
}

/** phi'(z^(l+1)) for every layer l, one row per example; null for a softmax layer. */
export function derivatives(net, trace) {
  checkTrace(net, trace);
  return trace.zs.map((z, l) => {
    const name = activationOf(net, l);
    return name === "softmax" ? null : z.map((row) => row.map(ACTIVATIONS[name].derivative));
  });
}

// ---- the unchecked computations ---------------------------------------------------------------------------------

const sum = (v) => { let s = 0; for (const x of v) s += x; return s; };
const sumOver = (n, f) => { let s = 0; for (let i = 0; i < n; i++) s += f(i); return s; };
const dot = (u, v) => { let s = 0; for (let k = 0; k < v.length; k++) s += u[k] * v[k]; return s; };
const activationOf = (net, l) => (l === net.weights.length - 1 ? net.output_activation : net.activation);

// z = W a + b for each row a of A (rows are examples: Z = A W^T + b), then a = phi(z); starts at a^(start).
function forwardFrom(net, A, start) {
  const zs = [], activations = [A];
  for (let l = start; l < net.weights.length; l++) {
    const W = net.weights[l], b = net.biases[l], name = activationOf(net, l);
    const Z = A.map((a) => W.map((w, j) => dot(w, a) + b[j]));
    A = Z.map((z) => activate(name, z));
    zs.push(Z);
    activations.push(A);
  }
  return { zs, activations };
}

function outputDeltaOf(net, trace, Y) {
  const Z = trace.zs.at(-1), A = trace.activations.at(-1), f = LOSSES[net.loss].delta;
  return A.map((a, i) => f(Z[i], a, Y[i], net.output_activation));
}

function backwardOf(net, trace, Y) {
  const L = net.weights.length, m = Y.length;
  const gW = new Array(L), gb = new Array(L), deltas = new Array(L);
  let D = outputDeltaOf(net, trace, Y);
  for (let l = L - 1; l >= 0; l--) {
    deltas[l] = D;
    const A = trace.activations[l];
    // dC/dW = D^T A / m, the mean over x of delta_j a_k (Eq. 5.9); dC/db = the mean of D (Eq. 5.8)
    gW[l] = net.weights[l].map((_, j) => A[0].map((__, k) => sumOver(m, (i) => D[i][j] * A[i][k]) / m));
    gb[l] = net.biases[l].map((_, j) => sumOver(m, (i) => D[i][j]) / m);
    if (l > 0) { // Eq. (5.7): D = (D W) (.) phi'(Z), with the weights before any update
      const W = net.weights[l], name = activationOf(net, l - 1);
      D = D.map((d, i) => backprop(name, trace.zs[l - 1][i], trace.activations[l][i],
        W[0].map((__, k) => sumOver(d.length, (j) => d[j] * W[j][k]))));
    }
  }
  return { weights: gW, biases: gb, deltas };
}

function costOf(net, trace, Y) {
  const Z = trace.zs.at(-1), A = trace.activations.at(-1), f = LOSSES[net.loss].cost;
  return sum(A.map((a, i) => f(Z[i], a, Y[i], net.output_activation))) / A.length;
}

function stepOf(net, grads, eta) {
  return Object.freeze({
    ...net,
    weights: net.weights.map((W, l) => W.map((r, j) => r.map((w, k) => w - eta * grads.weights[l][j][k]))),
    biases: net.biases.map((b, l) => b.map((v, j) => v - eta * grads.biases[l][j])),
  });
}

// ---- checks: what was expected, what was received ------------------------------------------------------------

function shapeOf(v) { // "(3, 2)", "(2,)", or a description of what is not a numeric array
  if (!Array.isArray(v)) return typeof v === "number" ? "()" : describe(v);
  if (v.every((x) => typeof x === "number")) return `(${v.length},)`;
  if (v.every((r) => Array.isArray(r) && r.length === v[0].length && r.every((x) => typeof x === "number"))) {
    return `(${v.length}, ${v[0].length})`;
  }
  return "a ragged or non-numeric array";
}

function describe(v) {
  if (Array.isArray(v)) return `an array of shape ${shapeOf(v)}`;
  return v === null || v === undefined ? String(v) : `${typeof v} ${typeof v === "string" ? `'${v}'` : String(v)}`;
}

const show = (v) => (typeof v === "number" ? pyStr(v).replace(/\.0$/, "") // as Python's repr: 0.5, nan, inf
  : typeof v === "string" ? `'${v}'` : String(v));

function checkChoice(value, valid, what) {
  if (typeof value !== "string" || !valid.includes(value)) {
    throw new ValueError(`unknown ${what} ${show(value)}; expected one of: ${valid.map((n) => `'${n}'`).join(", ")}`);
  }
}

function checkPositive(value, name) {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new ValueError(`${name} must be a positive finite number; received ${show(value)}`);
  }
  return value;
}

function checkFinite(rows, name, vector = false) { // rows: a matrix, or (vector) a vector as one row
  rows.forEach((r, i) => r.forEach((v, k) => {
    if (!Number.isFinite(v)) {
      throw new ValueError(`${name} must contain only finite numbers; received ${show(v)} at index ` +
        (vector ? k : `(${i}, ${k})`));
    }
  }));
}

function copyParams(arrays, sizes, kind) {
  const L = sizes.length - 1;
  if (!Array.isArray(arrays) || arrays.length !== L) {
    throw new ValueError(`expected ${L} ${kind} arrays; received ${Array.isArray(arrays) ? arrays.length :
      describe(arrays)}`);
  }
  return arrays.map((p, l) => checkParam(p, sizes, kind, l).map((r) => (Array.isArray(r) ? r.slice() : r)));
}

function checkParam(p, sizes, kind, l) {
  const want = kind === "weights" ? `(${sizes[l + 1]}, ${sizes[l]})` : `(${sizes[l + 1]},)`;
  if (shapeOf(p) !== want) throw new ValueError(`${kind}[${l}] must have shape ${want}; received shape ${shapeOf(p)}`);
  checkFinite(kind === "weights" ? p : [p], `${kind}[${l}]`, kind === "biases");
  return p;
}

function checkParams(net) {
  if (!net || !Array.isArray(net.sizes) || !Array.isArray(net.weights)) {
    throw new ValueError(`expected a network made by network({weights, biases, ...}); received ${describe(net)}`);
  }
  net.weights.forEach((p, l) => checkParam(p, net.sizes, "weights", l));
  net.biases.forEach((p, l) => checkParam(p, net.sizes, "biases", l));
}

// X as rows (m, sizes[0]) with m >= 1; a single example (sizes[0],) becomes one row.
function checkX(net, X) {
  const n = net.sizes[0];
  const rows = Array.isArray(X) && X.length > 0 && X.every((x) => typeof x === "number") ? [X] : X;
  if (!Array.isArray(rows) || rows.length === 0 || shapeOf(rows) !== `(${rows.length}, ${n})`) {
    throw new ValueError(`X must have shape (n, ${n}) with n >= 1, or (${n},) for one example; received ` +
      `${Array.isArray(X) ? "shape " + shapeOf(X) : describe(X)}`);
  }
  checkFinite(rows, "X");
  return rows;
}

// Y as rows (m, sizes[-1]); a single target becomes one row when m is 1; in [0, 1] for cross-entropy.
function checkY(net, Y, m) {
  const w = net.sizes.at(-1);
  const rows = m === 1 && Array.isArray(Y) && Y.length > 0 && Y.every((y) => typeof y === "number") ? [Y] : Y;
  if (!Array.isArray(rows) || shapeOf(rows) !== `(${m}, ${w})`) {
    throw new ValueError(`Y must have shape (${m}, ${w}) to match X; received ` +
      `${Array.isArray(Y) ? "shape " + shapeOf(Y) : describe(Y)}`);
  }
  checkFinite(rows, "Y");
  const flat = rows.flat();
  if (net.loss === "cross_entropy" && flat.some((y) => y < 0 || y > 1)) {
    throw new ValueError(`cross_entropy targets must lie in [0, 1]; received values from ` +
      `${pyFormat(Math.min(...flat), "g")} to ${pyFormat(Math.max(...flat), "g")}`);
  }
  return rows;
}

function checkTrace(net, trace) {
  checkParams(net);
  const L = net.weights.length;
  if (!trace || !Array.isArray(trace.zs) || trace.zs.length !== L || !Array.isArray(trace.activations) ||
      trace.activations.length !== L + 1) {
    throw new ValueError(`expected the trace forward(net, X) returned, with ${L} zs and ${L + 1} activations; ` +
      `received ${trace && Array.isArray(trace.zs) ? `${trace.zs.length} zs` : describe(trace)}`);
  }
  return trace;
}
