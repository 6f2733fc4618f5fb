// A lesson page: the player that cannot skip (L7) and the reading clock.
// Video: no seeking past the furthest point played, playback rate held at 1, a heartbeat with that point every
// N seconds while playing; the server checks each against its own clock and may refuse it, and then the player
// goes back to the point the server holds. Text and documents: a heartbeat every N seconds while the page is
// visible; "I have read it" unlocks when the server has counted the minimum time.
(function () {
  "use strict";
  var root = document.querySelector("[data-lesson]");
  if (!root) return;
  var gettext = window.gettext || function (s) { return s; };
  var fmt = window.interpolate || function (s) { return s; };
  var state = JSON.parse(document.getElementById("lesson-progress").textContent);
  var interval = Math.max(1, state.heartbeat_seconds || 10) * 1000;
  var bar = root.querySelector("[data-bar]");
  var statusLine = root.querySelector("[data-status]");
  var refused = root.querySelector("[data-refused]");
  var done = root.querySelector("[data-done]");
  var readButton = root.querySelector("[data-read]");
  var readHint = root.querySelector("[data-read-hint]");
  var readForm = root.querySelector("[data-read-form]");

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body || {})
    }).then(function (r) {
      return r.json().then(function (data) { return { status: r.status, data: data }; });
    });
  }

  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function show(p) {
    state = p;
    var total = p.kind === "video" ? p.duration_seconds : p.min_seconds;
    var have = p.kind === "video" ? p.furthest_seconds : p.seconds_spent;
    var percent = p.completed ? 100 : total > 0 ? Math.min(100, Math.floor(have * 100 / total)) : 100;
    if (bar) bar.value = percent;
    if (p.kind === "video") {
      statusLine.textContent = fmt(gettext("Watched %s of %s"), [clock(p.furthest_seconds), clock(p.duration_seconds)]);
    } else {
      statusLine.textContent = fmt(gettext("Time on the lesson: %s"), [clock(p.seconds_spent)]);
    }
    if (p.completed) {
      done.hidden = false;
      if (readButton) { readButton.disabled = true; readButton.hidden = true; }
      if (readHint) readHint.textContent = "";
    } else if (readButton) {
      var left = Math.ceil(p.min_seconds - p.seconds_spent);
      readButton.disabled = left > 0;
      readHint.textContent = left > 0 ? fmt(gettext("You can confirm in %s."), [clock(left)]) : "";
    }
  }

  function warn(text) {
    if (!refused) return;
    refused.textContent = text;
    refused.hidden = !text;
  }

  var video = root.querySelector("[data-player]");
  if (video) {
    var furthest = state.furthest_seconds || 0;
    var timer = null;
    var sending = false;

    var beat = function () {
      if (sending) return Promise.resolve();
      sending = true;
      return post(root.dataset.heartbeatUrl, { position: furthest })
        .then(function (res) {
          if (res.status === 409) {
            furthest = res.data.furthest_seconds;
            if (video.currentTime > furthest) video.currentTime = furthest;
            warn(res.data.detail);
          } else if (res.status === 200) {
            warn("");
          }
          if (res.data && res.data.lesson) show(res.data);
        })
        .catch(function () { /* offline: the next heartbeat carries the position */ })
        .then(function () { sending = false; });
    };

    video.addEventListener("loadedmetadata", function () {
      if (furthest > 0 && !state.completed && furthest < video.duration - 1) video.currentTime = furthest;
    });
    video.addEventListener("timeupdate", function () {
      // Only continuous playback moves the furthest point; a jump would be a seek.
      if (!video.seeking && video.currentTime > furthest && video.currentTime - furthest < 1.5) {
        furthest = video.currentTime;
      }
    });
    video.addEventListener("seeking", function () {
      if (video.currentTime > furthest + 0.5) {
        video.currentTime = furthest;
        warn(gettext("The video cannot be skipped ahead."));
      }
    });
    video.addEventListener("ratechange", function () {
      if (video.playbackRate !== 1) video.playbackRate = 1;
    });
    video.addEventListener("play", function () {
      if (!timer) timer = window.setInterval(beat, interval);
    });
    video.addEventListener("pause", function () {
      window.clearInterval(timer);
      timer = null;
      beat();
    });
    video.addEventListener("ended", function () {
      window.clearInterval(timer);
      timer = null;
      furthest = Math.max(furthest, video.currentTime);
      beat();
    });
    show(state);
    beat();  // starts the server's clock for this viewing
  } else {
    var tick = function () {
      if (document.visibilityState !== "visible" || state.completed) return;
      post(root.dataset.heartbeatUrl, {}).then(function (res) {
        if (res.data && res.data.lesson) show(res.data);
      }).catch(function () {});
    };
    show(state);
    tick();
    window.setInterval(tick, interval);
    document.addEventListener("visibilitychange", tick);
    if (readForm) {
      readForm.addEventListener("submit", function (event) {
        event.preventDefault();
        readButton.disabled = true;
        post(root.dataset.completeUrl, {}).then(function (res) {
          if (res.status === 200) { show(res.data); warn(""); }
          else { warn(res.data.detail || ""); readButton.disabled = false; }
        }).catch(function () { readForm.submit(); });
      });
    }
  }
})();
