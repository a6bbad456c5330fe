/* Pupils' pages, progressive: "read aloud" where the device has a voice, printing. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var lang = document.documentElement.lang || "kk";

  function voiceFor(code) {
    var voices = window.speechSynthesis ? window.speechSynthesis.getVoices() : [];
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().indexOf(code) === 0) { return voices[i]; }
    }
    return null;
  }

  function addReadAloud() {
    var first = document.querySelector("[data-read]");
    if (!first || !window.speechSynthesis || !voiceFor(lang) || document.querySelector(".read-aloud")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "read-aloud";
    button.textContent = lang === "ru" ? "🔊 Прочитать вслух" : "🔊 Дауыстап оқу";
    button.addEventListener("click", function () {
      var parts = [];
      document.querySelectorAll("[data-read], .choice span, .mock-part span, .order-row label, .pair label").forEach(function (el) {
        parts.push(el.textContent.trim());
      });
      var utterance = new SpeechSynthesisUtterance(parts.join(". "));
      utterance.lang = lang === "ru" ? "ru-RU" : "kk-KZ";
      utterance.voice = voiceFor(lang);
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(utterance);
    });
    first.parentNode.insertBefore(button, first.nextSibling);
  }

  if (window.speechSynthesis) {
    addReadAloud();
    window.speechSynthesis.addEventListener("voiceschanged", addReadAloud);
  }

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // A double tap must not send the form twice (the server would answer the same anyway).
  document.querySelectorAll("form.item-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      if (button) { setTimeout(function () { button.disabled = true; }, 0); }
    });
  });
})();
