// node --test tests/js/   format.js prints what bpnet/widgets/format.py and Python's format() print, digit for
// digit (fixtures: format.json, written by tests/js/make_engine_fixture.py)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { fmt, fmtLr, factor, sumText, pyFormat, pyStr } from "../../bpnet/widgets/static/format.js";

const DIR = process.env.BPNET_FIXTURES || join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const cases = JSON.parse(readFileSync(join(DIR, "format.json"), "utf8"));
const num = (s) => ({ inf: Infinity, "-inf": -Infinity, nan: NaN })[s] ?? Number(s); // Python's repr, read back

function allEqual(rows, f, what) {
  const bad = rows.filter((r) => f(r) !== r.at(-1)).map((r) => `${JSON.stringify(r)}: got ${JSON.stringify(f(r))}`);
  assert.deepEqual(bad, [], `${what}: ${bad.length} of ${rows.length} differ from Python`);
  assert.ok(rows.length > 0);
}

test("fmt(x, digits) equals bpnet.widgets.format.fmt, ties included", () => {
  allEqual(cases.fmt, ([x, d]) => fmt(num(x), d), "fmt");
});

test("fmtLr equals fmt_lr", () => allEqual(cases.fmt_lr, ([x]) => fmtLr(num(x)), "fmt_lr"));

test("pyFormat(x, spec) equals Python's format(x, spec) for the widgets' specs", () => {
  allEqual(cases.format, ([x, spec]) => pyFormat(num(x), spec), "format");
});

test("factor and sumText equal format.py's", () => {
  allEqual(cases.factor, ([s]) => factor(s), "factor");
  allEqual(cases.sum_text, ([t]) => sumText(t), "sum_text");
});

test("ties round to even in binary, where JavaScript's toFixed and toPrecision round away from zero", () => {
  // exact ties in binary: Python rounds them to even
  assert.equal(pyFormat(0.5, ".0f"), "0");
  assert.equal(pyFormat(2.5, ".0f"), "2");
  assert.equal((2.5).toFixed(0), "3"); // the difference this module exists for
  assert.equal(pyFormat(0.125, ".2f"), "0.12");
  assert.equal(pyFormat(0.375, ".2f"), "0.38");
  assert.equal(fmt(0.125, 2), "0.12");
  assert.equal(fmt(-2.5, 1), "-2");
  assert.equal(fmt(12.5, 2), "12");
  assert.equal(fmt(0.0625, 3), "0.0625");
  assert.equal(fmt(0.0625, 2), "0.062");
  // decimals that look like ties but are not in binary: the exact value decides
  assert.equal(fmt(1.0005, 4), "1.000"); // 1.000499999999999989...
  assert.equal(fmt(2.675, 3), "2.67"); // 2.67499999999999982236431605997495353221893310546875
  assert.equal(fmt(1.005, 3), "1.00");
  assert.equal(fmt(0.15, 1), "0.1");
  assert.equal(fmt(0.35, 1), "0.3");
  assert.equal(fmt(0.45, 1), "0.5"); // 0.450000000000000011102230246251565404236316680908203125
  // carries, exponents, and the other cases on screen
  assert.equal(fmt(9.9995, 4), "9.999");
  assert.equal(fmt(9.99995, 4), "10.00");
  assert.equal(fmt(99999.5, 5), "1.0000e5");
  assert.equal(fmt(1.2e-5, 2), "1.2e-5");
  assert.equal(fmt(0.5), "0.5000");
  assert.equal(fmt(0), "0");
  assert.equal(fmtLr(100), "100");
  assert.equal(fmtLr(1e-5), "1e-5");
  assert.equal(pyStr(1e16), "1e+16");
  assert.equal(pyStr(Infinity), "inf");
  assert.equal(pyFormat(0.125, ".0%"), "12%");
  assert.throws(() => pyFormat(1, ".3x"), /format specs/);
  assert.throws(() => fmt(1, -1), /digits must be a non-negative integer; received -1/);
});
