// Counts a live question's timer down on the projector, from the seconds the page was sent with.
(function () {
  window.setInterval(function () {
    var timer = document.querySelector(".timer[data-seconds]");
    if (!timer) { return; }
    if (timer.dataset.start === undefined) { timer.dataset.start = String(Date.now()); }
    var left = Number(timer.dataset.seconds) - Math.floor((Date.now() - Number(timer.dataset.start)) / 1000);
    timer.querySelector("strong").textContent = String(Math.max(0, left));
  }, 250);
})();
