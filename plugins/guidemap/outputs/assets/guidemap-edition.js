/* A newsletter edition's page (outputs/editions/page.py): the "copy" button of the LINE text.
   It shows only where the browser can copy (a secure page with the clipboard API); the text
   stays selectable in its box either way. Nothing runs before the visitor taps. */
(function () {
  "use strict";
  function ready() {
    Array.prototype.forEach.call(document.querySelectorAll(".gm-edition__copy"), function (button) {
      var box = document.getElementById(button.getAttribute("data-copy"));
      var status = button.parentNode.querySelector(".gm-edition__status");
      if (!box || !navigator.clipboard || !navigator.clipboard.writeText || !window.isSecureContext) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(box.value).then(
          function () { if (status) status.textContent = "คัดลอกแล้ว · Copied"; },
          function () { if (status) status.textContent = "คัดลอกไม่ได้ · Could not copy"; });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
