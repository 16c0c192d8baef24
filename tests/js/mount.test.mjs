// node --test tests/js/   mount.js's table of kinds, on the documents bpnet exports (no DOM needed to read it)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { KINDS } from "../../bpnet/widgets/static/mount.js";
import { frameCount, runOf, textOf } from "../../bpnet/widgets/static/render.js";

const DIR = process.env.BPNET_FIXTURES || join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const load = (name) => JSON.parse(readFileSync(join(DIR, `${name}.json`), "utf8"));

test("every kind of document has a view and either a side panel or a caption, or mounts itself (the lab)", () => {
  assert.deepEqual(Object.keys(KINDS).sort(), ["explorer", "stepper", "surface", "weights"]);
  assert.equal(typeof KINDS.explorer.mount, "function");
  assert.equal(typeof KINDS.surface.mount, "function");
  for (const name of ["stepper", "weights"]) {
    const doc = load(name), spec = KINDS[doc.kind], st = { t: 0, k: 0, lr: 0, setting: 0 };
    assert.equal(spec.view(doc, st).tag, "svg", name);
    if (spec.panel) assert.ok(textOf(spec.panel(doc, st)).length > 0, name);
    else assert.equal(typeof spec.caption(doc, st, runOf(doc, st)), "string", name);
    assert.ok(!spec.panel !== !spec.caption, `${name}: exactly one of panel and caption`);
  }
});

test("the kinds that play move their own state field up to the end of their timeline", () => {
  const stepper = load("stepper");
  const st = { t: 0, k: 0, lr: 1 };
  assert.equal(KINDS.stepper.timeline.key, "t");
  assert.equal(KINDS.stepper.timeline.last(stepper, st), frameCount(stepper, runOf(stepper, st)) - 1);
  assert.equal(KINDS.weights.timeline, undefined);
  // only the stepper's position is sent to the kernel (its `phase` traitlet)
  assert.equal(Object.values(KINDS).filter((s) => s.timeline && s.timeline.sync).length, 1);
});

test("a timeline slider says what its position shows (aria-valuetext), not the position", () => {
  const stepper = load("stepper");
  const run = runOf(stepper, { lr: 0 }), P = stepper.phases.length, n = run.steps.length, F = frameCount(stepper, run);
  assert.equal(KINDS.stepper.timeline.text(stepper, { t: 0, lr: 0 }),
    `frame 1 of ${F}: ${stepper.phases[0].title}${n > 1 ? `, step 1 of ${n}` : ""}`);
  if (n > 1) {
    assert.equal(KINDS.stepper.timeline.text(stepper, { t: P + 1, lr: 0 }),
      `frame ${P + 2} of ${F}: ${stepper.phases[1].title}, step 2 of ${n}`);
  }
});
