// bpnet widget renderer, DOM part: controls and events (the anywidget front end is live.js).
// The same file serves JupyterLab (through live.js, anywidget `_esm`) and the built book (the site's one classic
// script, loaded once per site; an output holds its data and a mount call): bpnet/widgets/assets.py links the modules.
import { toMarkup, networkTree, equationTree, runOf, frameCount, frameAt, focusOrder } from "./render.js";
import { localKernel, lrControl, stepValue, STEPS } from "./inpage.js";
import { mountExplorer, mountSurface } from "./lab.js";

const SUPPRESS = "data-lm-suppress-shortcuts"; // JupyterLab leaves arrow keys to a focused element carrying it
const SPEEDS = [["slow", 1400], ["normal", 700], ["fast", 250], ["faster", 100], ["fastest", 50]];

const SVG_NS = "http://www.w3.org/2000/svg";

/** Make the children of `parent` match the virtual nodes `kids` (render.js), reusing every element whose tag is
 * unchanged: only attributes and texts that differ are written, so the browser restyles and lays out only what
 * changed instead of parsing and styling a whole new diagram (the cost of innerHTML on every key press). */
export function patchChildren(parent, kids, svg = false) {
  const have = parent.childNodes;
  kids.forEach((k, i) => {
    const d = have[i];
    if (typeof k !== "object") {
      const s = String(k);
      if (d && d.nodeType === 3) { if (d.data !== s) d.data = s; return; }
      const t = document.createTextNode(s);
      if (d) parent.replaceChild(t, d); else parent.appendChild(t);
      return;
    }
    const inSvg = svg || k.tag === "svg";
    if (d && d.nodeType === 1 && d.localName === k.tag && (d.namespaceURI === SVG_NS) === inSvg) {
      patchElement(d, k, inSvg);
      return;
    }
    const e = inSvg ? document.createElementNS(SVG_NS, k.tag) : document.createElement(k.tag);
    patchElement(e, k, inSvg);
    if (d) parent.replaceChild(e, d); else parent.appendChild(e);
  });
  while (have.length > kids.length) parent.removeChild(parent.lastChild);
}

function patchElement(e, k, svg) {
  const want = {};
  for (const [n, v] of Object.entries(k.attrs)) if (v !== null && v !== undefined && v !== false) want[n] = v === true ? "" : String(v);
  for (const a of Array.from(e.attributes)) if (!(a.name in want)) e.removeAttribute(a.name);
  for (const [n, v] of Object.entries(want)) if (e.getAttribute(n) !== v) e.setAttribute(n, v);
  patchChildren(e, k.children, svg);
}

function el(tag, attrs = {}, text = null) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, v);
  if (text !== null) e.textContent = text;
  return e;
}
const control = (e) => (e.setAttribute(SUPPRESS, ""), e);
const button = (action, text, label) => control(el("button", { type: "button", "data-action": action, "aria-label": label, title: label }, text));
function range(name, max, value, label) {
  return control(el("input", { type: "range", min: 0, max, step: 1, value, "data-control": name, "aria-label": label }));
}
function select(name, labels, index, label) {
  const s = control(el("select", { "data-control": name, "aria-label": label }));
  labels.forEach((t, i) => s.appendChild(el("option", { value: i }, t)));
  s.value = String(index);
  return s;
}
const labeled = (text, input, readout) => {
  const l = el("label", { class: "bp-field" }, null);
  l.append(el("span", {}, text), input);
  if (readout) l.append(readout);
  return l;
};

/** What each kind of document shows, the one place where the kinds differ. `view(doc, state)` draws the main
 * picture and `panel(doc, state)` the side panel as virtual trees (render.js); a kind without a panel shows the
 * text `caption(doc, state, run)` there instead. A kind with a `timeline` gets play, step and scrub controls over
 * the state field `key`, from 0 to `last(doc, state)`; `sync`: a live widget tells the kernel its position. A kind
 * with `mount(root, doc, hooks)` builds its own controls and drawing and returns its handle. */
