// Dismissing a notice is remembered in this browser only (localStorage), never sent anywhere: pages are cached
// whole for everyone, so the server cannot know who dismissed what. Emergency notices have no button.
(function () {
  "use strict";
  var STORE = "dismissed-notices";
  function dismissed() {
    try { return JSON.parse(window.localStorage.getItem(STORE) || "[]"); } catch (e) { return []; }
  }
  function remember(keys) {
    try { window.localStorage.setItem(STORE, JSON.stringify(keys.slice(-50))); } catch (e) { /* private mode */ }
  }
  var gone = dismissed();
  document.querySelectorAll("[data-notice]").forEach(function (notice) {
    var key = notice.getAttribute("data-notice");
    if (gone.indexOf(key) !== -1) { notice.hidden = true; return; }
    var button = notice.querySelector("[data-dismiss]");
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      notice.hidden = true;
      remember(dismissed().concat([key]));
      var main = document.getElementById("main");
      if (main) { main.focus(); }
    });
  });
}());
