// node --test tests/js/   the in-page lab (lab_model.js) against bpnet (fixture lab.json: tests/js/make_lab_fixture.py)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  parseLr, explorerData, explorerNet, newRun, trainEpoch, accuracyOf, gridPoints, boundaryGrid, contour,
  descentPath, toPixel,
} from "../../bpnet/widgets/static/lab_model.js";
import { trainStep, DivergenceError, ValueError } from "../../bpnet/widgets/static/engine.js";

const DIR = process.env.BPNET_FIXTURES || join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const FX = JSON.parse(readFileSync(join(DIR, "lab.json"), "utf8"));
const REL = 1e-12;

// max |a - b| <= REL x the largest |entry| of either array (the two implementations sum in different orders)
function close(got, want, what, rel = REL) {
  const a = [got].flat(Infinity), b = [want].flat(Infinity);
  assert.equal(a.length, b.length, `${what}: length`);
  const scale = Math.max(...a.map(Math.abs), ...b.map(Math.abs));
  const err = Math.max(...a.map((v, i) => Math.abs(v - b[i])));
  assert.ok(err <= rel * scale, `${what}: max |difference| ${err} is above ${rel} x ${scale}`);
}

const setting = (c) => ({ dataset: c.dataset, hidden: c.hidden, activation: c.activation, output: c.output || 0,
  lr: c.lr, batch: null });

test("one step on a given mini-batch, from the explorer's initial network, equals bpnet's", () => {
  for (const c of FX.steps) {
    const run = newRun(FX.explorer, setting(c));
    const Xb = c.batch.map((i) => run.X[i]), Yb = c.batch.map((i) => run.Y[i]);
    const { net, cost } = trainStep(run.net, Xb, Yb, c.lr);
    const what = `${FX.explorer.datasets[c.dataset].name}, ${c.hidden} ${c.activation}, ` +
      `${FX.explorer.options.output[c.output][0]}, batch of ${c.batch.length}`;
    close(cost, c.cost, `${what}: cost of the batch`);
    c.after.weights.forEach((W, l) => close(net.weights[l], W, `${what}: W[${l}] after the step`));
    c.after.biases.forEach((b, l) => close(net.biases[l], b, `${what}: b[${l}] after the step`));
  }
});

test("full-batch epochs give bpnet's cost curve (bpnet.widgets.explorer.train)", () => {
  for (const c of FX.epochs) {
    const run = newRun(FX.explorer, setting(c));
    for (let e = 0; e < c.epochs; e++) trainEpoch(run);
    assert.equal(run.epoch, c.epochs);
    close(run.costs, c.costs, `${FX.explorer.datasets[c.dataset].name}: costs`, 1e-11);
  }
});

test("a diverging run stops with DivergenceError's message at bpnet's epoch, at bpnet's last finite parameters", () => {
  const d = FX.divergence, run = newRun(d.doc, { ...d.doc.settings, lr: d.lr });
  let error = null;
  try {
    for (let e = 0; e < 200; e++) trainEpoch(run);
  } catch (exc) { error = exc; }
  assert.ok(error instanceof DivergenceError, `expected DivergenceError, got ${error}`);
  assert.equal(error.message, d.message);
  close(run.costs, d.costs, "costs before it diverged", 1e-9);
  d.params.weights.forEach((W, l) => close(run.net.weights[l], W, `W[${l}] left`, 1e-9));
});

test("mini-batches: every example once per epoch, in a new order each epoch, reproducibly", () => {
  const s = { ...FX.explorer.settings, batch: 8 }, a = newRun(FX.explorer, s), b = newRun(FX.explorer, s);
  for (let e = 0; e < 3; e++) { trainEpoch(a); trainEpoch(b); }
  assert.deepEqual(a.costs, b.costs);
  assert.ok(a.costs.at(-1) < a.costs[0]);
  const online = newRun(FX.explorer, { ...s, dataset: 0, batch: 32 }); // xor: 4 examples, one batch of all 4
  const full = newRun(FX.explorer, { ...s, dataset: 0, batch: null });
  trainEpoch(online); trainEpoch(full);
  assert.deepEqual(online.costs, full.costs);
});

