// How the widgets write numbers, in JavaScript: the same strings as bpnet/widgets/format.py, digit for digit.
//
// Python's format() rounds the exact binary value of a float, and only a value that is exactly halfway in binary
// (0.5, 2.5, 0.125, ...) is a tie, which it rounds to even. JavaScript's toFixed and toPrecision also round the
// exact value but send ties away from zero (2.5 -> "3" where Python prints "2"). So this module does not use
// them: it writes the exact decimal expansion of the float (every double is a finite decimal: m * 2^e with
// e < 0 equals m * 5^-e / 10^-e) and rounds that string, ties to even, as Python does. About 1 microsecond a
// number in node once warm (no faster with toExponential as a shortcut for the numbers that are not ties).
//
//   fmt(x, digits = 4)   bpnet.widgets.format.fmt: significant digits, trailing zeros kept, "1.2e-5"
//   fmtLr(lr)            fmt_lr: a learning rate as a reader would type it ("0.5", "0.001", "100")
//   factor(s), sumText(terms), MAX_TERMS     as in format.py
//   pyFormat(x, spec)    format(x, spec) for the float specs the widgets use: "g", ".3g", "#.4g", ".1f",
//                        ".2e", ".0%" and "" (str(x), Python's shortest repr, e.g. "1e+16", "0.1", "inf")
//   pyStr(x)             str(x) of a Python float: "2.0", "1e-05", "inf", "nan"

export const MAX_TERMS = 4; // longer sums show their first terms, "… (n terms)" and the result

// ---- the exact decimal value of a double ---------------------------------------------------------------------

const POW5 = [1n]; // POW5[k] = 5^k, filled on demand (k <= 1074)
function pow5(k) {
  while (POW5.length <= k) POW5.push(POW5[POW5.length - 1] * 5n);
  return POW5[k];
}

const VIEW = new DataView(new ArrayBuffer(8));

// {digits, point} with x = 0.d1 d2 d3 ... * 10^point exactly, for finite x > 0 (no leading or trailing zeros).
function exactDecimal(x) {
  VIEW.setFloat64(0, x);
  const hi = VIEW.getUint32(0), lo = VIEW.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = -1074; // subnormal: x = m * 2^-1074
  if (biased !== 0) { m |= 1n << 52n; e = biased - 1075; }
  let digits, point;
  if (e >= 0) {
    digits = (m << BigInt(e)).toString();
    point = digits.length;
  } else {
    digits = (m * pow5(-e)).toString(); // x = m 5^k / 10^k with k = -e
    point = digits.length + e;
  }
  return { digits: digits.replace(/0+$/, ""), point };
}

// Keep the first n digits of 0.digits * 10^point, rounding the rest half to even. With n = 0 the value rounds
// to 0 or to one unit of the position above its first digit (0.6 -> 1); with n < 0 it is below half a unit: 0.
function roundDigits({ digits, point }, n) {
  if (digits.length <= n) return { digits, point };
  if (n < 0) return { digits: "", point };
  const keep = digits.slice(0, n), rest = digits.slice(n);
  const lastOdd = n > 0 && Number(keep[n - 1]) % 2 === 1;
  const up = rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || lastOdd));
  if (!up) return { digits: keep.replace(/0+$/, ""), point };
  const bumped = (BigInt(keep || "0") + 1n).toString(); // 0999 + 1 = 1000: one digit longer, point moves up
  const grown = bumped.length > n || n === 0;
  return { digits: bumped.replace(/0+$/, ""), point: grown ? point + 1 : point };
}

// ---- Python's float presentation types ---------------------------------------------------------------------

