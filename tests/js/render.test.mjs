// node --test tests/js/   (fixtures: tests/js/fixtures, or $BPNET_FIXTURES, written by tests/js/make_fixture.py)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  h, toMarkup, findAll, textOf, diverging, widthOf, runOf, frameAt, frameCount, layout,
  networkTree, equationTree, QSYM, stepScale, contrast, inkOn, INK, focusOrder,
} from "../../bpnet/widgets/static/render.js";

const DIR = process.env.BPNET_FIXTURES || join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const load = (name) => JSON.parse(readFileSync(join(DIR, `${name}.json`), "utf8"));
const stepper = load("stepper"), wide = load("wide"), weights = load("weights");

const byId = (tree, id) => findAll(tree, (n) => n.attrs && n.attrs["data-id"] === id)[0];
// What SVG draws: a text's trailing space (kept so that the element's text reads as its accessible name) is not drawn.
const drawn = (n) => textOf(n).trim();
const labelsOf = (g) => findAll(g, (n) => n.tag === "text" && /bp-(n|e)label/.test(n.attrs.class || "")).map(drawn);
const sigDigits = (s) => s.replace(/^-/, "").replace(/e.*$/, "").replace(".", "").replace(/^0+/, "").length;

test("the diagram has one node per unit plus the cost, one edge per weight plus the links to the cost", () => {
  for (const doc of [stepper, wide]) {
    const tree = networkTree(doc, { t: 0 });
    const units = doc.sizes.reduce((a, b) => a + b, 0);
    const weightsN = doc.sizes.slice(1).reduce((acc, n, i) => acc + n * doc.sizes[i], 0);
    assert.equal(findAll(tree, (n) => /bp-node/.test(n.attrs.class || "")).length, units + 1);
    assert.equal(findAll(tree, (n) => /bp-edge/.test(n.attrs.class || "")).length, weightsN + doc.sizes.at(-1));
    for (const e of doc.edges) assert.ok(byId(tree, e.id), `edge ${e.id} drawn`);
  }
});

test("edges run from unit k of layer l-1 to unit j of layer l (w_jk: to j, from k)", () => {
  const { pos } = layout(stepper);
  const tree = networkTree(stepper, { t: 0 });
  const line = findAll(byId(tree, "w2_0_1"), (n) => n.tag === "line")[0];
  assert.deepEqual([line.attrs.x1, line.attrs.y1], pos.n1_1);
  assert.deepEqual([line.attrs.x2, line.attrs.y2], pos.n2_0);
  assert.ok(pos.n0_0[0] < pos.n1_0[0] && pos.n1_0[0] < pos.n2_0[0] && pos.n2_0[0] < pos.cost[0]);
});

test("every label shows the trace's string, which is bpnet's number at the chosen precision", () => {
  const digits = stepper.precision.digits;
  for (let r = 0; r < stepper.runs.length; r++) {
    const run = stepper.runs[r];
    for (let t = 0; t < frameCount(stepper, run); t++) {
      const fr = frameAt(stepper, run, t), tree = networkTree(stepper, { t, lr: r });
      for (const [id, qs] of Object.entries(fr.phase.labels)) {
        const g = byId(tree, id), shown = labelsOf(g);
        const expected = qs.filter((q) => fr.step.values[id] && fr.step.values[id][q] !== undefined)
          .map((q) => `${QSYM[q]} ${fr.step.values[id][q]}`);
        assert.deepEqual(shown, expected, `${id} at frame ${t}`);
        for (const q of qs) {
          const s = fr.step.values[id] && fr.step.values[id][q];
          const raw = stepper.raw[r][fr.s][id] && stepper.raw[r][fr.s][id][q];
          if (s === undefined || raw === undefined) continue;
          if (raw !== 0) assert.equal(sigDigits(s), digits, `${id}.${q} = ${s} has ${digits} significant digits`);
          assert.ok(Math.abs(parseFloat(s) - raw) <= 0.5 * Math.abs(raw) * 10 ** (1 - digits) * 1.000001,
            `${id}.${q}: label ${s} vs bpnet ${raw}`);
        }
      }
    }
  }
});

