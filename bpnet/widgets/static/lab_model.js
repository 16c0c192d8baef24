// The numbers of the in-page lab (lab.js draws them): training the explorer's network and descending the cost
// surface, with engine.js, for any setting the reader picks. No DOM: node tests (tests/js/lab.test.mjs) check these
// functions against bpnet (bpnet/widgets/explorer.py and surface.py, bpnet/training.py, bpnet/surface.py).
//
//   parseLr(text, lo, hi)            a typed η, or ValueError saying what is expected
//   float64s(text)                   the doubles the documents carry as base64 bytes (explorer.float64_text)
//   explorerData(doc, i)             data set i of an explorer document: {name, X, Y, labels, extent}
//   explorerNet(doc, hidden, ...)    bpnet's initial network of that width (the document holds its parameters)
//   newRun(doc, setting)             a training run: {net, X, Y, eta, batch, epoch, costs, ...}
//   trainEpoch(run)                  one epoch of bpnet.fit's loop; throws DivergenceError as bpnet does
//   gridPoints, boundaryGrid, contour  a^(L) on an n x n grid (cell centers) and its 0.5 level as an SVG path
//   descentPath(doc, eta)            bpnet.surface.descent_path on the two free weights, with the page's strings
import { network, trainStep, loss, forward, gradients, ValueError, DivergenceError } from "./engine.js";
import { fmt, fmtLr, pyFormat } from "./format.js";

// ---- the learning rate ------------------------------------------------------------------------------------

/** A typed learning rate ("0.37", "3e-2") within [lo, hi], or ValueError saying what was expected. */
export function parseLr(text, lo, hi) {
  const s = String(text).trim(), v = /^[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? Number(s) : NaN;
  if (!(v >= lo && v <= hi)) {
    throw new ValueError(`the learning rate η must be a number from ${fmtLr(lo)} to ${fmtLr(hi)}; received "${s}"`);
  }
  return v;
}

// ---- the training explorer ------------------------------------------------------------------------------------

/** The doubles of bpnet.widgets.explorer.float64_text (base64 of little-endian IEEE-754 bytes), exactly. */
export function float64s(text) {
  const bin = atob(text), view = new DataView(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) view.setUint8(i, bin.charCodeAt(i));
  return Array.from({ length: bin.length / 8 }, (_, i) => view.getFloat64(8 * i, true));
}

const rows = (flat, n, width) => Array.from({ length: n }, (_, i) => flat.slice(i * width, (i + 1) * width));

/** Data set i of the document, with targets as the network wants them (one row [y] per example). */
export function explorerData(doc, i) {
  const d = doc.datasets[i];
  return { name: d.name, X: rows(float64s(d.X), d.labels.length, 2), labels: d.labels, Y: d.labels.map((c) => [c]),
    extent: d.extent };
}

/** {weights, biases} of bpnet.widgets.explorer._params: W then b of each layer, row by row. */
function unpack({ sizes, params }) {
  const flat = float64s(params), weights = [], biases = [];
  let at = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [n, m] = [sizes[l + 1], sizes[l]];
    weights.push(rows(flat.slice(at, at + n * m), n, m));
    biases.push(flat.slice(at + n * m, at + n * m + n));
    at += n * m + n;
  }
  return { weights, biases };
}

/** bpnet's initial network of this hidden width (make_network with the document's seed; neither the activation nor
 * the output layer changes the initial parameters), with output layer and cost number `output` of the options. */
export function explorerNet(doc, hidden, activation, output = 0) {
  const i = doc.options.hidden.indexOf(hidden);
  if (i < 0) {
    throw new ValueError(`the hidden width must be one of ${doc.options.hidden.join(", ")}; received ${hidden}`);
  }
  return network({ ...unpack(doc.init[i]), activation, ...doc.options.output[output][1] });
}

/** A fresh run for setting {dataset, hidden, activation, output, lr, batch}: costs[0] is the cost before training. */
export function newRun(doc, setting) {
  const data = explorerData(doc, setting.dataset);
  const net = explorerNet(doc, setting.hidden, setting.activation, setting.output || 0);
  return { ...data, net, eta: setting.lr, batch: setting.batch, epoch: 0, costs: [loss(net, data.X, data.Y)],
    seed: 1, message: "" };
}

