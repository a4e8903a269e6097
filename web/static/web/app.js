// Progress for long actions (PDF, uploads): a "working" banner while the browser waits.
document.addEventListener("DOMContentLoaded", function () {
  var busy = document.getElementById("busy");
  function show() { if (busy) { busy.classList.add("on"); setTimeout(function () { busy.classList.remove("on"); }, 15000); } }
  document.querySelectorAll("[data-busy]").forEach(function (a) { a.addEventListener("click", show); });
  document.querySelectorAll("form[data-busy-form]").forEach(function (f) { f.addEventListener("submit", show); });
  document.querySelectorAll("form[id^='ev-']").forEach(function (f) { f.addEventListener("submit", show); });
  // an evidence file chosen: send it at once (the button stays for browsers without JavaScript)
  document.querySelectorAll("input[type=file][form^='ev-']").forEach(function (input) {
    input.addEventListener("change", function () { if (input.files.length) { show(); document.getElementById(input.getAttribute("form")).requestSubmit(); } });
  });
});
document.addEventListener("htmx:beforeRequest", function () { var b = document.getElementById("busy"); if (b) b.classList.add("on"); });
document.addEventListener("htmx:afterRequest", function () { var b = document.getElementById("busy"); if (b) b.classList.remove("on"); });
// which field changed: the form sends the request, so name the field for the server's answer
document.addEventListener("htmx:configRequest", function (evt) {
  var e = evt.detail.triggeringEvent;
  if (e && e.target && e.target.name) { evt.detail.parameters["_field"] = e.target.name; }
});