test("a wider tanh/softmax network: labels agree with bpnet too", () => {
  const run = wide.runs[0];
  for (let t = 0; t < frameCount(wide, run); t++) {
    const fr = frameAt(wide, run, t);
    for (const [id, qs] of Object.entries(fr.phase.labels)) {
      for (const q of qs) {
        const s = fr.step.values[id] && fr.step.values[id][q], raw = wide.raw[0][0][id] && wide.raw[0][0][id][q];
        if (s !== undefined && raw !== undefined) assert.ok(Math.abs(parseFloat(s) - raw) <= 1e-3 * Math.abs(raw) + 1e-12, `${id}.${q}`);
      }
    }
  }
});

test("each phase highlights its nodes and edges and dims the rest", () => {
  const run = stepper.runs[0];
  for (let p = 0; p < stepper.phases.length; p++) {
    const tree = networkTree(stepper, { t: p }), hl = new Set(stepper.phases[p].highlight);
    for (const g of findAll(tree, (n) => n.attrs["data-id"] !== undefined)) {
      const id = g.attrs["data-id"], cls = g.attrs.class;
      assert.equal(/bp-hl/.test(cls), hl.has(id), `${stepper.phases[p].key}: ${id}`);
      if (hl.size) assert.equal(/bp-dim/.test(cls), !hl.has(id));
    }
  }
  // the hidden delta of unit 1 of layer 1 sums over the edges leaving it: w2_0_0 and w2_1_0
  const k = stepper.phases.findIndex((ph) => ph.key === "delta-1-0");
  assert.deepEqual(stepper.phases[k].highlight.filter((id) => id.startsWith("w")).sort(), ["w2_0_0", "w2_1_0"]);
  assert.equal(frameCount(stepper, run), 2 * stepper.phases.length);
});

test("nothing is shown before it is computed: no delta in the forward pass, no dC/dw before the backward pass", () => {
  for (const ph of stepper.phases.filter((x) => x.key.startsWith("forward") || x.key === "input" || x.key === "cost")) {
    for (const qs of Object.values(ph.labels)) assert.ok(!qs.includes("delta") && !qs.includes("dw"), ph.key);
  }
});

test("the equations beside the diagram are the trace's lines; a selected element comes first", () => {
  const run = stepper.runs[0], t = stepper.phases.findIndex((p) => p.key === "grad-2");
  const tree = equationTree(stepper, { t, selected: "w2_1_0" });
  const eqs = findAll(tree, (n) => /^bp-eq( |$)/.test(n.attrs.class || ""));
  assert.equal(eqs[0].attrs["data-target"], "w2_1_0");
  const expected = run.steps[0].equations[t].find((e) => e.target === "w2_1_0").lines;
  assert.deepEqual(eqs[0].children.map(textOf), expected);
  assert.match(expected[0], /= -0\.03810·0\.5933 = -0\.02260$/);
});

test("the learning rate selects the run, and only the update phases and later change", () => {
  const a = runOf(stepper, { lr: 0 }), b = runOf(stepper, { lr: 1 });
  assert.equal(a.lr_text, "0.5");
  assert.equal(b.lr_text, "2");
  const upd = stepper.phases.findIndex((p) => p.key === "update-2");
  assert.deepEqual(a.steps[0].equations[1], b.steps[0].equations[1]);
  assert.notDeepEqual(a.steps[0].equations[upd], b.steps[0].equations[upd]);
  assert.notEqual(toMarkup(networkTree(stepper, { t: upd, lr: 0 })), toMarkup(networkTree(stepper, { t: upd, lr: 1 })));
});

