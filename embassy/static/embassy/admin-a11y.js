/*
 * Names for the admin's unnamed controls, so that screen readers announce every field and button.
 *
 * Django's tabular inlines label their fields only by the column heading, its split
 * date/time widgets have no <label> for their two inputs, and treebeard's expand
 * buttons and image-only links have no text. This names each of them from what a
 * sighted editor reads next to it. It runs again whenever the page adds rows
 * (inline "Add another", treebeard expanding a branch).
 */
(function () {
  "use strict";

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").replace(/[:*]\s*$/, "").trim() : "";
  }

  function hasName(control) {
    if (control.getAttribute("aria-label") || control.getAttribute("aria-labelledby")) return true;
    return Array.prototype.some.call(control.labels || [], function (label) {
      return text(label) !== "";
    });
  }

  function columnHeading(cell) {
    var table = cell.closest("table");
    var row = cell.parentElement;
    if (!table || !table.tHead || !row) return "";
    var index = Array.prototype.indexOf.call(row.children, cell);
    var headings = table.tHead.rows[0] ? table.tHead.rows[0].children : [];
    return headings[index] ? text(headings[index]) : "";
  }

  function nameControls(root) {
    root.querySelectorAll("input, select, textarea").forEach(function (control) {
      if (control.type === "hidden" || control.type === "submit" || control.type === "button" || hasName(control)) return;
      var name = "";
      var datetime = control.closest("p.datetime");
      if (datetime) {
        var row = control.closest(".form-row, .fieldBox, td");
        var fieldLabel = row ? text(row.querySelector("label")) || columnHeading(row) : "";
        name = fieldLabel + (control.classList.contains("vTimeField") ? ", time" : ", date");
      } else {
        var cell = control.closest("td");
        if (cell) {
          var tr = cell.parentElement;
          var position = Array.prototype.indexOf.call(tr.parentElement.children, tr) + 1;
          name = (columnHeading(cell) || control.name) + ", row " + position;
        }
      }
      if (name) control.setAttribute("aria-label", name.trim());
    });
  }

  function nameHeadings(root) {
    root.querySelectorAll("th").forEach(function (heading) {
      if (text(heading) || heading.querySelector(".a11y-hidden")) return;
      var hidden = document.createElement("span");
      hidden.className = "a11y-hidden";
      hidden.textContent = heading.classList.contains("original") ? "Saved item" : "Actions";
      heading.appendChild(hidden);
    });
  }

  function nameLinks(root) {
    root.querySelectorAll("a.treebeard-collapse").forEach(function (link) {
      var row = link.closest("tr");
      var title = row ? text(row.querySelector("th a, td a:not(.treebeard-collapse)")) : "";
      link.setAttribute("aria-label", "Show or hide the subsections of " + title);
    });
    root.querySelectorAll("a").forEach(function (link) {
      if (text(link) || link.getAttribute("aria-label") || link.getAttribute("title")) return;
      var image = link.querySelector("img");
      if (!image) {
        // e.g. a list filter's choice for an empty value
        if (link.closest("#changelist-filter")) link.setAttribute("aria-label", "(blank)");
        return;
      }
      if (image.getAttribute("alt")) return;
      var row = link.closest("tr");
      var label = row ? text(row.querySelector("td")) : "";
      link.setAttribute("aria-label", label ? "Open " + label : "Open");
    });
  }

  var scheduled = false;
  function repair() {
    scheduled = false;
    nameControls(document);
    nameHeadings(document);
    nameLinks(document);
  }
  function schedule() {
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(repair);
    }
  }

  // Every time the admin shows or takes is the site's own (the header says which, once); Django's calendar
  // widgets would otherwise note "You are N hours ahead of server time" under every date field of an editor
  // elsewhere. They compare only when the body carries the server's offset, and read it on the load event.
  delete document.body.dataset.adminUtcOffset;

  repair();
  // Attribute changes do not trigger this observer, so the repairs cannot feed it.
  new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
})();
