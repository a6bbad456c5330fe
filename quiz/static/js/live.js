// Live class hour: follow the teacher without reloading the whole page.
// The page works without this file (it refreshes itself by <noscript> meta refresh).
// Pupil's page (#live-area): poll the small state JSON every second with If-None-Match; when
// the session moved on, fetch this page again and swap only the live area.
// Projector (#stage-live): poll the teacher's status JSON; swap the stage when anything changed.
(function () {
  "use strict";
  var area = document.getElementById("live-area") || document.getElementById("stage-live");
  if (!area || !window.fetch) { return; }
  var stateUrl = area.getAttribute("data-state-url");
  var pupil = area.id === "live-area";
  var period = pupil ? 1000 : 1500;
  var etag = null;
  var busy = false;

  function swap() {
    return fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status !== 200) { window.location.reload(); return null; }
        return response.text();
      })
      .then(function (html) {
        if (html === null) { return; }
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById(area.id);
        if (!fresh) { window.location.reload(); return; }
        var moved = area.getAttribute("data-state") !== fresh.getAttribute("data-state") ||
          area.getAttribute("data-item") !== fresh.getAttribute("data-item");
        Array.prototype.forEach.call(fresh.attributes, function (attr) {
          area.setAttribute(attr.name, attr.value);
        });
        area.innerHTML = fresh.innerHTML;
        document.title = doc.title;
        var heading = area.querySelector("h1");
        if (moved && heading && pupil) { heading.focus(); }
      });
  }

  // Should the area be fetched again for this state? A pupil's form in progress is kept
  // unless the question itself changed (a rename or a lock also bump the version).
  function changed(state) {
    var sameItem = area.getAttribute("data-state") === state.state &&
      area.getAttribute("data-item") === (state.item_id || "");
    if (String(state.version) === area.getAttribute("data-version")) { return false; }
    // The teacher is renaming a pupil: wait until the form is closed.
    if (!pupil && area.querySelector("details[open]")) { return false; }
    if (sameItem && area.querySelector("form.item-form")) {
      area.setAttribute("data-version", state.version);
      return false;
    }
    return true;
  }

  function tick() {
    if (busy || document.hidden) { return; }
    busy = true;
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(stateUrl, { credentials: "same-origin", headers: headers, cache: "no-store" })
      .then(function (response) {
        if (response.status === 304) { return null; }
        if (response.status === 404 || response.status === 401) { window.location.reload(); return null; }
        if (!response.ok) { return null; }
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then(function (state) {
        if (state && changed(state)) { return swap(); }
        return null;
      })
      .catch(function () { /* lost network: the next tick tries again */ })
      .then(function () { busy = false; });
  }

  window.setInterval(tick, period);
  document.addEventListener("visibilitychange", tick);
})();