// Mini-batch order: a permutation per epoch from a small seeded generator (mulberry32). The page does not reproduce
// NumPy's shuffling; full batch (and batch >= n) uses the examples in order, as bpnet.fit does.
function permutation(n, run) {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    let t = (run.seed = (run.seed + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const j = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** One epoch of bpnet.fit (bpnet/training.py): a step of gradient descent per mini-batch of `run.batch` examples
 * (null: full batch), each with the weights as they were before it. Appends the cost over the whole data set after
 * the epoch to run.costs, as the explorer's cost curve does. A NaN or infinite cost throws DivergenceError with
 * bpnet's message; run.net then stays at the last parameters whose cost was finite. */
export function trainEpoch(run) {
  const n = run.X.length, m = Math.min(run.batch || n, n), epoch = run.epoch + 1;
  const order = m < n ? permutation(n, run) : null;
  let before = run.net;
  for (let start = 0; start < n; start += m) {
    const idx = order ? order.slice(start, start + m) : null;
    const Xb = idx ? idx.map((i) => run.X[i]) : run.X.slice(start, start + m);
    const Yb = idx ? idx.map((i) => run.Y[i]) : run.Y.slice(start, start + m);
    before = run.net;
    run.net = trainStep(run.net, Xb, Yb, run.eta, epoch).net;
  }
  const c = loss(run.net, run.X, run.Y);
  if (!Number.isFinite(c)) { // what the next epoch of bpnet.fit raises, leaving the parameters of the last step
    run.net = before;
    throw new DivergenceError(epoch + 1, c, run.eta);
  }
  run.epoch = epoch;
  run.costs.push(c);
  return c;
}

/** The fraction of examples on the right side of a^(L) = 0.5. */
export function accuracyOf(run) {
  const out = forward(run.net, run.X).activations.at(-1);
  return out.reduce((s, a, i) => s + ((a[0] > 0.5 ? 1 : 0) === run.labels[i] ? 1 : 0), 0) / out.length;
}

/** The cell centers of an n x n grid over extent [x0, x1, y0, y1], row 0 at the top (largest y). */
export function gridPoints(extent, n) {
  const [x0, x1, y0, y1] = extent, pts = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) pts.push([x0 + ((j + 0.5) / n) * (x1 - x0), y1 - ((i + 0.5) / n) * (y1 - y0)]);
  }
  return pts;
}

/** a^(L) (the probability of class 1) at each grid point: a Float64Array of n * n, row by row. */
export function boundaryGrid(net, points) {
  return Float64Array.from(forward(net, points).activations.at(-1), (a) => a[0]);
}

/** The level p = 0.5 of an n x n grid as an SVG path (marching squares, linear interpolation along cell edges), in
 * a box [x, y, w, h] whose cells the grid's values sit at the centers of. */
export function contour(p, n, box) {
  const [bx, by, bw, bh] = box, X = (j) => bx + ((j + 0.5) / n) * bw, Y = (i) => by + ((i + 0.5) / n) * bh;
  const v = (i, j) => p[i * n + j] - 0.5, out = [];
  const cut = (i1, j1, i2, j2) => { // where the level crosses the edge between two grid points
    const a = v(i1, j1), t = a / (a - v(i2, j2));
    return `${(X(j1) + t * (X(j2) - X(j1))).toFixed(1)} ${(Y(i1) + t * (Y(i2) - Y(i1))).toFixed(1)}`;
  };
  for (let i = 0; i + 1 < n; i++) {
    for (let j = 0; j + 1 < n; j++) {
      const edges = [[i, j, i, j + 1], [i, j + 1, i + 1, j + 1], [i + 1, j + 1, i + 1, j], [i + 1, j, i, j]]
        .filter(([a, b, c, d]) => (v(a, b) > 0) !== (v(c, d) > 0)).map((e) => cut(...e));
      for (let k = 0; k + 1 < edges.length; k += 2) out.push(`M${edges[k]}L${edges[k + 1]}`);
    }
  }
  return out.join("");
}

// ---- the cost surface --------------------------------------------------------------------------------------------

/** bpnet.surface.descent_path from the document's start, as bpnet.widgets.surface.descend calls it: `steps` steps of
 * (p, q) <- (p, q) - eta (dC/dp, dC/dq) on the two free weights, every other parameter fixed; stops early (keeping
 * the point reached) when a weight or the cost is NaN or infinite, or the path is more than 5 times the plotted
 * region's larger side away from the start. With the strings the page shows: one label per point, the message
 * (bpnet's wording) and the regime (bpnet.widgets.surface.regime). */
export function descentPath(doc, eta) {
  const pb = doc.problem, [x0, x1, y0, y1] = pb.extent, reach = 5 * Math.max(x1 - x0, y1 - y0);
  const free = pb.free.map(([l, j, k]) => [l - 1, j, k]), start = pb.start.map(Number);
  const weights = pb.net.weights.map((W) => W.map((r) => r.slice()));
  const withFree = (vals) => {
    free.forEach(([l, j, k], i) => { weights[l][j][k] = vals[i]; });
    return network({ ...pb.net, weights });
  };
  let net = withFree(start), stoppedAt = null;
  const points = [start], costs = [loss(net, pb.X, pb.Y)];
  for (let t = 1; t <= pb.steps; t++) {
    const g = gradients(net, pb.X, pb.Y);
    const next = free.map(([l, j, k]) => net.weights[l][j][k] - eta * g.weights[l][j][k]);
    if (!next.every(Number.isFinite)) { stoppedAt = t; break; }
    net = withFree(next);
    const c = loss(net, pb.X, pb.Y);
    if (!Number.isFinite(c)) { stoppedAt = t; break; }
    points.push(next);
    costs.push(c);
    if (Math.abs(next[0] - start[0]) > reach || Math.abs(next[1] - start[1]) > reach) { stoppedAt = t; break; }
  }
  const message = stoppedAt === null ? "" : `gradient descent diverged at step ${stoppedAt}: the cost grew from ` +
    `${fmt(costs[0], 4)} to ${fmt(costs.at(-1), 4)} with learning rate η = ${fmtLr(eta)}. Each step overshoots ` +
    "the valley by more than the last; lower the learning rate.";
  const labels = points.map(([a, b], i) => `step ${i}: ${doc.names[0]} = ${fmt(a, 4)}, ${doc.names[1]} = ` +
    `${fmt(b, 4)}, C = ${fmt(costs[i], 4)}`);
  return { eta, points, costs, stoppedAt, diverged: costs.length < pb.steps + 1 || costs.at(-1) > costs[0],
    message, labels, regime: regimeOf(points, costs, message, doc.floor, doc.regimes) };
}

/** bpnet.widgets.surface.regime: divergent, oscillating (a third of the turns reverse), slow or good. */
export function regimeOf(points, costs, message, floor, regimes) {
  if (message || costs.at(-1) > costs[0]) return regimes.divergent;
  const d = points.slice(1).map((p, i) => [p[0] - points[i][0], p[1] - points[i][1]]);
  let turns = 0;
  for (let i = 1; i < d.length; i++) if (d[i][0] * d[i - 1][0] + d[i][1] * d[i - 1][1] < 0) turns += 1;
  if (turns > d.length / 3) return regimes.oscillating;
  if (costs.at(-1) - floor > 0.1 * (costs[0] - floor)) return regimes.slow;
  return regimes.good;
}

/** Pixel position of weights (a, b) on the contour image: the axes box [x, y, w, h] spans the extent. */
export function toPixel(doc, [a, b]) {
  const [x, y, w, h] = doc.axes, [e0, e1, e2, e3] = doc.problem.extent;
  return [x + ((a - e0) / (e1 - e0)) * w, y + ((e3 - b) / (e3 - e2)) * h];
}

/** The caption's percentage, as Python's format(x, ".0%"). */
export const percent = (x) => pyFormat(x, ".0%");
