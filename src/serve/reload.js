// digest serve: live reload and the error overlay. Only `digest serve` adds this script to the
// pages it serves; built sites never carry it. It is external and same-origin, so the site's
// Content-Security-Policy (script-src 'self'; connect-src 'self') lets it run; the overlay is
// built with DOM calls and textContent, never from HTML.
(function () {
  "use strict";
  var script = document.currentScript;
  var loaded = script ? script.getAttribute("data-generation") : null;
  var OVERLAY = "digest-serve-overlay";

  function removeOverlay() {
    var old = document.getElementById(OVERLAY);
    if (old) old.remove();
  }

  function el(tag, style, text) {
    var node = document.createElement(tag);
    Object.assign(node.style, style);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showOverlay(status) {
    removeOverlay();
    var box = el("div", {
      position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto",
      background: "rgba(20, 20, 24, 0.94)", color: "#f4f4f5", padding: "2rem",
      font: "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"
    });
    box.id = OVERLAY;
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-label", "digest: build errors");
    var title = status.errors === 1 ? "1 error" : status.errors + " errors";
    box.appendChild(el("h2", { font: "bold 18px/1.3 system-ui, sans-serif", margin: "0 0 0.5rem", color: "#ff8080" },
      "digest serve: the site has " + title));
    box.appendChild(el("p", { margin: "0 0 1rem", font: "14px/1.4 system-ui, sans-serif", color: "#c4c4cc" },
      "The last good version is still served under this message. Fix the file and save: " +
      "the page reloads by itself."));
    box.appendChild(el("pre", { whiteSpace: "pre-wrap", margin: "0" }, status.human || ""));
    var close = el("button", {
      position: "absolute", top: "1rem", right: "1rem", font: "inherit", cursor: "pointer"
    }, "Hide");
    close.type = "button";
    close.addEventListener("click", removeOverlay);
    box.appendChild(close);
    (document.body || document.documentElement).appendChild(box);
  }

  // Looks at the status; reloads when asked and the site builds, else shows the errors.
  function check(reload) {
    fetch("/__digest/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (status) {
        if (!status.ok) {
          showOverlay(status);
        } else if (reload || document.getElementById(OVERLAY) ||
                   (loaded !== null && String(status.generation) !== loaded)) {
          location.reload();
        }
      })
      .catch(function () {});
  }

  var events = new EventSource("/__digest/events");
  events.addEventListener("hello", function () { check(false); });
  events.addEventListener("reload", function () { check(true); });
  events.addEventListener("failed", function () { check(false); });
})();
