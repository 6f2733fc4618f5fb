// The exam page (L3): palette, server-clock timer, one-by-one saves with an offline queue,
// keyboard operation, integrity events. The server decides; this page only asks and shows.
(function () {
  "use strict";
  var root = document.getElementById("exam");
  if (!root) return;
  var _ = window.gettext || function (s) { return s; };
  var interpolate = window.interpolate || function (fmt, args) { return fmt.replace(/%s/g, function () { return args.shift(); }); };
  var data = JSON.parse(document.getElementById("attempt-data").textContent);
  var api = root.dataset.api;
  var resultUrl = root.dataset.resultUrl;
  var storeKey = "exam:" + data.id;

  // --- the server's clock: performance.now() is monotonic, so changing the computer's clock changes nothing
  var loadPerf = performance.now();
  var serverAtLoad = Date.parse(data.server_time);
  var deadline = Date.parse(data.deadline);
  function serverNow() { return serverAtLoad + (performance.now() - loadPerf); }

  // --- state
  var questions = data.questions;
  var byId = {};
  questions.forEach(function (q, i) { q.index = i; byId[q.id] = q; });
  var answers = {};      // question id -> [choice ids]
  var savedSeq = {};     // question id -> seq acknowledged by the server
  Object.keys(data.answers).forEach(function (qid) {
    var value = data.answers[qid];
    answers[qid] = Array.isArray(value) ? value : [value];
  });
  Object.keys(data.seqs || {}).forEach(function (qid) { savedSeq[qid] = data.seqs[qid]; });
  var stored = {};
  try { stored = JSON.parse(localStorage.getItem(storeKey) || "{}"); } catch (e) { stored = {}; }
  var queue = stored.queue || {};      // question id -> {choices, seq}  (not yet acknowledged)
  var seqCounter = Math.max(stored.seq || 0, Math.max.apply(null, [0].concat(Object.values(savedSeq))));
  // Answers given offline before a reload win over the server's older copy.
  Object.keys(queue).forEach(function (qid) {
    if (!byId[qid] || (savedSeq[qid] || 0) >= queue[qid].seq) { delete queue[qid]; return; }
    answers[qid] = queue[qid].choices;
  });
  var current = 0;
  var finished = false;
  var sequential = data.navigation === "sequential";
  var furthest = 0;

  function persist() {
    try { localStorage.setItem(storeKey, JSON.stringify({ queue: queue, seq: seqCounter })); } catch (e) { /* full */ }
  }

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  function request(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(), "Accept": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  // --- rendering
  var questionEl = root.querySelector("[data-question]");
  var paletteEl = root.querySelector("[data-palette]");
  var saveEl = root.querySelector("[data-save-state]");
  var offlineEl = root.querySelector("[data-offline]");
  var timerEl = root.querySelector("[data-timer]");
  var announceEl = root.querySelector("[data-timer-announce]");
  var pausedEl = root.querySelector("[data-paused]");

  function isAnswered(q) { return (answers[q.id] || []).length > 0; }

  function renderPalette() {
    paletteEl.innerHTML = "";
    questions.forEach(function (q, i) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "pal";
      if (isAnswered(q)) b.classList.add("pal--answered");
      if (q.flagged) b.classList.add("pal--flagged");
      if (queue[q.id]) b.classList.add("pal--pending");
      if (i === current) { b.classList.add("pal--current"); b.setAttribute("aria-current", "true"); }
      b.textContent = String(i + 1);
      var state = isAnswered(q) ? _("answered") : _("not answered");
      if (q.flagged) state += ", " + _("marked for review");
      b.setAttribute("aria-label", interpolate(_("Question %s"), [i + 1]) + ": " + state);
      if (sequential && i < furthest) b.disabled = true;
      b.addEventListener("click", function () { go(i); });
      paletteEl.appendChild(b);
    });
  }

  function renderQuestion() {
    var q = questions[current];
    var chosen = answers[q.id] || [];
    var html = '<p class="exam__meta">' + interpolate(_("Question %s of %s"), [current + 1, questions.length]) +
      (q.section ? ' · <span>' + escapeHtml(q.section) + "</span>" : "") + "</p>";
    html += '<div class="exam__text qtext" id="qtext">' + q.text + "</div>";
    if (q.image) html += '<img class="exam__image" src="' + escapeHtml(q.image) + '" alt="">';
    html += '<fieldset class="exam__choices" aria-labelledby="qtext"><legend class="visually-hidden">' + _("Answers") + "</legend>";
    q.choices.forEach(function (c, i) {
      var id = "c" + c.id;
      html += '<label class="exam__choice" for="' + id + '"><input type="' + (q.multiple ? "checkbox" : "radio") +
        '" name="choice" id="' + id + '" value="' + c.id + '"' + (chosen.indexOf(c.id) >= 0 ? " checked" : "") + ">" +
        '<span class="exam__letter">' + "ABCDEFGHIJ"[i] + "</span><span class=\"exam__choice-text\">" + c.text + "</span></label>";
    });
    html += "</fieldset>";
    html += '<div class="exam__nav actions">' +
      '<button type="button" class="btn btn--ghost" data-prev' + (current === 0 || sequential ? " disabled" : "") + ">← " + _("Previous") + "</button>" +
      '<button type="button" class="btn btn--ghost" data-flag aria-pressed="' + (q.flagged ? "true" : "false") + '">' +
      (q.flagged ? _("Unmark") : _("Mark for review")) + "</button>" +
      '<button type="button" class="btn btn--ghost" data-clear' + (chosen.length ? "" : " disabled") + ">" + _("Clear answer") + "</button>" +
      '<button type="button" class="btn btn--primary" data-next' + (current === questions.length - 1 ? " disabled" : "") + ">" + _("Next") + " →</button></div>";
    questionEl.innerHTML = html;
    questionEl.querySelectorAll("input[name=choice]").forEach(function (input) {
      input.addEventListener("change", function () { choose(q, input); });
    });
    questionEl.querySelector("[data-prev]").addEventListener("click", function () { go(current - 1); });
    questionEl.querySelector("[data-next]").addEventListener("click", function () { go(current + 1); });
    questionEl.querySelector("[data-flag]").addEventListener("click", function () { toggleFlag(q); });
    questionEl.querySelector("[data-clear]").addEventListener("click", function () { setAnswer(q, []); renderQuestion(); });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }

  function go(i) {
    if (i < 0 || i >= questions.length) return;
    if (sequential && i < furthest) return;
    current = i;
    furthest = Math.max(furthest, i);
    renderQuestion();
    renderPalette();
    var first = questionEl.querySelector("input[name=choice]:checked") || questionEl.querySelector("input[name=choice]");
    if (first && document.activeElement && document.activeElement.tagName !== "BUTTON") first.focus({ preventScroll: true });
  }

  function choose(q, input) {
    var id = parseInt(input.value, 10);
    var next;
    if (q.multiple) {
      next = (answers[q.id] || []).filter(function (c) { return c !== id; });
      if (input.checked) next.push(id);
    } else {
      next = [id];
    }
    setAnswer(q, next);
    var clear = questionEl.querySelector("[data-clear]");
    if (clear) clear.disabled = next.length === 0;
  }

  function setAnswer(q, choices) {
    if (finished) return;
    answers[q.id] = choices;
    seqCounter += 1;
    queue[q.id] = { choices: choices, seq: seqCounter };
    persist();
    renderPalette();
    flush();
  }

  function toggleFlag(q) {
    q.flagged = !q.flagged;
    renderQuestion();
    renderPalette();
    request("PUT", api + "/flags/" + q.id, { flagged: q.flagged }).catch(function () { /* a flag is a hint */ });
  }

  // --- saving: one request per answer, retried until acknowledged
  var flushing = false;
  var online = navigator.onLine;

  function showSaveState() {
    var pending = Object.keys(queue).length;
    offlineEl.hidden = online;
    if (!pending) {
      saveEl.textContent = _("All answers saved");
      saveEl.className = "exam__save is-saved";
    } else {
      saveEl.textContent = online ? _("Saving…") : interpolate(_("%s answers not yet saved"), [pending]);
      saveEl.className = "exam__save is-pending";
    }
  }

  function flush() {
    showSaveState();
    if (flushing || finished) return Promise.resolve();
    var ids = Object.keys(queue);
    if (!ids.length) return Promise.resolve();
    flushing = true;
    var qid = ids[0];
    var item = queue[qid];
    var body = byId[qid].multiple ? { choices: item.choices, seq: item.seq } : { choice: item.choices.length ? item.choices[0] : null, seq: item.seq };
    return request("PUT", api + "/answers/" + qid, body).then(function (response) {
      online = true;
      if (response.ok) {
        return response.json().then(function (ack) {
          savedSeq[qid] = ack.seq;
          if (queue[qid] && queue[qid].seq <= ack.seq) delete queue[qid];
          persist();
        });
      }
      if (response.status === 409) { delete queue[qid]; persist(); return refreshState(true); }
      return response.json().then(function (err) {
        delete queue[qid];
        persist();
        window.alert(err.detail || _("This answer could not be saved."));
      });
    }).catch(function () {
      online = false;
      window.setTimeout(function () { flushing = false; flush(); }, 3000);
      throw new Error("offline");
    }).then(function () {
      flushing = false;
      renderPalette();
      showSaveState();
      if (Object.keys(queue).length) return flush();
    }, function () { showSaveState(); });
  }

  window.addEventListener("online", function () { online = true; flush(); });
  window.addEventListener("offline", function () { online = false; showSaveState(); });

  // --- timer; screen readers hear it only at 10, 5 and 1 minutes
  var announced = {};
  function tick() {
    var left = Math.max(0, deadline - serverNow());
    var total = Math.floor(left / 1000);
    var h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    timerEl.textContent = (h ? h + ":" + String(m).padStart(2, "0") : String(m)) + ":" + String(s).padStart(2, "0");
    timerEl.classList.toggle("is-low", total <= 300);
    [10, 5, 1].forEach(function (mark) {
      if (total <= mark * 60 && total > mark * 60 - 5 && !announced[mark]) {
        announced[mark] = true;
        announceEl.textContent = interpolate(_("%s minutes left"), [mark]);
      }
    });
    if (left <= 0 && !finished) { finish(false); return; }
    window.setTimeout(tick, 250);
  }

  // --- finishing
  var dialog = root.querySelector("[data-confirm-dialog]");
  var finishForm = root.querySelector("[data-finish-form]");

  function finish(askFirst) {
    if (finished) return;
    var unanswered = questions.filter(function (q) { return !isAnswered(q); }).length;
    if (askFirst && deadline - serverNow() > 0 && dialog && dialog.showModal) {
      root.querySelector("[data-confirm-text]").textContent =
        interpolate(_("Time remains. Unanswered questions: %s. After finishing, answers cannot be changed."), [unanswered]);
      dialog.returnValue = "";
      dialog.showModal();
      dialog.addEventListener("close", function onClose() {
        dialog.removeEventListener("close", onClose);
        if (dialog.returnValue === "yes") finish(false);
      });
      return;
    }
    finished = true;
    saveEl.textContent = _("Finishing…");
    // Send what is queued first, then submit; if the network is gone the server submits at the deadline.
    var pending = Object.keys(queue);
    var sendAll = pending.reduce(function (p, qid) {
      return p.then(function () {
        var item = queue[qid];
        var body = byId[qid].multiple ? { choices: item.choices, seq: item.seq } : { choice: item.choices.length ? item.choices[0] : null, seq: item.seq };
        return request("PUT", api + "/answers/" + qid, body).then(function (r) { if (r.ok) { delete queue[qid]; } }).catch(function () {});
      });
    }, Promise.resolve());
    sendAll.then(function () {
      persist();
      return request("POST", api + "/submit");
    }).then(function () {
      try { localStorage.removeItem(storeKey); } catch (e) { /* ignore */ }
      window.removeEventListener("beforeunload", beforeUnload);
      window.location.href = resultUrl;
    }).catch(function () {
      saveEl.textContent = _("No connection: the test will be submitted by the server at the deadline with your saved answers.");
      window.setTimeout(function () { window.location.href = resultUrl; }, 5000);
    });
  }

  finishForm.addEventListener("submit", function (event) { event.preventDefault(); finish(true); });

  function beforeUnload(event) {
    if (finished) return;
    event.preventDefault();
    event.returnValue = "";
  }
  window.addEventListener("beforeunload", beforeUnload);

  // --- integrity events (logged; the blueprint may pause the attempt)
  function report(kind) {
    if (finished) return;
    request("POST", api + "/events", { kind: kind, client_time: new Date().toISOString() })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (ack) { if (ack && ack.paused) showPaused(); })
      .catch(function () {});
  }
  window.addEventListener("blur", function () { report("blur"); });
  document.addEventListener("visibilitychange", function () { if (document.hidden) report("hidden"); });
  document.addEventListener("copy", function () { report("copy"); });
  document.addEventListener("paste", function () { report("paste"); });
  document.addEventListener("fullscreenchange", function () { if (!document.fullscreenElement) report("fullscreen_exit"); });
  var fullscreenButton = root.querySelector("[data-fullscreen]");
  if (fullscreenButton && document.documentElement.requestFullscreen) {
    fullscreenButton.addEventListener("click", function () { document.documentElement.requestFullscreen().catch(function () {}); });
  } else if (fullscreenButton) {
    fullscreenButton.hidden = true;
  }

  function showPaused() {
    pausedEl.hidden = false;
    window.setTimeout(function () { refreshState(false); }, 5000);
  }

  function refreshState(afterClose) {
    return fetch(api, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (fresh) {
        if (fresh.state !== "open") {
          finished = true;
          window.removeEventListener("beforeunload", beforeUnload);
          window.location.href = resultUrl;
          return;
        }
        deadline = Date.parse(fresh.deadline);
        serverAtLoad = Date.parse(fresh.server_time);
        loadPerf = performance.now();
        if (fresh.paused) { showPaused(); } else { pausedEl.hidden = true; }
        if (afterClose) window.alert(_("Time is over; this answer was not saved."));
      }).catch(function () {});
  }

  // --- keyboard
  document.addEventListener("keydown", function (event) {
    if (event.target && /INPUT|TEXTAREA|SELECT/.test(event.target.tagName) && event.target.type !== "radio" && event.target.type !== "checkbox") return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var q = questions[current];
    var key = event.key;
    if (key === "ArrowRight" || key === "PageDown") { go(current + 1); event.preventDefault(); return; }
    if (key === "ArrowLeft" || key === "PageUp") { go(current - 1); event.preventDefault(); return; }
    if (key === "m" || key === "M") { toggleFlag(q); event.preventDefault(); return; }
    var index = "123456".indexOf(key);
    if (index < 0) index = "abcdef".indexOf(key.toLowerCase());
    if (index >= 0 && index < q.choices.length) {
      var input = questionEl.querySelectorAll("input[name=choice]")[index];
      input.checked = q.multiple ? !input.checked : true;
      choose(q, input);
      input.focus();
      event.preventDefault();
    }
  });

  if (data.paused) showPaused();
  go(0);
  tick();
  flush();
})();
