// The stepper and the weights view computed in the page, for any weight, bias and η (the explorer and the cost
// surface have lab.js and lab_model.js).
//
// A static output of the book carries Python's document for its starting state plus the raw numbers it was built
// from (`doc.model`: the network, the example, the weight settings). `localKernel` plays the part the Python kernel
// plays for the live widgets: mount.js hands it the reader's changes (η, a weight setting, a parameter's value)
// through the same hooks, and it answers with a new document built by document.js on engine.js's numbers.
// `lrControl` is the continuous log-scale η slider with labeled ticks; `stepValue` a parameter's arrow-key step.
import { stepperDocument, weightsDocument, paramList, saturationNote } from "./document.js";
import { fmtLr } from "./format.js";

const copy = (a) => JSON.parse(JSON.stringify(a));
const PARAM = /^([wb])(\d+)_(\d+)(?:_(\d+))?$/;
/** Round away float noise from a sum such as 0.4 + 0.01 (0.41000000000000003 -> 0.41). */
export const tidy = (v) => Number(v.toPrecision(12));

/** Hooks {lr, setting, param, exactValue} that rebuild `doc` (a static output's document with `model`) in the page and
 * hand each new document to `onDoc`; a bad value leaves the numbers as they were and says why in `message`. */
export function localKernel(doc, onDoc) {
  const m = doc.model, digits = doc.precision.digits, indexBase = doc.index_base;
  const st = { lr: doc.controls.lr.value, setting: 0, weights: copy(m.weights), biases: copy(m.biases) };
  let current = doc;
  const model = () => ({ ...m, weights: st.weights, biases: st.biases });

  function rebuild(message = "", link = null) {
    const opts = { digits, indexBase, settings: doc.settings, setting: st.setting };
    const next = doc.kind === "stepper" ? stepperDocument(model(), st.lr, opts) : weightsDocument(model(), st.lr, opts);
    const controls = { ...doc.controls, lr: { ...doc.controls.lr, value: st.lr } };
    if (controls.setting) controls.setting = { ...controls.setting, index: st.setting };
    current = { ...next, controls, params: paramList(model(), digits), editable: true, model: m, uid: doc.uid,
      message, message_link: message ? link : null };
    onDoc(current);
  }
  const refuse = (message) => onDoc({ ...current, message: `Not applied: ${message}`, message_link: null });

  return {
    lr(value) {
      const v = typeof value === "number" ? value : Number(String(value).trim());
      if (!Number.isFinite(v) || v <= 0 || String(value).trim() === "") {
        return refuse(`the learning rate η must be a positive finite number; received '${value}'`);
      }
      st.lr = v;
      rebuild();
    },
    setting(i) {
      const preset = m.settings && m.settings[i];
      if (!preset) return;
      Object.assign(st, { setting: i, weights: copy(preset.weights), biases: copy(preset.biases) });
      rebuild();
    },
    param(id, value) {
      const p = PARAM.exec(id), text = String(value).trim(), v = Number(text);
      if (!p) return refuse(`unknown parameter '${id}'`);
      if (text === "" || Number.isNaN(v)) return refuse(`a weight must be a number; received '${value}'`);
      if (!Number.isFinite(v)) return refuse(`a weight must be a finite number; received '${value}'`);
      const [, kind, l, j, k] = p;
      if (kind === "w") st.weights[l - 1][j][k] = v; else st.biases[l - 1][j] = v;
      const note = saturationNote(model(), id);
      rebuild(note, m.saturation_link || null);
    },
    /** The exact value of a parameter (the documents show 4 digits). */
    exactValue(id) {
      const [, kind, l, j, k] = PARAM.exec(id);
      return kind === "w" ? st.weights[l - 1][j][k] : st.biases[l - 1][j];
    },
    get lrValue() { return st.lr; },
    /** The state drawn last: η and every parameter (a live widget compares it with the kernel's). */
    get state() { return { lr: st.lr, weights: st.weights, biases: st.biases }; },
  };
}

// ---- the learning-rate control: a continuous log scale --------------------------------------------------------
const lg = Math.log10;

/** The η slider of a document whose page computes any η (`ctl`: controls.lr with `log`, bpnet.widgets.common.lr_scale):
 * a range over log10(η) with labeled ticks; dragging gives any η to 3 digits, the arrow keys move through
 * `ctl.grid`, PageUp/PageDown by a decade, Home/End to the ends. `el` is the whole control; `set(v)` shows v. */
export function lrControl(ctl, onChange, make) {
  const { el, control } = make;
  const slider = control(el("input", { type: "range", min: lg(ctl.min), max: lg(ctl.max), step: "any",
    value: lg(ctl.value), "data-control": "lr", "aria-label": "learning rate η (log scale)" }));
  const ticks = el("div", { class: "bp-ticks", "aria-hidden": "true" });
  for (const t of ctl.ticks) {
    const at = (lg(t) - lg(ctl.min)) / (lg(ctl.max) - lg(ctl.min));
    // the thumb's center runs from half its width (~8 px) to the width less that: place each label the same way
    ticks.append(el("span", { style: `left: calc(${(100 * at).toFixed(2)}% + ${(8 - 16 * at).toFixed(1)}px)` }, fmtLr(t)));
  }
  const wrap = el("span", { class: "bp-lr" });
  wrap.append(slider, ticks);
  let value = ctl.value;
  const set = (v) => {
    value = v;
    if (document.activeElement !== slider || Math.abs(lg(v) - Number(slider.value)) > 1e-9) slider.value = String(lg(v));
    slider.setAttribute("aria-valuetext", `η = ${fmtLr(v)}`);
  };
  const go = (v) => {
    v = Math.min(ctl.max, Math.max(ctl.min, v));
    if (v !== value) { set(v); onChange(v); }
  };
  slider.addEventListener("input", () => go(Number((10 ** Number(slider.value)).toPrecision(3))));
  slider.addEventListener("keydown", (ev) => {
    const grid = ctl.grid, up = grid.find((g) => g > value * (1 + 1e-9)), down = [...grid].reverse().find((g) => g < value * (1 - 1e-9));
    const decade = (f) => grid.reduce((best, g) => (Math.abs(lg(g) - lg(value * f)) < Math.abs(lg(best) - lg(value * f)) ? g : best));
    const to = { ArrowRight: up, ArrowUp: up, ArrowLeft: down, ArrowDown: down, PageUp: decade(10), PageDown: decade(0.1),
      Home: ctl.min, End: ctl.max }[ev.key];
    if (!(ev.key in { ArrowRight: 1, ArrowUp: 1, ArrowLeft: 1, ArrowDown: 1, PageUp: 1, PageDown: 1, Home: 1, End: 1 })) return;
    ev.preventDefault();
    ev.stopPropagation();
    if (to !== undefined) go(to);
  });
  set(ctl.value);
  return { el: wrap, slider, set };
}

// ---- a parameter's value: arrow keys step it by a stated amount ----------------------------------------------
export const STEPS = [0.001, 0.01, 0.1, 1];

/** The value after an arrow key (`ev.key`), or null for other keys: ± `step`, tidied. */
export function stepValue(key, value, step) {
  const dir = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 }[key];
  return dir === undefined ? null : tidy(value + dir * step);
}
