// Progressive extras only: every form works without this file.
// 1. Phone photos are often 3–8 MB; shrink them before upload so nine fit in one post.
// 2. Disable a submit button once pressed (the server's Idempotency-Key is the real guard).
// 3. Ask before irreversible steps (withdraw).
(function () {
  "use strict";
  var MAX_SIDE = 1600, QUALITY = 0.85, SHRINK_ABOVE = 1024 * 1024;

  function shrink(file) {
    if (file.size <= SHRINK_ABOVE || !window.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) return resolve(file);
          var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
          resolve(new File([blob], name, { type: "image/jpeg" }));
        }, "image/jpeg", QUALITY);
      });
    }).catch(function () { return file; });
  }

  function shrinkInput(input) {
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length || typeof DataTransfer === "undefined") return Promise.resolve();
    return Promise.all(files.map(shrink)).then(function (smaller) {
      var transfer = new DataTransfer();
      smaller.forEach(function (f) { transfer.items.add(f); });
      input.files = transfer.files;
    }).catch(function () {});
  }

  function restore(button) {
    if (!button || !button.getAttribute("data-label")) return;
    button.disabled = false;
    button.textContent = button.getAttribute("data-label");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target, button = form.querySelector("button[type=submit]");
    var confirmText = button && button.getAttribute("data-confirm");
    if (confirmText && !window.confirm(confirmText)) { event.preventDefault(); return; }
    if (form.getAttribute("data-sending")) { event.preventDefault(); return; }
    form.setAttribute("data-sending", "1");
    if (button && button.getAttribute("data-busy")) {
      button.setAttribute("data-label", button.textContent);
      button.disabled = true;
      button.textContent = button.getAttribute("data-busy");
    }
    var photos = form.querySelector("input[type=file][name=photos]");
    if (!photos || !photos.files || !photos.files.length) return;
    var max = parseInt(form.getAttribute("data-max-photos") || "9", 10);
    if (photos.files.length > max) {
      event.preventDefault();
      form.removeAttribute("data-sending");
      restore(button);
      window.alert("照片最多" + max + "张，请重新选择。");
      return;
    }
    event.preventDefault();
    shrinkInput(photos).then(function () { form.submit(); });
  });

  // A page restored from the back/forward cache must be usable again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    Array.prototype.forEach.call(document.querySelectorAll("form[data-sending]"), function (form) {
      form.removeAttribute("data-sending");
      restore(form.querySelector("button[type=submit]"));
    });
  });
})();
