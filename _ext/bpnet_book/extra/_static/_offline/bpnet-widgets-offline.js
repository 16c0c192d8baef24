// Loaded on pages with embedded ipywidgets state, after require.js and before embed-amd.js
// (see _ext/bpnet_book). Two jobs, both for @jupyter-widgets/html-manager 1.x with no network:
(function () {
  "use strict";
  // 1. RequireJS paths. embed-amd.js defines its modules by name and derives its webpack public path (where
  //    it fetches its icon fonts) from the module URI, which by default is relative to the *page* folder
  //    (chapters/@jupyter-widgets/... : 404). Point every @jupyter-widgets module at the vendored dist/.
  var here = document.currentScript.src;
  var dist = here.slice(0, here.lastIndexOf("/") + 1) + "html-manager/dist";
  window.require.config({
    paths: {
      "@jupyter-widgets": dist,
      "@jupyter-widgets/html-manager/dist/libembed-amd": dist + "/libembed-amd",
    },
  });

  // 2. html-manager calls the MathJax 2 API, MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]), for
  //    widget labels; the book loads MathJax 3. Map it onto typesetPromise once MathJax 3 has started.
  function typeset(element) {
    var mj = window.MathJax;
    var ready = (mj.startup && mj.startup.promise) || Promise.resolve();
    return ready.then(function () {
      return mj.typesetPromise ? mj.typesetPromise(element ? [element] : undefined) : null;
    });
  }
  function installHub() {
    var mj = window.MathJax;
    if (!mj || mj.Hub || !mj.version) return;  // not loaded yet, already adapted, or still the config object
    mj.Hub = {
      Queue: function () {
        Array.prototype.forEach.call(arguments, function (job) {
          if (Array.isArray(job) && job[0] === "Typeset") typeset(job[2]).catch(console.error);
          else if (typeof job === "function") job();
        });
      },
    };
  }
  installHub();
  document.addEventListener("DOMContentLoaded", installHub);
  window.addEventListener("load", installHub);
})();
