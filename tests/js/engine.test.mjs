// node --test tests/js/   engine.js against bpnet (fixtures: engine.json, written by tests/js/make_engine_fixture.py)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  network, forward, backward, outputDelta, gradients, cost, loss, step, oneStep, trainStep, nudges, derivatives,
  ValueError, DivergenceError, ACTIVATIONS, LOSSES,
} from "../../bpnet/widgets/static/engine.js";

const DIR = process.env.BPNET_FIXTURES || join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const { cases, divergence } = JSON.parse(readFileSync(join(DIR, "engine.json"), "utf8"));

const REL = 1e-12; // forward values, deltas, gradients and one step
const flat = (v) => (Array.isArray(v) ? v.flat(Infinity) : [v]);
const shape = (v) => (Array.isArray(v) ? [v.length, ...shape(v[0])] : []);

// One array against bpnet's: max |a - b| <= REL * (largest |entry| of either), the scale of the whole array, as the
// two sum in different orders (BLAS does not add left to right); an all-zero array must match exactly.
function closeArray(got, want, what) {
  assert.deepEqual(shape(got), shape(want), `${what}: shape`);
  const a = flat(got), b = flat(want);
  const scale = Math.max(...a.map(Math.abs), ...b.map(Math.abs));
  const err = Math.max(...a.map((v, i) => Math.abs(v - b[i])));
  assert.ok(err <= REL * scale, `${what}: max |difference| ${err} is above ${REL} x ${scale}`);
}
const closeList = (got, want, what) => {
  assert.equal(got.length, want.length, `${what}: number of layers`);
  got.forEach((g, l) => closeArray(g, want[l], `${what}[${l}]`));
};

test("forward values, phi'(z), deltas, gradients, one step and the costs equal bpnet's to 1e-12", () => {
  // the fixture holds every combination bpnet allows, and those are the ones the engine allows
  const hidden = Object.keys(ACTIVATIONS).filter((n) => ACTIVATIONS[n].hiddenOk !== false);
  const allowed = Object.entries(LOSSES).flatMap(([name, { outputs }]) => Object.keys(ACTIVATIONS)
    .filter((o) => !outputs || outputs.includes(o)).flatMap((o) => hidden.map((h) => `${h}/${o}/${name}`)));
  const combos = new Set(cases.map((c) => `${c.net.activation}/${c.net.output_activation}/${c.net.loss}`));
  assert.deepEqual([...combos].sort(), allowed.sort());
  assert.equal(combos.size, 28); // 4 hidden x (5 outputs with mse + sigmoid and softmax with cross-entropy)
  for (const c of cases) {
    const net = network(c.net), trace = forward(net, c.X);
    closeList(trace.zs, c.zs, `${c.name}: z`);
    closeList(trace.activations.slice(1), c.activations, `${c.name}: a`);
    derivatives(net, trace).forEach((d, l) => (d === null ? assert.equal(c.dphi[l], null)
      : closeArray(d, c.dphi[l], `${c.name}: phi'(z)[${l}]`)));
    const grads = backward(net, trace, c.Y);
    closeList(grads.deltas, c.deltas, `${c.name}: delta`);
    closeArray(outputDelta(net, trace, c.Y), c.deltas.at(-1), `${c.name}: output delta`);
    closeList(grads.weights, c.dW, `${c.name}: dC/dW`);
    closeList(grads.biases, c.db, `${c.name}: dC/db`);
    const after = step(net, grads, c.eta);
    closeList(after.weights, c.after.weights, `${c.name}: W after one step`);
    closeList(after.biases, c.after.biases, `${c.name}: b after one step`);
    closeArray(cost(net, trace, c.Y), c.C, `${c.name}: C`);
    closeArray(loss(after, c.X, c.Y), c.C_new, `${c.name}: C after the step`);
    // the one-call forms give the very same numbers
    const s = oneStep(net, c.X, c.Y, c.eta);
    assert.deepEqual([s.grads, s.after, s.C, s.C_new], [gradients(net, c.X, c.Y), after, cost(net, trace, c.Y),
      loss(after, c.X, c.Y)], c.name);
    assert.deepEqual(trainStep(net, c.X, c.Y, c.eta), { net: after, cost: s.C }, c.name);
  }
});

