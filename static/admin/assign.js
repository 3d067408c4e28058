// The assign form: a unit chosen as lead is not offered as a co-unit (the server refuses
// that too). Without this script every unit shows, and the server's message says why.
(function () {
  var lead = document.querySelector("select[data-lead-unit]");
  var box = document.querySelector("[data-co-units]");
  if (!lead || !box) { return; }
  function hideLead() {
    box.querySelectorAll("[data-unit]").forEach(function (label) {
      var chosen = label.getAttribute("data-unit") === lead.value;
      label.hidden = chosen;
      if (chosen) { label.querySelector("input").checked = false; }
    });
  }
  lead.addEventListener("change", hideLead);
  hideLead();
})();
