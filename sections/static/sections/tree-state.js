"use strict";
// The section tree keeps its open rows: treebeard's script reloads the list after every drag (to show the
// message), which would otherwise close every branch the editor had opened.
(function () {
  const KEY = `section-tree-open:${location.pathname}${location.search}`;
  const MAX_ROWS = 300; // more open rows than the large site has sections with subsections
  const TRIES = 50; // a branch's rows arrive from the server: wait for them up to 5 s

  function openIds() {
    return Array.from(document.querySelectorAll("#result_list tr[data-node-id]"))
      .filter((row) => row.querySelector("a.treebeard-expanded, a.treebeard-loading") && row.offsetParent !== null)
      .map((row) => row.dataset.nodeId)
      .slice(0, MAX_ROWS);
  }

  const pause = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

  async function reopen(ids) {
    // In the order they were on screen: a branch is open before the rows inside it are looked for.
    for (const id of ids) {
      let row = null;
      for (let attempt = 0; attempt < TRIES && !row; attempt += 1) {
        row = document.querySelector(`#result_list tr[data-node-id="${CSS.escape(id)}"]`);
        if (!row) await pause(100);
      }
      const toggle = row && row.querySelector("a.treebeard-collapse.treebeard-collapsed");
      if (toggle) toggle.click();
    }
  }

  window.addEventListener("pagehide", () => {
    try {
      sessionStorage.setItem(KEY, JSON.stringify(openIds()));
    } catch (error) {
      // Storage refused (private mode, full): the tree opens closed, as before.
    }
  });

  // After treebeard's own ready handler has drawn the arrows.
  window.addEventListener("load", () => {
    let ids = [];
    try {
      ids = JSON.parse(sessionStorage.getItem(KEY) || "[]");
    } catch (error) {
      ids = [];
    }
    if (Array.isArray(ids) && ids.length) reopen(ids.slice(0, MAX_ROWS).map(String));
  });
})();
