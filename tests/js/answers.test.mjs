// node --test tests/js/   answers.js (the page's exercise checker) gives bpnet's verdict and message on every answer
// of tests/js/make_answers_fixture.py (answers.json: SymPy's verdicts on typed expressions, check_array's on typed
// numbers), and its parser reads what a reader types without eval.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  checkAnswer, evaluate, instructions, parseExpression, parseNumbers, pyShape, relativeError,
} from "../../bpnet/widgets/static/answers.js";

const DIR = process.env.BPNET_FIXTURES || join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const { specs, cases } = JSON.parse(readFileSync(join(DIR, "answers.json"), "utf8"));

function parity(kind) {
  const mine = cases.filter((c) => specs[c.label].kind === kind);
  const bad = mine.map((c) => ({ c, r: checkAnswer(specs[c.label], c.text) }))
    .filter(({ c, r }) => r.correct !== c.correct || r.message !== c.message)
    .map(({ c, r }) => `${c.label} ${JSON.stringify(c.text)}: Python ${c.correct} "${c.message}"; JS ${r.correct} "${r.message}"`);
  assert.deepEqual(bad, [], `${bad.length} of ${mine.length} ${kind} answers differ from bpnet`);
  return mine;
}

test("symbolic answers: the same verdict and message as SymPy (bpnet's check_expression), right and wrong", () => {
  const mine = parity("symbolic");
  const labels = Object.keys(specs).filter((l) => specs[l].kind === "symbolic");
  for (const label of labels) {
    const own = mine.filter((c) => c.label === label);
    assert.ok(own.some((c) => c.correct) && own.some((c) => !c.correct), `${label}: needs right and wrong answers`);
    for (const m of specs[label].mistakes) {
      assert.ok(own.some((c) => c.message === m.message), `${label}: no answer reaches the mistake "${m.message}"`);
    }
  }
});

test("numeric answers: the same verdict and message as check_array (right, off by a little, shape, NaN)", () => {
  const mine = parity("numeric");
  for (const word of ["matches", "differs", "should have shape", "NaN or inf"]) {
    assert.ok(mine.some((c) => c.message.includes(word)), `no numeric case says "${word}"`);
  }
  for (const [label, spec] of Object.entries(specs)) {
    for (const m of spec.kind === "numeric" ? spec.mistakes : []) {
      assert.ok(mine.some((c) => c.label === label && c.message === m.message), `${label}: mistake never reached`);
    }
  }
});

test("the parser follows Python's precedence and reads no code", () => {
  const v = (t, env = {}) => evaluate(parseExpression(t), env);
  assert.equal(v("-2^2"), -4);
  assert.equal(v("2**3**2"), 512);
  assert.equal(v("2^-1"), 0.5);
  assert.equal(v("(1 + 2) * 3 / 4 - -1"), 3.25);
  assert.equal(v("sigma(0) + ln(1) + exp(0) + sqrt(4) + tanh(0)"), 3.5);
  assert.equal(v("x_2 * a", { x_2: 3, a: 2 }), 6);
  for (const bad of ["2x", "2 (x)", "alert(1)", "x[0]", "a.b", "exp", "1 +", "(1", "", "`x`", "x; y", "exp(1)(2)"]) {
    assert.throws(() => parseExpression(bad), Error, `"${bad}" should not parse`);
  }
  assert.match(checkAnswer(specs["ex-intro-1"], "2z").message, /could not read your answer: write \* to multiply/);
});

test("numbers: commas or spaces, brackets, expressions, and shapes as numpy reads them", () => {
  assert.deepEqual(parseNumbers("1/2, -3e-1, 2*(1+1)"), { shape: [3], values: [0.5, -0.3, 4] });
  assert.deepEqual(parseNumbers("0.5 -0.3 4"), { shape: [3], values: [0.5, -0.3, 4] });
  assert.deepEqual(parseNumbers("[[1, 2], [3, 4]]"), { shape: [2, 2], values: [1, 2, 3, 4] });
  assert.deepEqual(parseNumbers("1, 2, 3, 4", [2, 2]), { shape: [2, 2], values: [1, 2, 3, 4] });
  assert.deepEqual(parseNumbers("[1, 2, 3, 4]", [2, 2]), { shape: [4], values: [1, 2, 3, 4] });
  assert.deepEqual(parseNumbers("(2, 4)", [2]), { shape: [2], values: [2, 4] });
  assert.deepEqual(parseNumbers("26", []), { shape: [], values: [26] });
  assert.ok(Number.isNaN(parseNumbers("nan").values[0]));
  for (const bad of ["[[1, 2], [3]]", "1,,2", "x", "[1, 2", "1 + "]) assert.throws(() => parseNumbers(bad), Error, bad);
  assert.equal(pyShape([]), "()");
  assert.equal(pyShape([3]), "(3,)");
  assert.equal(pyShape([2, 2]), "(2, 2)");
  assert.equal(relativeError([1, 0], [1.5, 1e-20], 1e-4), 1 / 3);
});

test("the data and the instructions never show the expected answer as text", () => {
  for (const spec of Object.values(specs)) {
    const text = instructions(spec);
    assert.ok(text.length > 10);
    if (spec.kind === "numeric") {
      for (const x of spec.expected) assert.ok(!text.includes(String(x)) || Math.abs(x) < 10, `${spec.label}`);
    } else {
      for (const n of spec.names) assert.ok(text.includes(n.name), `${spec.label}: ${n.name} not in the instructions`);
      assert.ok(!("expression" in spec) && spec.points.length === spec.expected.length);
    }
  }
});
