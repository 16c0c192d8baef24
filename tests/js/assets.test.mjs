// node --test tests/js/   the linked scripts of bpnet/widgets/assets.py (written by tests/test_js.py): the book's
// classic script defines window.bpnetWidgets with the exports of mount.js and every module it needs, and anywidget's ES
// module exports live.js's
// default; both are the same code as the ES modules (no module's export lost, none renamed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import vm from "node:vm";

const HERE = dirname(fileURLToPath(import.meta.url));
const DIR = process.env.BPNET_FIXTURES || join(HERE, "fixtures");
const STATIC = join(HERE, "../../bpnet/widgets/static");
const CLASSIC = join(DIR, "bpnet-widgets.js"), ESM = join(DIR, "bpnet-widgets.mjs");

test("the classic script exposes every module's exports, and runs with no DOM", { skip: !existsSync(CLASSIC) }, async () => {
  const window = {};
  vm.runInNewContext(readFileSync(CLASSIC, "utf8"), { window });
  const api = window.bpnetWidgets;
  // every module but the exercise checker, which the book links into a script of its own (_ext/bpnet_book/answers.py),
  // and JupyterLab's front end (live.js, in anywidget's module only)
  const elsewhere = ["answers.js", "live.js"];
  for (const name of elsewhere) assert.ok(!(name in api.modules), `${name} is not part of the widgets' script`);
  for (const name of readdirSync(STATIC).filter((f) => f.endsWith(".js") && !elsewhere.includes(f))) {
    const mod = await import(pathToFileURL(join(STATIC, name)));
    assert.deepEqual(Object.keys(api.modules[name]).sort(), Object.keys(mod).sort(), name);
    for (const [k, v] of Object.entries(mod)) assert.equal(typeof api.modules[name][k], typeof v, `${name}: ${k}`);
  }
  for (const k of ["mountStatic", "mountAll", "mount", "KINDS"]) assert.ok(k in api, k);
  assert.match(api.css, /\.bpnet-widget/);
  // the same numbers as the ES modules: one document built by each
  const { stepperDocument } = await import(pathToFileURL(join(STATIC, "document.js")));
  const model = { activation: "sigmoid", output_activation: "sigmoid", loss: "mse", weights: [[[0.15, 0.2], [0.25, 0.3]],
    [[0.4, 0.45], [0.5, 0.55]]], biases: [[0.35, 0.35], [0.6, 0.6]], x: [0.05, 0.1], y: [0.01, 0.99] };
  assert.deepEqual(JSON.parse(JSON.stringify(api.modules["document.js"].stepperDocument(model, 0.5))),
    stepperDocument(model, 0.5));
});

test("anywidget's module has live.js's default export", { skip: !existsSync(ESM) }, async () => {
  const mod = await import(pathToFileURL(ESM));
  assert.equal(typeof mod.default.render, "function");
});