const nonFinite = (x) => (Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf");
const signOf = (x) => (x < 0 || Object.is(x, -0) ? "-" : "");
const at = (digits, i) => (i >= 0 && i < digits.length ? digits[i] : "0");

// "ddd.fff" with `places` digits after the point, from an already rounded {digits, point}.
function fixedDigits({ digits, point }, places, alt) {
  let int = point > 0 ? "" : "0";
  for (let i = 0; i < point; i++) int += at(digits, i);
  let frac = "";
  for (let i = 0; i < places; i++) frac += at(digits, point + i);
  return places > 0 || alt ? `${int}.${frac}` : int;
}

// "d.ddde+XX" with `places` digits after the point, exponent of at least two digits.
function expDigits({ digits, point }, places, alt, isZero) {
  const exp = isZero ? 0 : point - 1;
  let mant = at(digits, 0);
  if (places > 0 || alt) mant += ".";
  for (let i = 1; i <= places; i++) mant += at(digits, i);
  return `${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

const ZERO = { digits: "", point: 1 };

function formatF(ax, places, alt) {
  const dec = ax === 0 ? ZERO : exactDecimal(ax);
  return fixedDigits(roundDigits(dec, dec.point + places), places, alt);
}

function formatE(ax, places, alt) {
  if (ax === 0) return expDigits(ZERO, places, alt, true);
  return expDigits(roundDigits(exactDecimal(ax), places + 1), places, alt, false);
}

// Python's "g": round to p significant digits; exponent X of the result; if -4 <= X < p, fixed with p-1-X
// places, else exponent notation with p-1 places; without "#", trailing zeros (and a bare point) are removed.
function formatG(ax, p, alt) {
  p = Math.max(p, 1);
  const r = ax === 0 ? ZERO : roundDigits(exactDecimal(ax), p);
  const exp = ax === 0 ? 0 : r.point - 1;
  const s = -4 <= exp && exp < p ? fixedDigits(r, p - 1 - exp, alt) : expDigits(r, p - 1, alt, ax === 0);
  return alt ? s : s.replace(/(\.\d*?)0+(?=e|$)/, "$1").replace(/\.(?=e|$)/, "");
}

// str(x) of a float: the shortest digits that read back as x (JavaScript finds the same ones), written in
// fixed notation with at least ".0" when -4 <= exponent < 16, else as "1.5e-05" / "1e+16".
function formatRepr(ax) {
  if (ax === 0) return "0.0";
  const [mant, e] = ax.toExponential().split("e");
  const digits = mant.replace(".", ""), exp = Number(e);
  if (-4 <= exp && exp < 16) {
    return fixedDigits({ digits, point: exp + 1 }, Math.max(digits.length - exp - 1, 1), false);
  }
  return expDigits({ digits, point: exp + 1 }, digits.length - 1, false, false);
}

const SPEC = /^(#)?(?:\.(\d+))?([efg%]?)$/;

/** format(x, spec) of a Python float, for the specs "" (str), "[#][.p]g", "[#][.p]e", "[#][.p]f" and "[.p]%"
 * (p defaults to 6, as in Python). Throws for anything else rather than guess. */
export function pyFormat(x, spec = "") {
  if (typeof x !== "number") throw new TypeError(`pyFormat needs a number; received ${typeof x} (${x})`);
  const m = SPEC.exec(spec);
  if (!m || (spec !== "" && !m[3])) {
    throw new Error(`pyFormat supports the format specs "", "g", ".3g", "#.4g", ".2e", ".1f", ".0%"; received "${spec}"`);
  }
  const [, hash, prec, type] = m, alt = hash === "#", p = prec === undefined ? 6 : Number(prec);
  if (type === "%") return pyFormat(x * 100, `${alt ? "#" : ""}.${p}f`) + "%"; // as CPython: x * 100, then "f"
  if (!Number.isFinite(x)) return nonFinite(x);
  const sign = signOf(x), ax = Math.abs(x);
  switch (type) {
    case "": return sign + formatRepr(ax);
    case "e": return sign + formatE(ax, p, alt);
    case "f": return sign + formatF(ax, p, alt);
    default: return sign + formatG(ax, p, alt);
  }
}

/** str(x) of a Python float: "0.5", "2.0", "1e-05", "1e+16", "inf", "nan". */
export const pyStr = (x) => pyFormat(x, "");

/** bpnet.widgets.format.fmt: x with `digits` significant digits, trailing zeros kept ("0.5000"), "1.2e-5". */
export function fmt(x, digits = 4) {
  if (!Number.isInteger(digits) || digits < 0) {
    throw new Error(`fmt: digits must be a non-negative integer; received ${digits}`);
  }
  if (!Number.isFinite(x)) return pyStr(x);
  if (x === 0) return "0";
  const s = pyFormat(x, `#.${digits}g`);
  if (s.includes("e")) {
    const [mant, exp] = s.split("e");
    return `${mant.replace(/\.$/, "")}e${Number(exp)}`;
  }
  return s.replace(/\.$/, "");
}

/** bpnet.widgets.format.fmt_lr: a learning rate as a reader would type it: 0.5, 0.001, 1e+02 -> "100". */
export const fmtLr = (lr) => pyFormat(lr, ".3g").replace("e+0", "e").replace("e-0", "e-");

/** A formatted number as a factor of a product: a negative one in parentheses, 0.5·(-0.038). */
export const factor = (s) => (s.startsWith("-") ? `(${s})` : s);

/** Terms joined by " + "; more than MAX_TERMS show the first ones and "… (n terms)". */
export function sumText(terms) {
  const short = terms.length <= MAX_TERMS;
  return (short ? terms : terms.slice(0, MAX_TERMS - 1)).join(" + ") + (short ? "" : ` + … (${terms.length} terms)`);
}
