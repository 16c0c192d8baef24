// Exercises checked in the page, without a kernel: the second implementation of bpnet/exercises/spec.py's checkers,
// on the data bpnet exports at build time (bpnet.exercises.page.export_answers -> window.BPNET_ANSWERS).
// A reader's text is parsed here (no eval, no Function): numbers, + - * / ^ **, unary minus, parentheses, the
// exercise's names and the functions exp, log, ln, sqrt, tanh, sigma. No implicit multiplication: "2x" is an error
// that says to write "2*x". Verdicts and messages equal Python's (tests/js/answers.test.mjs, on bpnet's fixtures).
import { pyFormat } from "./format.js";

const FUNCTIONS = {
  exp: Math.exp, log: Math.log, ln: Math.log, sqrt: Math.sqrt, tanh: Math.tanh,
  sigma: (t) => 1 / (1 + Math.exp(-t)),
};
const CONSTANTS = { nan: NaN, inf: Infinity }; // numeric answers only: what Python's float("nan") reads

const TOKEN = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_\u0370-\u03ff][\w\u0370-\u03ff]*)|(\*\*|[-+*/^(),[\]]))/y;

/** The tokens of `text`: {kind: "num" | "name" | "op", text, at}. Throws on a character it cannot read. */
export function tokenize(text) {
  const out = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) {
      const ch = text.slice(at).trimStart()[0];
      throw new Error(`cannot read "${ch}" (use numbers, names, + - * / ^ and parentheses)`);
    }
    const [kind, t] = m[1] !== undefined ? ["num", m[1]] : m[2] !== undefined ? ["name", m[2]] : ["op", m[3]];
    out.push({ kind, text: t, at: m.index + m[0].length - t.length });
    at = TOKEN.lastIndex;
  }
  return out;
}

const startsOperand = (tok) => tok && (tok.kind !== "op" || tok.text === "(");

/** The syntax tree of an arithmetic expression, with Python's precedence: ** and ^ bind tighter than unary minus
 * on their left (-x^2 = -(x^2)) and are right-associative; `funcs` are the names that may be called. */
export function parseExpression(text, funcs = FUNCTIONS) {
  const toks = tokenize(text);
  let i = 0;
  const peek = () => toks[i];
  const fail = (msg) => { throw new Error(msg); };
  const expect = (t) => {
    if (peek()?.text !== t) fail(peek() ? `expected "${t}" before "${peek().text}"` : `expected "${t}" at the end`);
    i += 1;
  };
  function sum() {
    let left = product();
    while (peek()?.text === "+" || peek()?.text === "-") {
      const op = toks[i++].text;
      left = { type: "bin", op, left, right: product() };
    }
    return left;
  }
  function product() {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t?.text === "*" || t?.text === "/") {
        i += 1;
        left = { type: "bin", op: t.text, left, right: unary() };
      } else if (startsOperand(t)) {
        fail(`write * to multiply: "${toks[i - 1].text} ${t.text}" needs a "*" between its parts`);
      } else {
        return left;
      }
    }
  }
  function unary() {
    const t = peek();
    if (t?.text === "-" || t?.text === "+") {
      i += 1;
      const arg = unary();
      return t.text === "-" ? { type: "neg", arg } : arg;
    }
    return power();
  }
  function power() {
    const base = primary();
    if (peek()?.text === "^" || peek()?.text === "**") {
      i += 1;
      return { type: "bin", op: "^", left: base, right: unary() };
    }
    return base;
  }
  function primary() {
    const t = toks[i++];
    if (!t) fail("the expression ends too early");
    if (t.kind === "num") return { type: "num", value: Number(t.text) };
    if (t.text === "(") {
      const e = sum();
      expect(")");
      return e;
    }
    if (t.kind === "name") {
      if (peek()?.text === "(") {
        if (!Object.hasOwn(funcs, t.text)) {
          fail(`unknown function "${t.text}"; the functions are ${Object.keys(funcs).join(", ")}`);
        }
        i += 1;
        const arg = sum();
        expect(")");
        return { type: "call", fn: t.text, arg };
      }
      if (Object.hasOwn(funcs, t.text)) fail(`"${t.text}" is a function: write ${t.text}(...)`);
      return { type: "name", name: t.text };
    }
    return fail(`unexpected "${t.text}"`);
  }
  if (!toks.length) fail("the answer is empty");
  const tree = sum();
  if (i < toks.length) fail(`unexpected "${toks[i].text}"`);
  return tree;
}

/** The names a syntax tree uses (not its functions). */
export function namesIn(tree, out = new Set()) {
  if (tree.type === "name") out.add(tree.name);
  for (const k of ["arg", "left", "right"]) if (tree[k]) namesIn(tree[k], out);
  return out;
}

/** The value of a syntax tree, with `env` giving each name's value (a missing name is NaN). */
export function evaluate(tree, env, funcs = FUNCTIONS) {
  switch (tree.type) {
    case "num": return tree.value;
    case "name": return Object.hasOwn(env, tree.name) ? env[tree.name] : NaN;
    case "neg": return -evaluate(tree.arg, env, funcs);
    case "call": return funcs[tree.fn](evaluate(tree.arg, env, funcs));
    default: {
      const a = evaluate(tree.left, env, funcs), b = evaluate(tree.right, env, funcs);
      return { "+": a + b, "-": a - b, "*": a * b, "/": a / b, "^": a ** b }[tree.op];
    }
  }
}

