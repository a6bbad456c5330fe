/* Password lab: the strength is computed here, in the browser. The typed password has no
   name attribute, is never put in a form field that is sent, and never leaves the device:
   only the radio "strong" (true/false) is posted. */
(function () {
  "use strict";
  var COMMON = ["password", "qwerty", "123456", "12345678", "111111", "iloveyou", "admin",
    "qwerty123", "1q2w3e4r", "abc123", "йцукен", "пароль", "парол", "кұпиясөз", "qazaqstan", "kazakhstan"];
  var lab = document.querySelector(".password-lab");
  if (!lab) { return; }
  var box = lab.querySelector(".js-only");
  var input = lab.querySelector("[data-password-lab]");
  var meter = lab.querySelector(".lab-meter");
  var rules = lab.querySelector(".lab-rules");
  var yes = lab.querySelector("input[name=strong][value=true]");
  var no = lab.querySelector("input[name=strong][value=false]");
  box.hidden = false;
  lab.querySelector(".lab-self").hidden = true;
  no.checked = true;

  function kinds(p) {
    return [/[a-zа-яәғқңөұүһі]/, /[A-ZА-ЯӘҒҚҢӨҰҮҺІ]/, /[0-9]/, /[^0-9A-Za-zА-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]/]
      .filter(function (re) { return re.test(p); }).length;
  }

  function simple(p) {
    var low = p.toLowerCase();
    if (COMMON.indexOf(low) >= 0) { return true; }
    if (/^(.)\1+$/.test(p)) { return true; }
    return "0123456789abcdefghijklmnopqrstuvwxyz".indexOf(low) >= 0 || "qwertyuiop".indexOf(low) >= 0;
  }

  function check() {
    var p = input.value;
    var results = [
      [p.length >= 12, lab.dataset.length],
      [kinds(p) >= 3, lab.dataset.mix],
      [p.length > 0 && !simple(p), lab.dataset.common]
    ];
    var passed = results.filter(function (r) { return r[0]; }).length;
    rules.innerHTML = "";
    results.forEach(function (r) {
      var li = document.createElement("li");
      li.className = r[0] ? "ok" : "no";
      li.textContent = r[1];
      rules.appendChild(li);
    });
    var strong = passed === 3;
    meter.textContent = strong ? lab.dataset.strong : (passed === 2 ? lab.dataset.medium : lab.dataset.weak);
    yes.checked = strong;
    no.checked = !strong;
  }

  input.addEventListener("input", check);
  check();
})();