test("the explorer document: four data sets, bpnet's initial parameters for every width", () => {
  const e = FX.exact; // the base64 bytes read back to bpnet's doubles exactly
  assert.deepEqual(explorerData(FX.explorer, e.dataset).X, e.X);
  const net = explorerNet(FX.explorer, e.hidden, "tanh");
  assert.deepEqual([net.weights, net.biases], [e.params.weights, e.params.biases]);
  assert.deepEqual(FX.explorer.datasets.map((d) => d.name), ["xor", "moons", "circles", "spirals"]);
  for (const w of FX.explorer.options.hidden) {
    const net = explorerNet(FX.explorer, w, "relu");
    assert.deepEqual(net.sizes, [2, w, 1]);
  }
  assert.throws(() => explorerNet(FX.explorer, 99, "tanh"), ValueError);
  const d = explorerData(FX.explorer, 1);
  assert.equal(d.X.length, d.Y.length);
  const run = newRun(FX.explorer, FX.explorer.settings);
  assert.ok(accuracyOf(run) >= 0 && accuracyOf(run) <= 1);
});

test("the decision boundary: a grid of a^(L) and its 0.5 level", () => {
  const run = newRun(FX.explorer, FX.explorer.settings), n = 12;
  const pts = gridPoints(run.extent, n), p = boundaryGrid(run.net, pts);
  assert.equal(p.length, n * n);
  assert.ok(p.every((v) => v > 0 && v < 1));
  const half = Float64Array.from({ length: n * n }, (_, i) => (i % n < n / 2 ? 0.2 : 0.8)); // a vertical boundary
  const d = contour(half, n, [0, 0, 120, 120]);
  const xs = [...d.matchAll(/[ML](-?[\d.]+) /g)].map((m) => Number(m[1]));
  assert.equal(xs.length, 2 * (n - 1));
  assert.ok(xs.every((x) => x === 60), d);
});

test("a typed learning rate: a number within the control's range, or a message saying what is expected", () => {
  assert.equal(parseLr(" 0.37 ", 0.001, 10), 0.37);
  assert.equal(parseLr("3e-2", 0.001, 10), 0.03);
  for (const bad of ["", "abc", "-1", "0", "20", "1,5", "NaN", "Infinity"]) {
    assert.throws(() => parseLr(bad, 0.001, 10), /the learning rate η must be a number from 0\.001 to 10; received/);
  }
});

test("the cost surface: descent paths for any η equal bpnet's (points and costs to 1e-12, strings exactly)", () => {
  const { doc, paths } = FX.surface;
  for (const want of paths) {
    const got = descentPath(doc, want.eta), what = `η = ${want.eta}`;
    assert.equal(got.points.length, want.points.length, `${what}: number of points`);
    close(got.points, want.points, `${what}: points`);
    close(got.costs, want.costs, `${what}: costs`);
    assert.equal(got.stoppedAt, want.stopped_at, what);
    assert.equal(got.diverged, want.diverged, what);
    assert.equal(got.message, want.message, what);
    assert.equal(got.regime, want.regime, what);
    assert.deepEqual(got.labels, want.labels, what);
  }
  const regimes = new Set(paths.map((p) => p.regime.split(":")[0]));
  assert.deepEqual([...regimes].sort(), ["divergent", "good", "oscillating", "slow"]);
  const [x, y, w, h] = doc.axes, [e0, , , e3] = doc.problem.extent;
  assert.deepEqual(toPixel(doc, [e0, e3]), [x, y]);
  assert.ok(Math.abs(toPixel(doc, doc.problem.extent.slice(1, 3))[0] - (x + w)) < 1e-9 && h > 0);
});
