// A registry file upload that shows its progress: how much of the file has been sent, then
// that every row is being checked. Without this file the form posts as usual.
(function () {
  "use strict";

  function bind() {
    var form = document.querySelector("form[data-upload]");
    if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
    var box = form.querySelector(".upload-progress");
    var bar = box.querySelector("progress");
    var status = box.querySelector(".upload-status");

    function show(text, loaded, total) {
      box.hidden = false;
      status.textContent = text;
      if (total) { bar.max = total; bar.value = loaded; } else { bar.removeAttribute("value"); }
    }

    form.addEventListener("submit", function (event) {
      if (!form.querySelector("input[type=file]").files.length) { return; }
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action") || window.location.href);
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) { return; }
        var percent = Math.floor((100 * e.loaded) / e.total);
        show(form.getAttribute("data-sending") + ": " + percent + "%", e.loaded, e.total);
      });
      xhr.upload.addEventListener("load", function () {
        show(form.getAttribute("data-checking"));
      });
      xhr.addEventListener("load", function () {
        var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
        var fresh = doc.querySelector("main");
        var main = document.querySelector("main");
        if (!fresh || !main) { document.location.reload(); return; }
        main.innerHTML = fresh.innerHTML;
        document.title = doc.title;
        var heading = main.querySelector("[role=alert], [role=status], h1");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
        bind();
      });
      xhr.addEventListener("error", function () {
        show(form.getAttribute("data-failed"));
        button.disabled = false;
      });
      show(form.getAttribute("data-sending") + ": 0%", 0, 1);
      xhr.send(new FormData(form));
    });
  }

  bind();
})();
