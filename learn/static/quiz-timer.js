/* Quiz countdown: progressive enhancement of the "Submit by 14:35" line of a timed attempt.
   Counts down from the seconds the server computed (the phone's clock may be wrong),
   announces 5 minutes and 1 minute left, and submits the form when the time is up so that
   answers arrive within the server's grace period. Without JavaScript nothing changes. */
(function () {
  "use strict";
  var timer = document.querySelector("[data-quiz-timer]");
  if (!timer) { return; }
  var remaining = parseInt(timer.getAttribute("data-remaining"), 10);
  var form = document.getElementById(timer.getAttribute("data-form"));
  var output = timer.querySelector("[data-quiz-timer-output]");
  var live = document.querySelector("[data-quiz-timer-live]");
  if (isNaN(remaining) || !form || !output) { return; }
  var endAt = Date.now() + remaining * 1000;
  var template = timer.getAttribute("data-text") || "{time}";
  var announced = {};
  var handle = null;

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function clock(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    return (h > 0 ? h + ":" + pad(m) : String(m)) + ":" + pad(s);
  }

  function announce(key) {
    var text = timer.getAttribute("data-warn-" + key);
    if (announced[key] || !text || !live) { return; }
    announced[key] = true;
    live.textContent = text;
  }

  function submitNow() {
    if (form.getAttribute("data-submitting")) { return; }
    form.setAttribute("data-submitting", "1");
    var action = document.createElement("input");
    action.type = "hidden";
    action.name = "action";
    action.value = "submit-anyway";
    form.appendChild(action);
    form.submit();
  }

  function tick() {
    var left = Math.max(0, Math.round((endAt - Date.now()) / 1000));
    output.textContent = template.replace("{time}", clock(left));
    if (left <= 300 && left > 60) { announce("5"); }
    if (left <= 60 && left > 0) { announce("1"); }
    if (left === 0) {
      announce("0");
      if (handle !== null) { clearInterval(handle); }
      submitNow();
    }
  }

  timer.removeAttribute("hidden");
  tick();
  if (!form.getAttribute("data-submitting")) { handle = setInterval(tick, 1000); }
})();
