// node --test tests/js/   document.js against the documents bpnet builds (fixtures: documents.json, written by
// tests/js/make_document_fixture.py): every string of every phase equal, for the worked example and other networks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { stepperDocument, weightsDocument, paramList, names, nudgeLines, saturationNote } from "../../bpnet/widgets/static/document.js";

const DIR = process.env.BPNET_FIXTURES || join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const { cases, notes } = JSON.parse(readFileSync(join(DIR, "documents.json"), "utf8"));

const build = (c) => (c.kind === "stepper" ? stepperDocument(c.model, c.lr)
  : weightsDocument(c.model, c.lr, { settings: [c.setting] }));

// The first difference, named by where it is (a phase's equation line, a value), rather than a whole-tree diff.
function firstDifference(got, want, path = "") {
  if (typeof want !== "object" || want === null) return Object.is(got, want) ? null : `${path}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`;
  if (typeof got !== "object" || got === null) return `${path}: ${JSON.stringify(got)} is not ${Array.isArray(want) ? "an array" : "an object"}`;
  const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
  for (const k of keys) {
    if (!(k in got)) return `${path}.${k}: missing`;
    if (!(k in want)) return `${path}.${k}: not in Python's document`;
    const d = firstDifference(got[k], want[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

test("the fixture covers the worked example in every phase and five other networks", () => {
  const worked = cases.filter((c) => c.name.startsWith("worked example"));
  assert.ok(worked.filter((c) => c.kind === "stepper").length >= 5);
  assert.ok(worked.filter((c) => c.kind === "weights").length === 9); // 3 settings x 3 learning rates
  assert.ok(new Set(cases.map((c) => c.name.split(",")[0])).size >= 6);
  const phases = worked[0].doc.phases.map((p) => p.key);
  assert.deepEqual(phases.slice(0, 4), ["input", "forward-1", "forward-2", "cost"]);
});

for (const c of cases) {
  test(`${c.kind}: ${c.name}: the document built in the page equals Python's, string for string`, () => {
    const got = build(c);
    const diff = firstDifference(got, c.doc);
    assert.equal(diff, null, diff);
    if (c.params) assert.deepEqual(paramList(c.model), c.params);
  });
}

test("the symbols are bpnet.notation's: two-digit units separated by a comma", () => {
  const nm = names();
  assert.equal(nm.w(2, 0, 1), "w⁽²⁾₁₂");
  assert.equal(nm.w(1, 9, 0), "w⁽¹⁾₁₀,₁");
  assert.equal(nm.a(2), "a⁽²⁾");
  assert.equal(nm.x(0), "x₁");
  assert.equal(names(0).d(1, 0), "δ⁽¹⁾₀");
});

test("a nudge the two costs cannot resolve says so", () => {
  const f = (v) => String(v);
  const lines = nudgeLines("w", 0.25, 0.25, 0, 1e-6, f);
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^nudge: \(C\(w\+ε\) − C\(w−ε\)\)\/2ε = \(0\.250000000000 − 0\.250000000000\)\/2e-6 = 0$/);
  assert.match(lines[1], /round-off can move this nudge by all of its value/);
});

test("the page's kernel: a weight, η and a setting rebuild the document; a bad value is refused with a message", async () => {
  const { localKernel } = await import("../../bpnet/widgets/static/inpage.js");
  const c = cases.find((k) => k.kind === "weights" && k.name.startsWith("worked example, as given, η = 0.5"));
  const x10 = cases.find((k) => k.kind === "weights" && k.name.startsWith("worked example, all × 10") && k.lr === 0.5);
  const model = { ...c.model, settings: [{ label: "as given", weights: c.model.weights, biases: c.model.biases },
    { label: "x10", weights: x10.model.weights, biases: x10.model.biases }] };
  const doc = { ...c.doc, uid: "bp-test", model, settings: ["as given", "x10"],
    controls: { lr: { log: true, value: 0.5, min: 0.001, max: 100, ticks: [], grid: [] } } };
  let got = null;
  const k = localKernel(doc, (d) => { got = d; });
  k.setting(1);
  assert.equal(firstDifference(got.runs[0].steps, x10.doc.runs[0].steps), null);
  assert.equal(got.runs[0].setting, 1);
  k.lr(0.03);
  const want = cases.find((q) => q.kind === "weights" && q.name.startsWith("worked example, all × 10") && q.lr === 0.03);
  assert.equal(firstDifference(got.runs[0].steps, want.doc.runs[0].steps), null);
  assert.equal(got.controls.lr.value, 0.03);
  const before = got.runs;
  k.param("w2_0_1", "abc");
  assert.equal(got.message, "Not applied: a weight must be a number; received 'abc'");
  assert.equal(got.runs, before);
  k.lr("0");
  assert.match(got.message, /^Not applied: the learning rate η must be a positive finite number/);
  k.setting(0);
  k.param("w1_0_0", "2.5");
  assert.equal(k.exactValue("w1_0_0"), 2.5);
  assert.equal(got.params.find((p) => p.id === "w1_0_0").value, "2.500");
  assert.equal(got.message, ""); // the unit it feeds is not saturated
  k.param("b1_0", "40");
  assert.match(got.message, /^b⁽¹⁾₁ = 40\.00: unit a⁽¹⁾₁ is saturated/);
});

test("what a saturated unit's parameter says is bpnet's saturation_note, string for string", () => {
  assert.ok(notes.filter((n) => n.note).length >= 2 && notes.some((n) => !n.note));
  for (const n of notes) assert.equal(saturationNote(n.model, n.pid), n.note, n.pid);
});