test("weights view: setting-major runs; the table lists every parameter with backprop and nudge", () => {
  const nl = weights.controls.lr.values.length;
  assert.equal(runOf(weights, { setting: 1, lr: 1 }), weights.runs[nl + 1]);
  const tree = equationTree(weights, { t: 0, selected: "w2_0_0" });
  const rows = findAll(tree, (n) => n.tag === "tr" && n.attrs["data-id"]);
  assert.equal(rows.length, weights.params.length);
  const v = weights.runs[0].steps[0].values.w2_0_0;
  assert.deepEqual(rows[0].children.slice(1).map(textOf), [v.w, v.dw, v.num, v.w_new]);
  assert.equal(v.num, v.dw); // nudge and backprop agree to the digits shown
  const raw = weights.raw[0].w2_0_0;
  assert.ok(Math.abs(parseFloat(v.dw) - raw.dw) < 1e-3 * Math.abs(raw.dw));
});

test("colours diverge around zero; widths grow with |w|", () => {
  const [r0, , b0] = diverging("0", 1).match(/\d+/g).map(Number);
  const [rp, , bp] = diverging("0.8", 1).match(/\d+/g).map(Number);
  const [rn, , bn] = diverging("-0.8", 1).match(/\d+/g).map(Number);
  assert.equal(r0, b0);
  assert.ok(rp > bp && bn > rn);
  assert.ok(parseFloat(widthOf("0.6", 1)) > parseFloat(widthOf("-0.1", 1)));
  assert.equal(widthOf("-0.5", 1), widthOf("0.5", 1));
});

test("markup is escaped and well formed", () => {
  assert.equal(toMarkup(h("text", { title: 'a<b"' }, "x < y & z")), '<text title="a&lt;b&quot;">x &lt; y &amp; z</text>');
  const svg = toMarkup(networkTree(stepper, { t: 3 }));
  assert.ok(svg.startsWith("<svg") && svg.endsWith("</svg>"));
  assert.ok(!/NaN|undefined/.test(svg));
});

test("tooltips name the element and show only the values known in that phase", () => {
  const t = stepper.phases.findIndex((p) => p.key === "forward-2");
  const tree = networkTree(stepper, { t });
  const title = (id) => textOf(findAll(byId(tree, id), (n) => n.tag === "title")[0]);
  assert.match(title("n2_0"), /^a⁽²⁾₁: /);
  assert.ok(!/δ/.test(title("n2_0")));
  assert.match(title("w2_0_0"), /^w⁽²⁾₁₁: w = 0\.4000/);
});

test("edge labels of the worked example stay clear of every node circle and of each other, in every phase", () => {
  const { pos } = layout(stepper);
  const circles = stepper.nodes.filter((n) => n.id !== "cost").map((n) => pos[n.id]);
  const T = frameCount(stepper, runOf(stepper, { lr: 0 }));
  for (let t = 0; t < T; t++) {
    const boxes = findAll(networkTree(stepper, { t }), (n) => n.tag === "text" && n.attrs.class === "bp-elabel")
      .map((n) => { const w = 3.2 * drawn(n).length; return [n.attrs.x - w, n.attrs.y - 10, n.attrs.x + w, n.attrs.y + 3]; });
    for (const [l, top, r, bottom] of boxes) {
      for (const [cx, cy] of circles) {
        assert.ok(r < cx - 20 || l > cx + 20 || bottom < cy - 20 || top > cy + 20, `frame ${t}: label over a node`);
      }
    }
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
      assert.ok(a[2] < b[0] || b[2] < a[0] || a[3] < b[1] || b[3] < a[1], `frame ${t}: two edge labels overlap`);
    }));
  }
});

// ---- what the reader sees (issue 12): scale, contrast, selection, η's role, keyboard ----

const edgeWidths = (tree, doc) => Object.fromEntries(doc.edges.filter((e) => e.id.startsWith("w")).map((e) => {
  const line = findAll(byId(tree, e.id), (n) => n.tag === "line" && !n.attrs.class)[0];
  return [e.id, parseFloat(line.attrs["stroke-width"])];
}));

