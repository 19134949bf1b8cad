// The one script of ours next to htmx: a few behaviours htmx has no attribute for, written so the
// page also works without them (every control is a plain form control first).
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

  function parse(xhr) {
    return new DOMParser().parseFromString(xhr.responseText || "", "text/html");
  }

  // htmx 2 swaps only 2xx and the 422 of a form with errors. Another error status that carries a
  // new version of the swap target (a form re-rendered with a 400 or 413 message next to its
  // field) is swapped too; anything else leaves the page as it is and shows the server's message
  // from the [data-error-message] of its error fragment in the status region. Only text is read
  // from an error fragment, never its markup.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (detail.xhr.status < 400 || detail.shouldSwap) {
      return;
    }
    var target = detail.target;
    if (target && target.id && parse(detail.xhr).getElementById(target.id)) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
  });
  document.addEventListener("htmx:responseError", function (event) {
    var node = parse(event.detail.xhr).querySelector("[data-error-message]");
    showMessage((node && node.textContent.trim()) || document.body.dataset.msgServerError);
  });
  document.addEventListener("htmx:sendError", function () {
    showMessage(document.body.dataset.msgNetworkError);
  });

  // Choosing a requirements template replaces the text only after asking, and only when there is
  // text to lose; choosing the placeholder does nothing.
  document.addEventListener("htmx:confirm", function (event) {
    var select = event.detail.elt;
    if (!select.matches || !select.matches("[data-confirm-overwrite]")) {
      return;
    }
    event.preventDefault();
    var text = document.getElementById("requirements");
    if (!select.value) {
      return;
    }
    if (!text || text.value.trim() === "" || window.confirm(select.dataset.confirmOverwrite)) {
      event.detail.issueRequest(true);
    } else {
      select.value = "";
    }
  });

  // Removing a deliverable row needs no server: drop it and keep the keyboard focus nearby.
  // Without JavaScript the same button posts the form, which comes back without the row.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-remove-row]");
    if (!button) {
      return;
    }
    event.preventDefault();
    var row = button.closest(".deliverable-row");
    var next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    var focus = next && next.querySelector("input");
    if (focus) {
      focus.focus();
    }
  });

  // Focus the first row added with "add row", so typing can go on at once.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "deliverable-rows") {
      var inputs = event.detail.target.querySelectorAll(".deliverable-row:last-child input");
      if (inputs.length) {
        inputs[0].focus();
      }
    }
  });

  // A deliverable's name links to its breakdown further down: open the breakdown as well as
  // scroll to it (without a script the link still scrolls there).
  function openDetails(hash) {
    var target = hash && hash.length > 1 && document.getElementById(decodeURIComponent(hash.slice(1)));
    if (target && target.tagName === "DETAILS") {
      target.open = true;
    }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-open-details]");
    if (link) {
      openDetails(link.hash);
    }
  });
  window.addEventListener("hashchange", function () {
    openDetails(window.location.hash);
  });
  openDetails(window.location.hash);

  // On the new-estimate form the language switch is a submit button of the form, so the form
  // comes back in the other language with everything typed kept. It is sent as a plain
  // submission: htmx would swap the form alone, not the page around it.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-relang]");
    if (!button || !button.form) {
      return;
    }
    event.preventDefault();
    var form = button.form;
    var op = document.createElement("input");
    op.type = "hidden";
    op.name = button.name;
    op.value = button.value;
    form.appendChild(op);
    form.setAttribute("action", button.getAttribute("formaction"));
    // A control named "submit" would hide the method, so call the prototype's.
    HTMLFormElement.prototype.submit.call(form);
  });

  // The elapsed time of a run counts on between polls: a poll answered "nothing changed" (204)
  // leaves the section, and its time, as they were. Each count starts from the seconds the
  // server rendered, from the moment it is first seen.
  window.setInterval(function () {
    var now = Date.now();
    document.querySelectorAll("[data-elapsed]").forEach(function (node) {
      if (!node.dataset.elapsedSeen) {
        node.dataset.elapsedSeen = String(now);
        return;
      }
      var seconds = Number(node.dataset.elapsed) + Math.floor((now - Number(node.dataset.elapsedSeen)) / 1000);
      node.textContent = node.dataset.elapsedText.replace("{seconds}", String(seconds));
    });
  }, 1000);

  // The quotation's print button; without a script the browser's own Print does the same.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
