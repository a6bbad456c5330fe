// Comfort only: every page works without it. A select marked .autosubmit submits its form.
document.querySelectorAll("select.autosubmit").forEach(function (select) {
  select.addEventListener("change", function () {
    if (select.form) { select.form.submit(); }
  });
});