test("edge widths and colors follow the step on screen, not the most extreme precomputed run", () => {
  // the as-given weights (0.15 to 0.55) span the widths: none is a 1 px hairline, the largest is 6 px
  const w = edgeWidths(networkTree(weights, { t: 0, setting: 0, lr: 0 }), weights);
  assert.ok(Math.min(...Object.values(w)) > 2, JSON.stringify(w));
  assert.equal(Math.max(...Object.values(w)), 6);
  // adding a run with huge weights to the document changes nothing on screen for the run shown
  const huge = structuredClone(weights);
  huge.scale = Object.fromEntries(Object.keys(weights.scale).map((q) => [q, 1e6]));
  huge.runs[0].steps[0].values.w2_0_0 = { ...huge.runs[0].steps[0].values.w2_0_0 };
  assert.deepEqual(edgeWidths(networkTree(huge, { t: 0, setting: 0, lr: 0 }), huge), w);
  // the scale is each quantity's largest |value| among the elements of the step shown
  const vals = weights.runs[0].steps[0].values, sc = stepScale(vals);
  const ws = Object.values(vals).filter((v) => v.w !== undefined).map((v) => Math.abs(parseFloat(v.w)));
  assert.equal(sc.w, Math.max(...ws));
  assert.deepEqual(stepScale({ a: { w: "-2", b: "0.5" }, b: { w: "1e-3", b: "nan" } }), { w: 2, b: 0.5 });
});

test("contrast: WCAG luminance and ratios; a unit's name reads on its fill (4.5:1) in every phase", () => {
  assert.equal(Math.round(contrast("#000000", "#ffffff")), 21);
  assert.ok(Math.abs(contrast("#767676", "rgb(255,255,255)") - 4.54) < 0.01);
  assert.equal(inkOn("#ffffff"), INK);
  assert.equal(inkOn(diverging("1", 1)), "#ffffff");
  assert.equal(inkOn(diverging("0.5", 1)), INK);
  for (const doc of [stepper, weights, wide]) {
    for (let r = 0; r < doc.runs.length; r++) {
      for (let t = 0; t < frameCount(doc, doc.runs[r]); t++) {
        const nodes = findAll(networkTree(doc, { t, lr: r % ((doc.controls && doc.controls.lr && doc.controls.lr.values.length) || 1),
          setting: Math.floor(r / ((doc.controls && doc.controls.lr && doc.controls.lr.values.length) || 1)) }),
        (n) => /bp-node/.test(n.attrs.class || "") && !/bp-dim/.test(n.attrs.class));
        for (const g of nodes) {
          const shape = g.children.find((c) => c.tag === "circle" || c.tag === "rect");
          const name = g.children.find((c) => c.tag === "text" && /bp-nname/.test(c.attrs.class));
          // white ink on the fill itself; dark ink sits on its white halo (bpnet.css), whatever the fill
          const [ink, under] = /bp-ondark/.test(name.attrs.class) ? ["#ffffff", shape.attrs.fill] : [INK, "#ffffff"];
          assert.ok(contrast(ink, under) >= 4.5, `${doc.kind} frame ${t}: ${g.attrs["data-id"]} on ${shape.attrs.fill}`);
          assert.equal(ink === INK, contrast("#ffffff", shape.attrs.fill) < 4.5, "white wherever white reads");
        }
      }
    }
  }
});

test("a selected edge gets a dark casing under it and is never dimmed", () => {
  const t = stepper.phases.findIndex((p) => p.key === "forward-1"); // highlights layer 1 only
  const g = byId(networkTree(stepper, { t, selected: "w2_0_0" }), "w2_0_0");
  assert.match(g.attrs.class, /bp-sel/);
  assert.doesNotMatch(g.attrs.class, /bp-dim/);
  assert.equal(findAll(g, (n) => n.attrs.class === "bp-casing").length, 1);
  assert.equal(findAll(byId(networkTree(stepper, { t }), "w2_0_0"), (n) => n.attrs.class === "bp-casing").length, 0);
});