const closeAtPoint = (got, want, rtol, floor) => Number.isFinite(got) && Number.isFinite(want)
  && Math.abs(got - want) <= rtol * Math.max(Math.abs(want), floor);
const sorted = (xs) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const result = (correct, message) => ({ correct, message });
const unreadable = (what, err) => result(false, `${what}: could not read your answer: ${err.message}.`);

/** bpnet's SymbolicAnswer.check on typed text: a known mistake's message, then check_expression's verdict, with
 * equality tested at the exported random points (bpnet.exercises._core.close_at_point). */
export function checkSymbolic(spec, text) {
  const funcs = Object.fromEntries(spec.functions.map((f) => [f, FUNCTIONS[f]]));
  let tree;
  try {
    tree = parseExpression(String(text), funcs);
  } catch (err) {
    return unreadable(spec.what, err);
  }
  const byName = new Map(spec.names.map((n) => [n.name, n]));
  const used = new Set();
  for (const name of namesIn(tree)) for (const s of byName.get(name)?.symbols ?? [name]) used.add(s);
  const values = spec.points.map((pt) => evaluate(tree, pt, funcs));
  const equalTo = (want) => values.every((v, k) => closeAtPoint(v, want[k], spec.rtol, spec.floor));
  for (const m of spec.mistakes) {
    if ([...used].every((s) => m.symbols.includes(s)) && equalTo(m.values)) return result(false, m.message);
  }
  const extra = sorted([...used].filter((s) => !spec.symbols.includes(s)));
  if (extra.length) {
    return result(false, `${spec.what} uses symbols that do not belong in it: ${extra.join(", ")}. Hint: ${spec.hint}`);
  }
  if (equalTo(spec.expected)) return result(true, `${spec.what} is right.`);
  return result(false, `${spec.what} is not equal to the right expression. Hint: ${spec.hint}`);
}

/** Split `text` at top-level separators: commas if it has any at this level, else runs of spaces. */
function splitTop(text) {
  let depth = 0, comma = false;
  for (const ch of text) {
    depth += "[(".includes(ch) ? 1 : ")]".includes(ch) ? -1 : 0;
    if (ch === "," && depth === 0) comma = true;
  }
  const parts = [];
  let cur = "";
  depth = 0;
  for (const ch of text) {
    depth += "[(".includes(ch) ? 1 : ")]".includes(ch) ? -1 : 0;
    const sep = depth === 0 && (comma ? ch === "," : /\s/.test(ch));
    if (sep) { parts.push(cur); cur = ""; } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p, k) => p !== "" || comma || k === 0);
}

function parseNested(text) {
  const t = text.trim();
  const bracketed = (t.startsWith("[") && t.endsWith("]"))
    || (t.startsWith("(") && t.endsWith(")") && splitTop(t.slice(1, -1)).length > 1);
  if (!bracketed) {
    if (t === "") throw new Error("an entry is empty");
    const tree = parseExpression(t, {});
    const unknown = [...namesIn(tree)].filter((n) => !Object.hasOwn(CONSTANTS, n));
    if (unknown.length) throw new Error(`"${unknown[0]}" is not a number (type numbers, or nan and inf)`);
    return evaluate(tree, CONSTANTS, {});
  }
  const inner = t.slice(1, -1).trim();
  return inner === "" ? [] : splitTop(inner).map((p) => {
    if (p === "") throw new Error("an entry is empty (two commas in a row?)");
    return parseNested(p);
  });
}

function shapeOf(x) {
  if (!Array.isArray(x)) return [];
  const inner = x.map(shapeOf);
  if (inner.some((s) => JSON.stringify(s) !== JSON.stringify(inner[0] ?? []))) {
    throw new Error("the rows have different lengths");
  }
  return [x.length, ...(inner[0] ?? [])];
}

/** A typed numeric answer as {shape, values (row by row)}: numbers separated by commas (or spaces), optional
 * brackets for rows ("[[1, 2], [3, 4]]"), each entry an arithmetic expression ("1/2", "-0.3e-2", "nan"). Numbers
 * typed without square brackets, as many as `expectedShape` holds, are read row by row in that shape (with brackets
 * the shape is what they say, as numpy.asarray reads the same list). */
export function parseNumbers(text, expectedShape = null) {
  const s = String(text).trim();
  const top = splitTop(s);
  const nested = top.length > 1 ? top.map(parseNested) : parseNested(s);
  let shape = shapeOf(nested);
  const values = [nested].flat(Infinity);
  const size = expectedShape ? expectedShape.reduce((a, b) => a * b, 1) : -1;
  if (expectedShape && !/[[\]]/.test(s) && shape.length <= 1 && values.length === size) shape = [...expectedShape];
  return { shape, values };
}

