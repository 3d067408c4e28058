// The 办理单's print button (inline script is barred by the page's CSP).
document.getElementById("print-sheet").addEventListener("click", function (event) {
  event.preventDefault();
  window.print();
});
