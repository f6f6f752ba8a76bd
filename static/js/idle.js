/* Idle timeout (issue 21): two minutes before the server ends an idle session, say so and offer to stay. */
(function () {
  "use strict";
  var body = document.body;
  var timeout = parseInt(body.getAttribute("data-idle-timeout") || "0", 10);
  if (!timeout) return;
  var warnBefore = Math.min(120, Math.floor(timeout / 4));
  var warnTimer, endTimer, banner;

  function text(attribute) {
    return body.getAttribute(attribute) || "";
  }

  function hide() {
    if (banner) { banner.remove(); banner = null; }
  }

  function show() {
    hide();
    banner = document.createElement("div");
    banner.id = "idle-warning";
    banner.setAttribute("role", "alertdialog");
    banner.className = "alert alert-warning position-fixed bottom-0 end-0 m-3 shadow";
    banner.style.zIndex = 2000;
    var message = document.createElement("p");
    message.className = "mb-2";
    message.textContent = text("data-idle-warning");
    var button = document.createElement("button");
    button.type = "button";
    button.id = "idle-stay";
    button.className = "btn btn-primary btn-sm";
    button.textContent = text("data-idle-stay");
    button.addEventListener("click", function () {
      fetch(body.getAttribute("data-keepalive-url"), { credentials: "same-origin" }).then(function () {
        hide();
        arm();
      });
    });
    banner.appendChild(message);
    banner.appendChild(button);
    body.appendChild(banner);
    button.focus();
  }

  function arm() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(show, (timeout - warnBefore) * 1000);
    endTimer = setTimeout(function () {
      window.location.href = body.getAttribute("data-login-url") + "?next=" + encodeURIComponent(window.location.pathname);
    }, (timeout + 5) * 1000);
  }

  arm();
})();
