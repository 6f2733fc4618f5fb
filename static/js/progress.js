// Long work in the background: poll its progress and show it in a <progress> bar; reload when it ends.
(function () {
  "use strict";
  document.querySelectorAll("[data-progress]").forEach(function (box) {
    var bar = box.querySelector("progress");
    var label = box.querySelector("[data-progress-label]");
    var count = box.querySelector("[data-progress-count]");
    function poll() {
      fetch(box.dataset.progress, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (state) {
          if (state.total) { bar.max = state.total; }
          bar.value = state.done || 0;
          if (label && state.status_label) label.textContent = state.status_label;
          if (count) count.textContent = (state.done || 0) + " / " + (state.total || 0);
          if (state.status === "running" || state.status === "queued" || state.status === "preview") {
            window.setTimeout(poll, 1000);
          } else {
            window.setTimeout(function () { window.location.reload(); }, 400);
          }
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    }
    if (!bar.value || bar.value < bar.max) poll();
  });
})();