/** A shape as Python prints a tuple: "()", "(3,)", "(2, 2)". */
export const pyShape = (shape) => (shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`);
const sameShape = (a, b) => a.length === b.length && a.every((n, k) => n === b[k]);
const allClose = (got, want, rtol, atol) => got.every((g, k) => Math.abs(g - want[k]) <= atol + rtol * Math.abs(want[k]));

/** bpnet.relative_error: max_i |a_i - b_i| / max(|a_i|, |b_i|, floor) (0 for no entries). */
export function relativeError(a, b, floor) {
  return a.reduce((m, x, k) => Math.max(m, Math.abs(x - b[k]) / Math.max(Math.abs(x), Math.abs(b[k]), floor)), 0);
}

/** bpnet's NumericAnswer.check on typed text: a known mistake's message, then check_array's verdict and message. */
export function checkNumeric(spec, text) {
  let got;
  try {
    got = parseNumbers(text, spec.shape);
  } catch (err) {
    return unreadable(spec.what, err);
  }
  const right = sameShape(got.shape, spec.shape) && allClose(got.values, spec.expected, spec.mistake_rtol, spec.mistake_atol);
  for (const m of right ? [] : spec.mistakes) {
    if (sameShape(got.shape, m.shape) && allClose(got.values, m.values, spec.mistake_rtol, spec.mistake_atol)) {
      return result(false, m.message);
    }
  }
  const { what, hint } = spec;
  if (!sameShape(got.shape, spec.shape)) {
    return result(false, `${what} should have shape ${pyShape(spec.shape)}; received shape ${pyShape(got.shape)}. Hint: ${hint}`);
  }
  if (!got.values.every(Number.isFinite)) return result(false, `${what} contains NaN or inf. Hint: ${hint}`);
  const err = relativeError(got.values, spec.expected, spec.atol / spec.rtol);
  if (err <= spec.rtol) return result(true, `${what} matches, to within ${pyFormat(spec.rtol, "g")} relative.`);
  const gap = got.values.reduce((m, x, k) => Math.max(m, Math.abs(x - spec.expected[k])), 0);
  return result(false, `${what} differs from the right values by up to ${pyFormat(gap, ".3g")} `
    + `(relative error ${pyFormat(err, ".2g")}). Hint: ${hint}`);
}

/** The verdict on `text` for exercise data `spec` (either kind), as bpnet's CheckResult prints it. */
export function checkAnswer(spec, text) {
  const r = spec.kind === "symbolic" ? checkSymbolic(spec, text) : checkNumeric(spec, text);
  return { ...r, text: (r.correct ? "Correct: " : "Not yet: ") + r.message };
}

/** What the input's description tells the reader to type. */
export function instructions(spec) {
  if (spec.kind === "numeric") {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    const rows = spec.shape.length === 2 ? `, row by row (or as [[…], […]])` : "";
    return n === 1 ? "Type one number (an expression such as 1/2 is fine)."
      : `Type ${n} numbers separated by commas${rows}; each may be an expression such as 1/2.`;
  }
  const names = spec.names.map((n) => `${n.name} (${n.meaning})`).join("; ");
  return `Type an expression in ${names}. Functions: ${spec.functions.join(", ")}; write * to multiply, ^ or ** for powers.`;
}

/** The instructions as text in `p`, each name the reader may type in a <code> element. */
function helpInto(p, spec) {
  const doc = p.ownerDocument;
  if (spec.kind === "numeric") {
    p.textContent = instructions(spec);
    return;
  }
  p.append("Type an expression in ");
  spec.names.forEach((n, k) => {
    const code = doc.createElement("code");
    code.textContent = n.name;
    p.append(...(k ? ["; "] : []), code, ` (${n.meaning})`);
  });
  p.append(`. Functions: ${spec.functions.join(", ")}; write * to multiply, ^ or ** for powers.`);
}

/** Add an answer form to every exercise box (`div.exercise` whose id is a key of `answers`) under `root`. */
export function mountAnswers(root, answers) {
  const doc = root.ownerDocument || root;
  for (const box of root.querySelectorAll("div.exercise[id]")) {
    const spec = answers[box.id];
    if (!spec || box.querySelector(".bpnet-answer")) continue;
    const id = `bpnet-answer-${box.id}`;
    const form = doc.createElement("form");
    form.className = "bpnet-answer";
    form.setAttribute("novalidate", "");
    form.innerHTML = `<label for="${id}"></label><p class="bpnet-answer-help" id="${id}-help"></p>`
      + `<div class="bpnet-answer-row"><input type="text" id="${id}" autocomplete="off" autocapitalize="off" `
      + `spellcheck="false" aria-describedby="${id}-help"><button type="submit">Check</button></div>`
      + `<output class="bpnet-answer-result" for="${id}" role="status" aria-live="polite"></output>`;
    form.querySelector("label").textContent = `Your answer: ${spec.what}`;
    helpInto(form.querySelector("p"), spec);
    const input = form.querySelector("input"), out = form.querySelector("output");
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const r = checkAnswer(spec, input.value);
      out.textContent = r.text;
      out.dataset.correct = String(r.correct);
    });
    const content = box.querySelector(":scope > .exercise-content, :scope > section") || box;
    content.appendChild(form);
  }
}
