// bpnet widgets' anywidget front end (JupyterLab): mounts a live widget's document with mount.js and forwards the
// reader's changes to the kernel; the page's own copy of the step (inpage.js) draws each change first.
import { mount } from "./mount.js";
import { localKernel } from "./inpage.js";

/** The state a document shows, as a string: η and every parameter (equal strings, equal numbers on screen). */
const stateKey = (lr, weights, biases) => JSON.stringify([lr, weights, biases]);
const WATCH = { childList: true, subtree: true, characterData: true, attributes: true };
const docKey = (d) => (d.model ? stateKey(d.runs[0].lr, d.model.weights, d.model.biases) : null);

/** The caption that says this is the live widget (bpnet.widgets.embed.badge: "Label: explanation"). */
function badge(text) {
  const [label, ...rest] = text.split(": "), p = el("p", { class: "bp-badge", "data-bp-badge": "live" });
  const strong = document.createElement("strong");
  strong.textContent = label;
  p.append(strong, `: ${rest.join(": ")}`);
  return p;
}

function el(tag, attrs) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** anywidget front end: the model's `doc_json` is the document; `lr_index`, `setting`, `phase` and "set" messages go
 * back. A document that carries its raw numbers (`model`) is redrawn at once by the page's own copy of the step
 * (inpage.js's localKernel: engine.js, document.js) while the kernel computes; the kernel's document then replaces
 * it (an answer to an older change is skipped), and the event `bpnet-confirmed` says whether the screen stayed the
 * same (`detail.same`) and when the change was sent, its answer arrived and was drawn (for the benchmark). */
export default {
  render({ model, el: host }) {
    const set = (name) => (v) => { model.set(name, v); model.save_changes(); };
    // One weight edit in flight at a time: while the kernel works, later edits replace each other and only the
    // newest is sent when it answers ("done"), so holding an arrow key never builds a queue of stale edits.
    let busy = false, queued = null, stuck = null;
    const sendParam = (id, value) => {
      if (busy) { queued = [id, value]; return; }
      busy = true;
      stuck = setTimeout(onDone, 2000); // a kernel that never answers must not freeze the control
      model.send({ type: "set", id, value: String(value) });
    };
    const onDone = () => {
      clearTimeout(stuck);
      busy = false;
      if (queued) { const [id, value] = queued; queued = null; sendParam(id, value); }
      else confirm(model.get("doc_json")); // an edit that left the document as it was changes no trait
    };
    const pongs = new Map();
    const onMsg = (msg) => {
      if (msg && msg.type === "done") onDone();
      if (msg && msg.type === "pong" && pongs.has(msg.n)) { pongs.get(msg.n)(performance.now()); pongs.delete(msg.n); }
    };
    model.on("msg:custom", onMsg);
    const doc = () => JSON.parse(model.get("doc_json"));
    let shown = doc(), local = null, wanted = null, sentAt = 0, lastJson = null, late = null;
    const watch = new MutationObserver(() => {});
    const root = el("div", { class: "bpnet-widget", "data-bpnet-widget": shown.kind });
    const mountEl = el("div", { class: "bp-mount" });
    // The page's copy of the kernel's state, which draws a change before the kernel's answer arrives.
    const follow = (d) => {
      local = d.model && d.model.weights ? localKernel({ ...d, controls: { ...d.controls, lr: { ...d.controls.lr, value: d.runs[0].lr } } },
        drawLocal) : null;
    };
    function drawLocal(next) {
      const kept = { ...next, controls: { ...shown.controls, ...next.controls, lr: { ...shown.controls.lr, index: pendingIndex } } };
      for (const k of ["params", "editable"]) if (!(k in shown)) delete kept[k]; // (the live stepper edits η only)
      const st = local.state, key = stateKey(st.lr, st.weights, st.biases);
      wanted = key;
      kept.model = { ...shown.model, weights: st.weights, biases: st.biases };
      w.update(kept);
      root.dispatchEvent(new CustomEvent("bpnet-local", { bubbles: true }));
    }
    let pendingIndex = shown.controls && shown.controls.lr ? shown.controls.lr.index : 0;
    const lrHook = (i) => {
      sentAt = performance.now();
      set("lr_index")(i); // to the kernel first: it computes while the page draws its own copy
      pendingIndex = i;
      if (local && shown.controls.lr.values) local.lr(shown.controls.lr.values[i]);
    };
    const paramHook = (id, value) => {
      sentAt = performance.now();
      sendParam(id, value);
      if (local) local.param(id, value);
    };
    const hooks = { lr: lrHook, setting: set("setting"), phase: set("phase"), param: paramHook };
    if (model.get("badge")) root.append(badge(model.get("badge")));
    root.append(mountEl);
    host.append(root);
    const w = mount(mountEl, shown, hooks);
    follow(shown);
    if (local) hooks.exactValue = (id) => (local ? local.exactValue(id) : Number(shown.params.find((q) => q.id === id).value));
    mountEl.__w = w;
    /** For the benchmark: milliseconds of one message's round trip to the kernel and back ("ping", "pong"). */
    root.__bpnetPing = () => new Promise((resolve) => {
      const n = Math.random(), t0 = performance.now();
      pongs.set(n, (t) => resolve(t - t0));
      model.send({ type: "ping", n });
    });
    // The kernel's document: drawn unless it answers an older change than the one on screen.
    function confirm(json) {
      if (json === lastJson && wanted === null) return;
      const received = performance.now(), next = JSON.parse(json), key = docKey(next);
      if (wanted !== null && key !== null && key !== wanted) { // an older state: the newer answer follows ...
        clearTimeout(late);  // ... or else the kernel's last word is drawn after all
        late = setTimeout(() => { wanted = null; confirm(model.get("doc_json")); }, 500);
        return;
      }
      clearTimeout(late);
      lastJson = json;
      // The same screen: the patch (which writes only what differs) changed nothing in the diagram and the
      // panel, and the message reads the same.
      const checking = wanted !== null, message = () => mountEl.querySelector(".bp-message").textContent;
      const before = checking ? message() : null;
      if (checking) for (const part of mountEl.querySelectorAll(".bp-view, .bp-side")) watch.observe(part, WATCH);
      shown = next;
      pendingIndex = next.controls && next.controls.lr ? next.controls.lr.index : 0;
      w.update(next);
      const changed = watch.takeRecords().length;
      watch.disconnect();
      follow(next);
      const drawn = performance.now();
      if (checking) {
        root.dispatchEvent(new CustomEvent("bpnet-confirmed", { bubbles: true, detail: {
          same: changed === 0 && before === message(), sent: sentAt, received, drawn } }));
      }
      wanted = null;
    }
    const onDoc = () => confirm(model.get("doc_json"));
    lastJson = model.get("doc_json");
    const onPhase = () => { const t = model.get("phase"); if (t !== w.state.t) w.setPos(t, true); };
    model.on("change:doc_json", onDoc);
    model.on("change:phase", onPhase);
    onPhase();
    return () => {
      model.off("change:doc_json", onDoc); model.off("change:phase", onPhase); model.off("msg:custom", onMsg);
      clearTimeout(stuck); clearTimeout(late); w.destroy();
    };
  },
};
