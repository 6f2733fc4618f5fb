// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  var gettext = window.gettext || function (s) { return s; };

  // Forms marked data-loading: show a spinner and block double submits.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (form.hasAttribute("data-loading")) {
      var button = event.submitter || form.querySelector("[type=submit]");
      if (button) {
        // Let the browser send the button's name/value before disabling it.
        window.setTimeout(function () { button.disabled = true; button.classList.add("is-loading"); }, 0);
      }
    }
  });

  // Buttons with data-wait="N": count down before they can be used (SMS resend).
  document.querySelectorAll("[data-wait]").forEach(function (button) {
    var left = parseInt(button.dataset.wait, 10) || 0;
    var label = button.textContent;
    var template = button.dataset.waitLabel || "%s";
    function tick() {
      if (left <= 0) { button.disabled = false; button.textContent = label; return; }
      button.disabled = true;
      button.textContent = template.replace("%s", left);
      left -= 1;
      window.setTimeout(tick, 1000);
    }
    tick();
  });

  // Close an open drop-down menu when clicking elsewhere or pressing Escape.
  function closeMenus(except) {
    document.querySelectorAll("details[data-menu][open]").forEach(function (d) { if (d !== except) d.removeAttribute("open"); });
  }
  document.addEventListener("click", function (event) { closeMenus(event.target.closest("details[data-menu]")); });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") closeMenus(null); });

  // A select whose options depend on another field of its form (data-options-for="group"): when that field
  // changes, the options are loaded from data-options-url?group=<value> as {"options": [{id, name}]}. The choice
  // is kept when it is still offered; the server checks it again on submit.
  document.querySelectorAll("select[data-options-url][data-options-for]").forEach(function (select) {
    var name = select.dataset.optionsFor;
    var source = select.form && select.form.elements.namedItem(name);
    if (!source) return;
    var first = select.options[0];
    var hadBlank = Boolean(first && first.value === "");
    var blankLabel = hadBlank ? first.textContent : "---------";
    var original = Array.prototype.filter.call(select.options, function (o) { return o.value !== ""; });
    var latest = 0;
    function fill(options) {
      var keep = select.value;
      var offered = options.some(function (o) { return o.value === keep; });
      if (hadBlank || !offered) {
        var blank = document.createElement("option");
        blank.value = "";
        blank.textContent = blankLabel;
        options = [blank].concat(options);
      }
      select.replaceChildren.apply(select, options);
      select.value = offered ? keep : "";
    }
    source.addEventListener("change", function () {
      var request = ++latest;
      if (!source.value) { fill(original); return; }
      var url = select.dataset.optionsUrl + "?" + encodeURIComponent(name) + "=" + encodeURIComponent(source.value);
      select.setAttribute("aria-busy", "true");
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (data) {
          if (request !== latest) return;  // a later change has already asked again
          fill(data.options.map(function (item) {
            var option = document.createElement("option");
            option.value = String(item.id);
            option.textContent = item.name;
            return option;
          }));
        })
        .catch(function () { /* keep the current list; the server still checks the choice */ })
        .then(function () { if (request === latest) select.removeAttribute("aria-busy"); });
    });
  });

  // Photo form: preview the chosen file before upload.
  var input = document.querySelector("input[type=file][accept^=image]");
  var preview = document.querySelector("[data-preview]");
  if (input && preview) {
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file || !file.type.startsWith("image/")) return;
      var img = document.createElement("img");
      img.className = "avatar avatar--xl";
      img.alt = "";
      img.src = URL.createObjectURL(file);
      preview.replaceWith(img);
      preview = img;
    });
  }
})();