test("the nudges (C(p+eps) - C(p-eps)) / 2eps equal bpnet's up to 1e-6 relative plus round-off", () => {
  let worst = 0;
  for (const c of cases) {
    const net = network(c.net), got = nudges(net, c.X, c.Y, c.eps);
    assert.deepEqual(network(c.net), net, `${c.name}: every parameter restored exactly`);
    for (const kind of ["weights", "biases"]) {
      got[kind].forEach((arr, l) => {
        const a = flat(arr), b = flat(c.nudges[kind][l]);
        const big = flat(got.plus[kind][l]).map((p, i) => Math.max(Math.abs(p), Math.abs(flat(got.minus[kind][l])[i])));
        assert.equal(a.length, b.length);
        a.forEach((v, i) => {
          // each cost carries a few units of round-off (Number.EPSILON x |C|), which the difference of two costs
          // keeps and the division by 2 eps magnifies; 64 units leave room for different summation orders
          const roundoff = (64 * Number.EPSILON * big[i]) / (2 * c.eps);
          const err = Math.abs(v - b[i]), tol = 1e-6 * Math.max(Math.abs(v), Math.abs(b[i])) + roundoff;
          if (err > 0) worst = Math.max(worst, err / tol);
          assert.ok(err <= tol, `${c.name}: nudge of ${kind}[${l}] entry ${i}: ${v} vs bpnet ${b[i]} (tolerance ${tol})`);
        });
      });
    }
  }
  assert.ok(worst <= 1, `worst error / tolerance ${worst}`);
  console.log(`# nudges: the largest difference from bpnet is ${worst.toPrecision(2)} of the tolerance`);
});

test("training stops with DivergenceError and bpnet's message at bpnet's epoch", () => {
  for (const run of divergence) {
    let net = network(run.net), thrown = null;
    for (let epoch = 1; epoch <= run.epochs && !thrown; epoch++) {
      try {
        net = trainStep(net, run.X, run.Y, run.eta, epoch).net;
      } catch (e) {
        thrown = e;
      }
    }
    assert.ok(thrown instanceof DivergenceError, `expected DivergenceError: ${run.message}`);
    assert.equal(thrown.epoch, run.epoch);
    assert.equal(thrown.message, run.message);
  }
});

test("bad input throws ValueError saying what was expected and what was received", () => {
  const good = { weights: [[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.6]]], biases: [[0, 0], [0]] };
  const net = network(good), X = [[1, 2]], Y = [[0.5]], trace = forward(net, X);
  const cases = [
    [() => network({ ...good, activation: "swish" }), /unknown activation 'swish'; expected one of: 'sigmoid'/],
    [() => network({ ...good, activation: "softmax" }), /output layer only; for hidden layers expected one of/],
    [() => network({ ...good, loss: "hinge" }), /unknown loss 'hinge'; expected one of: 'mse', 'cross_entropy'/],
    [() => network({ ...good, output_activation: "tanh", loss: "cross_entropy" }),
      /needs an output activation in \['sigmoid', 'softmax'\]; received output_activation='tanh'/],
    [() => network({ ...good, biases: [[0, 0, 0], [0]] }), /biases\[0\] must have shape \(2,\); received shape \(3,\)/],
    [() => network({ ...good, weights: [[[0.1, 0.2], [0.3]], [[0.5, 0.6]]] }), /weights\[0\] must have shape \(2, 2\); received/],
    [() => network({ ...good, biases: [[0, NaN], [0]] }), /biases\[0\] must contain only finite numbers; received nan at index 1/],
    [() => network({ ...good, weights: "W" }), /weights must be a list of matrices.*received string 'W'/],
    [() => forward(net, [[1, 2, 3]]), /X must have shape \(n, 2\) with n >= 1, or \(2,\) for one example; received shape \(1, 3\)/],
    [() => forward(net, []), /X must have shape \(n, 2\).*received shape \(0,\)/],
    [() => forward(net, [[1, Infinity]]), /X must contain only finite numbers; received inf at index \(0, 1\)/],
    [() => backward(net, trace, [[0.5, 0.5]]), /Y must have shape \(1, 1\) to match X; received shape \(1, 2\)/],
    [() => loss(net, X, [[NaN]]), /Y must contain only finite numbers; received nan at index \(0, 0\)/],
    [() => loss(network({ ...good, loss: "cross_entropy" }), X, [[2]]), /targets must lie in \[0, 1\]; received values from 2 to 2/],
    [() => step(net, gradients(net, X, Y), 0), /learning rate eta\) must be a positive finite number; received 0/],
    [() => step(net, gradients(net, X, Y), -0.5), /must be a positive finite number; received -0.5/],
    [() => trainStep(net, X, Y, NaN), /must be a positive finite number; received nan/],
    [() => oneStep(net, X, Y, "0.5"), /must be a positive finite number; received '0.5'/],
    [() => step(net, { weights: [[[1]]], biases: [] }, 0.5), /gradients must have the shapes of the parameters.*received/],
    [() => nudges(net, X, Y, 0), /eps must be a positive finite number; received 0/],
    [() => cost(net, { zs: [] }, Y), /expected the trace forward\(net, X\) returned, with 2 zs and 3 activations; received 0 zs/],
  ];
  for (const [fn, re] of cases) assert.throws(fn, (e) => e instanceof ValueError && re.test(e.message), String(re));
  // an edited parameter is checked on use, as bpnet's forward checks its parameters
  const edited = network(good);
  edited.weights[1][0][1] = NaN;
  assert.throws(() => forward(edited, X), /weights\[1\] must contain only finite numbers; received nan at index \(0, 1\)/);
  // a single example may be given as one row, as in bpnet
  assert.deepEqual(loss(net, [1, 2], [0.5]), loss(net, X, Y));
});