export const KINDS = {
  stepper: {
    view: networkTree, panel: equationTree,
    timeline: { key: "t", label: "phase of the step", sync: true, last: (doc, st) => frameCount(doc, runOf(doc, st)) - 1,
      text: (doc, st) => { // the scrub slider's aria-valuetext
        const run = runOf(doc, st), fr = frameAt(doc, run, st.t), n = run.steps.length;
        return `frame ${fr.t + 1} of ${frameCount(doc, run)}: ${fr.phase.title}${n > 1 ? `, step ${fr.s + 1} of ${n}` : ""}`;
      } },
  },
  weights: { view: networkTree, panel: equationTree },
  // the lab (lab.js): the explorer trains and the surface descends in the page, for any setting
  explorer: { mount: mountExplorer },
  surface: { mount: mountSurface },
};

const OWN_KEYS = "input, select, textarea, [contenteditable], .bp-scroll"; // controls that use the arrow keys themselves

/** A widget that draws itself (the lab) steps with the keyboard wherever the focus is inside it, outside the controls
 * that use those keys: ← → press its back and step buttons, Home End its first and last (where it has them). */
function withArrowKeys(root, handle) {
  control(root).setAttribute("tabindex", "-1"); // a click anywhere in the widget puts the focus inside it
  const actions = { ArrowLeft: "back", ArrowRight: "step", Home: "first", End: "last" };
  root.addEventListener("keydown", (ev) => {
    if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey || !ev.target.closest || ev.target.closest(OWN_KEYS)) return;
    const b = actions[ev.key] && root.querySelector(`button[data-action=${actions[ev.key]}]`);
    if (!b || b.disabled) return;
    ev.preventDefault();
    b.click();
  });
  return handle;
}

