// The archive page's print button (inline script is barred by the page's CSP).
document.getElementById("print-archive").addEventListener("click", function (event) {
  event.preventDefault();
  window.print();
});
