// The one script of ours next to htmx. htmx 2 does not swap error responses (only 2xx and the
// 422 of a form with errors), so without this a failed request would look like nothing happened.
(function () {
  "use strict";

  function showMessage(text) {
    var region = document.getElementById("flash");
    if (!region || !text) {
      return;
    }
    var message = document.createElement("p");
    message.className = "flash-message flash-error";
    message.textContent = text;
    region.replaceChildren(message);
  }

  // Error responses carry a fragment with a [data-error-message] element; read its text only,
  // never insert the markup.
  function messageFrom(xhr) {
    if (!xhr || !xhr.responseText) {
      return "";
    }
    var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
    var node = doc.querySelector("[data-error-message]");
    return node ? node.textContent.trim() : "";
  }

  document.addEventListener("htmx:responseError", function (event) {
    showMessage(messageFrom(event.detail.xhr) || document.body.dataset.msgServerError);
  });
  document.addEventListener("htmx:sendError", function () {
    showMessage(document.body.dataset.msgNetworkError);
  });
})();