/** Mount a widget on `root` for `doc` (a trace or a plot document). `hooks` (live mode) forward changes to Python. */
export function mount(root, doc, hooks = null) {
  const st = { t: 0, k: 0, lr: 0, setting: 0, selected: null, playing: false, interval: 700, timer: null, frames: 0 };
  const spec = KINDS[doc.kind];
  if (!spec) throw new Error(`bpnet: unknown widget kind ${JSON.stringify(doc.kind)}; expected ${Object.keys(KINDS).join(", ")}`);
  if (spec.mount) return withArrowKeys(root, spec.mount(root, doc, hooks)); // a kind that draws itself (the lab)
  const tl = spec.timeline, key = tl ? tl.key : "t";
  const syncs = () => Boolean(tl && tl.sync && hooks && hooks.phase);
  root.classList.add("bpnet-root");
  root.innerHTML = "";
  control(root).setAttribute("tabindex", "-1"); // a click anywhere in the widget puts the focus inside it (arrow keys)
  const bar = el("div", { class: "bp-controls", role: "group", "aria-label": "controls" });
  const body = el("div", { class: "bp-body" }), view = el("div", { class: "bp-view" });
  const side = el("div", { class: "bp-side", "aria-live": "polite" }), msg = el("div", { class: "bp-message", role: "status" });
  body.append(view, side);
  // Shadows at the sides of a box that scrolls sideways (the diagram; the weights table) where more lies beyond:
  // `data-more` on the view and the side panel ("left right"), drawn by bpnet.css.
  let cueFrame = 0;
  const cues = () => {
    cueFrame = 0;
    for (const [host, box] of [[view, view], [side, side.querySelector(".bp-scroll")]]) {
      const more = box ? [box.scrollLeft > 1 ? "left" : "", box.scrollLeft + box.clientWidth < box.scrollWidth - 1 ? "right" : ""]
        .filter(Boolean).join(" ") : "";
      if (host.getAttribute("data-more") !== more) host.setAttribute("data-more", more);
    }
  };
  const cueSoon = () => { if (!cueFrame) cueFrame = requestAnimationFrame(cues); };
  view.addEventListener("scroll", cueSoon, { passive: true });
  side.addEventListener("scroll", cueSoon, { capture: true, passive: true });
  if (typeof ResizeObserver === "function") new ResizeObserver(cueSoon).observe(root);
  root.append(bar, body, msg);
  const c = {}, lrOut = el("output", { class: "bp-readout" });

  const last = () => (tl ? tl.last(doc, st) : 0);
  const pos = () => st[key];
  // `sync`: tell the kernel (live mode). While playing, frames stay in the browser; the last one is sent on pause.
  function setPos(v, fromModel = false, sync = true) {
    const p = Math.max(0, Math.min(last(), v | 0));
    st[key] = p;
    if (!fromModel && sync && syncs()) hooks.phase(p);
    render();
  }
  function play(on) {
    const was = st.playing;
    st.playing = on;
    clearInterval(st.timer);
    if (on) {
      if (pos() >= last()) setPos(0);
      st.timer = setInterval(() => (pos() >= last() ? play(false) : setPos(pos() + 1, false, false)), st.interval);
    } else if (was && syncs()) hooks.phase(pos());
    if (c.play) { c.play.textContent = on ? "❚❚ pause" : "▶ play"; c.play.setAttribute("aria-pressed", String(on)); }
  }

  if (tl) {
    c.first = button("first", "|◀", "first frame");
    c.back = button("back", "◀", "step back");
    c.play = button("play", "▶ play", "play or pause");
    c.step = button("step", "▶|", "step forward");
    c.scrub = range("scrub", last(), 0, tl.label);
    c.first.onclick = () => { play(false); setPos(0); };
    c.back.onclick = () => { play(false); setPos(pos() - 1); };
    c.step.onclick = () => { play(false); setPos(pos() + 1); };
    c.play.onclick = () => play(!st.playing);
    c.scrub.oninput = () => { play(false); setPos(+c.scrub.value); };
    c.speed = select("speed", SPEEDS.map((s) => s[0]), 1, "playback speed");
    c.speed.onchange = () => { st.interval = SPEEDS[+c.speed.value][1]; if (st.playing) play(true); };
    bar.append(c.first, c.back, c.play, c.step, labeled("", c.scrub), labeled("speed", c.speed));
  }
  const ctl = doc.controls || {};
  if (ctl.setting && ctl.setting.labels.length > 1) {
    st.setting = ctl.setting.index || 0;
    c.setting = select("setting", ctl.setting.labels, st.setting, ctl.setting.name || "setting");
    c.setting.onchange = () => { st.setting = +c.setting.value; if (hooks && hooks.setting) hooks.setting(st.setting); clamp(); render(); };
    bar.append(labeled(ctl.setting.name || "setting", c.setting));
  }
  if (ctl.lr && ctl.lr.log) { // any η, on a continuous log scale (a static output that computes in the page)
    c.lrLog = lrControl(ctl.lr, (v) => hooks && hooks.lr && hooks.lr(v), { el, control });
    c.lr = c.lrLog.slider;
    bar.append(labeled("learning rate", c.lrLog.el, lrOut));
  } else if (ctl.lr) {
    st.lr = ctl.lr.index || 0;
    c.lr = range("lr", ctl.lr.values.length - 1, st.lr, "learning rate η (log scale)");
    c.lr.oninput = () => {
      st.lr = +c.lr.value;
      lrOut.textContent = `η = ${ctl.lr.labels[st.lr]}`;
      c.lr.setAttribute("aria-valuetext", lrOut.textContent);
      if (hooks && hooks.lr) hooks.lr(st.lr); else { clamp(); render(); }
    };
    bar.append(labeled("learning rate", c.lr, lrOut));
  }
  if (doc.params) {
    c.param = select("param", doc.params.map((p) => p.name), 0, "show weight or bias");
    c.param.onchange = () => { st.selected = doc.params[+c.param.value].target; render(); };
    bar.append(labeled("show", c.param));
    if (doc.editable && hooks && hooks.param) editor();
    if (doc.kind !== "stepper") st.selected = doc.params[0].target;
  }
  // A parameter's value: dragged on a slider, typed (Enter applies it), or stepped by the arrow keys by a stated
  // step (on the slider or in the box); the selected parameter is the one the "show" list names.
  function editor() {
    const stepOf = () => STEPS[+c.wstep.value];
    const pick = () => doc.params[+c.param.value];
    const exact = () => (hooks.exactValue ? hooks.exactValue(pick().id) : +c.value.value);
    c.value = control(el("input", { type: "range", min: -5, max: 5, step: 0.01, "data-control": "value", "aria-label": "value of the selected weight (drag, or arrow keys)" }));
    c.number = control(el("input", { type: "text", inputmode: "decimal", size: 8, "data-control": "number", "aria-label": "type a value, then Enter" }));
    c.wstep = select("wstep", STEPS.map(String), 1, "arrow-key step of the value");
    const send = (v) => { st.selected = pick().target; hooks.param(pick().id, v); };
    c.value.oninput = () => send(c.value.value);
    // Enter applies the typed value; the browser's own "change" (on Enter, or on leaving the box) applies it
    // unless Enter already did: JupyterLab's page does not reliably let Chromium fire "change" on Enter.
    let entered = null;
    c.number.onchange = () => { if (c.number.value !== entered) send(c.number.value); };
    c.number.addEventListener("input", () => { entered = null; });
    c.wstep.onchange = () => { c.value.step = String(stepOf()); };
    const onKey = (ev) => {
      if (ev.target === c.number && (ev.key === "ArrowLeft" || ev.key === "ArrowRight")) return; // moves the caret
      if (ev.key === "Enter" && ev.target === c.number) { ev.preventDefault(); entered = c.number.value; send(entered); return; }
      const v = stepValue(ev.key, ev.target === c.number && Number.isFinite(+c.number.value) && c.number.value.trim() ? +c.number.value : exact(), stepOf());
      if (v === null) return;
      ev.preventDefault();
      ev.stopPropagation();
      span(v);
      c.value.value = String(v);
      if (ev.target === c.number) c.number.value = String(v);
      send(v);
    };
    c.value.addEventListener("keydown", onKey);
    c.number.addEventListener("keydown", onKey);
    bar.append(labeled("value", c.value), c.number, labeled("arrow keys ±", c.wstep));
  }
  function span(v) { // the value slider reaches at least ±5 and always the value itself
    const r = Math.max(5, Math.ceil(Math.abs(+v) || 0));
    if (+c.value.max !== r) { c.value.min = String(-r); c.value.max = String(r); }
  }
  function choose(id) {
    st.selected = st.selected === id && !doc.params ? null : id;
    if (c.param) {
      const i = doc.params.findIndex((p) => p.target === st.selected || p.id === st.selected);
      if (i >= 0) c.param.value = String(i);
    }
    render();
  }
  root.addEventListener("click", (ev) => {
    const g = ev.target.closest && ev.target.closest("[data-id]");
    if (!g || !doc.nodes) return;
    if (g.hasAttribute("tabindex")) st.focus = g.dataset.id;
    choose(g.dataset.id);
  });
  // The keyboard, wherever the focus is inside the widget: ← → step the timeline and Home End go to its ends,
  // except in a control that uses those keys itself; in the diagram, ↑ ↓ (and ← → where nothing plays) move
  // between units and weights (one tab stop: render.js's roving tabindex), and Enter or Space selects.
  root.addEventListener("keydown", (ev) => {
    if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey || !ev.target.closest) return;
    const k = ev.key, item = ev.target.closest(".bp-svg [data-id][tabindex]"), own = ev.target.closest(OWN_KEYS);
    const dir = k === "ArrowRight" || k === "ArrowDown" ? 1 : k === "ArrowLeft" || k === "ArrowUp" ? -1 : 0;
    if (item && (k === "Enter" || k === " ")) choose(item.dataset.id);
    else if (item && dir && (!tl || k === "ArrowUp" || k === "ArrowDown")) moveFocus(item.dataset.id, dir);
    else if (tl && !own && dir && (k === "ArrowLeft" || k === "ArrowRight")) { play(false); setPos(pos() + dir); }
    else if (tl && !own && (k === "Home" || k === "End")) { play(false); setPos(k === "Home" ? 0 : last()); }
    else return;
    ev.preventDefault();
  });
  function moveFocus(id, dir) {
    const order = focusOrder(doc), i = order.indexOf(id);
    st.focus = order[Math.max(0, Math.min(order.length - 1, i + dir))];
    render();
    const g = view.querySelector(`[data-id="${st.focus}"]`);
    if (g) g.focus();
  }

  function clamp() { if (pos() > last()) setPos(last()); }
  // A view or panel that scrolls sideways (the weights table on a phone) is a tab stop, so that the keyboard can
  // scroll it (arrow keys: JupyterLab leaves them to it); re-measured on every render and resize.
  const tabStops = () => {
    for (const box of [view, side]) {
      const scrolls = box.scrollWidth > box.clientWidth;
      if (scrolls !== box.hasAttribute("tabindex")) {
        if (scrolls) { box.tabIndex = 0; box.setAttribute(SUPPRESS, ""); }
        else { box.removeAttribute("tabindex"); box.removeAttribute(SUPPRESS); }
      }
    }
  };
  const resized = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(tabStops);
  if (resized) resized.observe(root);
  const trees = () => ({ view: spec.view(doc, st), side: spec.panel ? spec.panel(doc, st) : null });
  function render() {
    const t = trees(), run = runOf(doc, st);
    patchChildren(view, [t.view]);
    if (spec.panel) patchChildren(side, [t.side]);
    else side.textContent = spec.caption(doc, st, run);
    msg.textContent = doc.message || run.message || "";
    if (doc.message && doc.message_link) {  // where the book explains what the message says
      msg.append(" See ", el("a", { href: doc.message_link.href }, doc.message_link.text), ".");
    }
    msg.hidden = !msg.textContent;
    if (c.scrub) { c.scrub.max = String(last()); c.scrub.value = String(pos()); c.scrub.setAttribute("aria-valuetext", tl.text(doc, st)); }
    if (c.lrLog) { c.lrLog.set(run.lr); lrOut.textContent = `η = ${run.lr_text}`; }
    else if (c.lr) { c.lr.value = String(st.lr); lrOut.textContent = `η = ${run.lr_text}`; }
    if (c.param && c.value) {
      const p = doc.params[+c.param.value], v = hooks && hooks.exactValue ? hooks.exactValue(p.id) : p.value;
      span(v);
      if (document.activeElement !== c.value) c.value.value = String(v);
      if (document.activeElement !== c.number) c.number.value = String(v);
      c.value.setAttribute("aria-valuetext", `${p.name} = ${v}`);
    }
    tabStops();
    if (c.lr) c.lr.setAttribute("aria-valuetext", lrOut.textContent); // "η = 0.5", not a position
    cueSoon();
    st.frames += 1;
    root.dispatchEvent(new CustomEvent("bpnet-render", { bubbles: true, detail: { t: st.t, k: st.k, frames: st.frames } }));
  }
  render();
  return {
    state: st, render, play, setPos,
    /** For tests: the markup a full redraw would write (the patched DOM must be equal to it). */
    markup() { const t = trees(); return { view: toMarkup(t.view), side: t.side ? toMarkup(t.side) : null }; },
    update(next) {
      doc = next;
      if (doc.controls && doc.controls.lr && hooks) st.lr = doc.controls.lr.index || 0;
      if (pos() > last()) setPos(last(), true); else render();
    },
    destroy() { clearInterval(st.timer); if (resized) resized.disconnect(); },
  };
}

/** Book pages: mount the widget whose root element has id `id` from the JSON in its <script class="bp-data">.
 * A document that carries its raw numbers (`model`: the stepper and the weights view) recomputes in the page. */
export function mountStatic(id) {
  const root = document.getElementById(id);
  if (!root || root.__bpnet) return root ? root.__bpnet : null;
  const data = root.querySelector("script.bp-data");
  if (!data) return null;
  const doc = JSON.parse(data.textContent);
  let w = null;
  const hooks = doc.model && (doc.kind === "stepper" || doc.kind === "weights") ? localKernel(doc, (next) => w.update(next)) : null;
  root.__bpnet = w = mount(root.querySelector(".bp-mount"), doc, hooks);
  return w;
}

/** Mount every static output of the page not mounted yet (the site's script runs this when it loads). */
export function mountAll() {
  document.querySelectorAll(".bpnet-widget[data-bpnet-widget][id]").forEach((root) => {
    if (root.querySelector(":scope > script.bp-data")) mountStatic(root.id);
  });
}