test("the stepper says where η acts in every phase before the update, and not from the update on", () => {
  const first = stepper.phases.findIndex((p) => p.key.startsWith("update"));
  for (let r = 0; r < stepper.runs.length; r++) {
    for (let t = 0; t < frameCount(stepper, stepper.runs[r]); t++) {
      const fr = frameAt(stepper, stepper.runs[r], t), tree = equationTree(stepper, { t, lr: r });
      const note = findAll(tree, (n) => n.attrs.class === "bp-eta");
      assert.equal(note.length, fr.p < first ? 1 : 0, `frame ${t}`);
      if (note.length) {
        assert.ok(textOf(note[0]).startsWith(`η = ${stepper.runs[r].lr_text} acts in the update step: w ← w − η ∂C/∂w.`));
      }
    }
  }
  assert.equal(findAll(equationTree(weights, { t: 0 }), (n) => n.attrs.class === "bp-eta").length, 0);
});

test("keyboard: every unit and weight is a button with a name and value; one tab stop, which follows the focus", () => {
  const order = focusOrder(stepper);
  assert.deepEqual(order, ["n0_0", "n0_1", "w1_0_0", "w1_0_1", "w1_1_0", "w1_1_1", "n1_0", "n1_1",
    "w2_0_0", "w2_0_1", "w2_1_0", "w2_1_1", "n2_0", "n2_1", "cost"]);
  const tree = networkTree(stepper, { t: 0 });
  const stops = findAll(tree, (n) => n.attrs.tabindex !== undefined);
  assert.deepEqual(stops.map((n) => n.attrs["data-id"]).sort(), [...order].sort());
  assert.deepEqual(stops.filter((n) => n.attrs.tabindex === 0).map((n) => n.attrs["data-id"]), ["n0_0"]);
  for (const g of stops) {
    assert.equal(g.attrs.role, "button");
    assert.equal(g.attrs["data-lm-suppress-shortcuts"], "");
  }
  // the name starts with the text drawn on the element (label in name), then says it in the book's symbols
  assert.equal(byId(tree, "w2_0_0").attrs["aria-label"], "w 0.4000: w⁽²⁾₁₁ = 0.4000");
  assert.equal(byId(tree, "n0_1").attrs["aria-label"], "x₂ a 0.1000: a⁽⁰⁾₂ = 0.1000");
  assert.equal(byId(tree, "n1_0").attrs["aria-label"], "h₁: a⁽¹⁾₁"); // not computed yet in the input phase
  const grad = stepper.phases.findIndex((p) => p.key === "grad-2");
  assert.equal(byId(networkTree(stepper, { t: grad }), "w2_0_0").attrs["aria-label"], "∂C/∂w 0.08217: w⁽²⁾₁₁ = 0.4000, ∂C/∂w = 0.08217");
  // the tab stop: the focused element, else the selected one; aria-pressed tells which is selected
  const sel = networkTree(stepper, { t: 0, selected: "w1_1_0" });
  assert.equal(byId(sel, "w1_1_0").attrs.tabindex, 0);
  assert.equal(byId(sel, "w1_1_0").attrs["aria-pressed"], "true");
  assert.equal(byId(networkTree(stepper, { t: 0, selected: "w1_1_0", focus: "n2_1" }), "n2_1").attrs.tabindex, 0);
  assert.equal(byId(tree, "c_0").attrs.tabindex, undefined);
});

test("the weights view's hint names the selection once there is one", () => {
  const caption = (st) => textOf(findAll(equationTree(weights, st), (n) => n.attrs.class === "bp-caption")[0]);
  assert.equal(caption({ t: 0 }), weights.phases[0].caption);
  assert.match(weights.phases[0].caption, /^Select a weight/);
  assert.match(caption({ t: 0, selected: "w2_0_0" }), /^Showing w⁽²⁾₁₁ and the cost\. Select another/);
  assert.match(caption({ t: 0, selected: "n1_0" }), /^Showing b⁽¹⁾₁ and the cost/);
  // the table scrolls sideways in a focusable region with a name
  const region = findAll(equationTree(weights, { t: 0 }), (n) => n.attrs.class === "bp-scroll")[0];
  assert.equal(region.attrs.tabindex, 0);
  assert.equal(region.children[0].tag, "table");
});
