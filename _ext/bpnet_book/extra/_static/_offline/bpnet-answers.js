/* Adds an answer form to each exercise box bpnet can check in the page (bpnet/widgets/static/answers.js, linked
   into bpnet-widgets.js; data: window.BPNET_ANSWERS from bpnet-answers-data.js, written by _ext/bpnet_book). */
(function () {
  function mount() {
    var api = window.bpnetWidgets, data = window.BPNET_ANSWERS;
    if (!api || !api.modules || !api.modules["answers.js"] || !data) {
      console.error("bpnet answers: bpnet-widgets.js and bpnet-answers-data.js must load before bpnet-answers.js");
      return;
    }
    api.modules["answers.js"].mountAnswers(document, data);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
