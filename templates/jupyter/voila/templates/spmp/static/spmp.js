// Two safety nets for what a person typed, in the browser itself.
// 1. Leaving a plan page that has unsaved typing asks first (the kernel marks the page
//    with the class spmp-dirty while the form differs from the saved version).
// 2. When the connection to the kernel is lost (server stopped, kernel culled or killed),
//    widgets stop working silently; say so plainly, and say how to get the typing back.
(function () {
  "use strict";
  // Voila's own beforeunload handler shuts the kernel down and drops its connection at once,
  // even when the person then chooses to stay; so while there is unsaved typing, ours (added
  // first) stops it from running. The kernel of a page left anyway is culled by the server.
  window.addEventListener("beforeunload", function (event) {
    if (document.querySelector(".spmp-dirty")) {
      event.stopImmediatePropagation();
      event.preventDefault();
      event.returnValue = "";
    }
  });
  // Voila's kernel-shutdown beacon sends the _xsrf cookie's value, but no Voila page makes
  // jupyter_server set that cookie, so the shutdown was refused (voila-dashboards/voila#1458)
  // and kernels piled up. A same-origin random token in the cookie and the beacon is the
  // double-submit check tornado performs.
  if (!/(^|;\s*)_xsrf=/.test(document.cookie)) {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var token = Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
    document.cookie = "_xsrf=" + token + "; path=/; SameSite=Strict";
  }
  var shown = false;
  function lost() {
    if (shown || !document.querySelector(".spmp-page")) { return; }
    var dead = document.querySelector(".jupyter-widgets-disconnected");
    if (!dead) { return; }
    shown = true;
    var box = document.createElement("div");
    box.className = "spmp-connection-lost";
    box.setAttribute("role", "alert");
    box.textContent = "The connection to the server was lost, so nothing more can be saved from " +
      "this page. Your typing up to a second or two ago is kept as a draft: reload the page and " +
      "choose \u201cRestore my changes\u201d.";
    document.body.insertBefore(box, document.body.firstChild);
  }
  window.setInterval(lost, 1000);
})();
