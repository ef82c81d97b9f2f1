/*
 * Reading aids for long pages, layered on HTML that works without them:
 * - the contents stay open beside the text on wide screens and start folded on phones;
 * - the contents show which section is being read (IntersectionObserver);
 * - each section heading's link copies the section's address as well;
 * - the language switch takes the section being read along (anchors are the same in both languages).
 */
(function () {
  "use strict";

  var WIDE = window.matchMedia("(min-width: 64rem)");
  var toc = document.querySelector(".toc");
  var details = toc && toc.querySelector(".toc__details");

  // The HTML has the contents open, for readers without JavaScript; on phones they start folded.
  if (details) {
    details.open = WIDE.matches;
    WIDE.addEventListener("change", function (event) {
      if (event.matches) details.open = true;
    });
  }

  function trackCurrentSection() {
    if (!toc || !("IntersectionObserver" in window)) return;
    var links = new Map();
    toc.querySelectorAll('a[href^="#"]').forEach(function (link) {
      links.set(decodeURIComponent(link.hash.slice(1)), link);
    });
    var sections = Array.prototype.filter.call(document.querySelectorAll("section.section[id]"), function (section) {
      return links.has(section.id);
    });
    if (!sections.length) return;
    var inBand = new Set();
    var current = null;

    function mark(link) {
      if (link === current) return;
      if (current) {
        current.removeAttribute("aria-current");
        current.classList.remove("is-current");
      }
      current = link;
      if (!link) return;
      link.setAttribute("aria-current", "location");
      link.classList.add("is-current");
      if (WIDE.matches && toc.scrollHeight > toc.clientHeight) {
        // Keep the highlighted entry in sight inside the side column, without moving the page.
        var box = toc.getBoundingClientRect();
        var item = link.getBoundingClientRect();
        if (item.top < box.top || item.bottom > box.bottom) toc.scrollTop += item.top - box.top - box.height / 3;
      }
    }

    // A section is "being read" when it covers the top third of the window; the innermost such section wins.
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) inBand.add(entry.target);
          else inBand.delete(entry.target);
        });
        var best = null;
        var bestTop = -Infinity;
        inBand.forEach(function (section) {
          var top = section.getBoundingClientRect().top;
          if (top > bestTop) {
            bestTop = top;
            best = section;
          }
        });
        mark(best ? links.get(best.id) : null);
      },
      { rootMargin: "0px 0px -66% 0px" }
    );
    sections.forEach(function (section) {
      observer.observe(section);
    });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var copied = document.execCommand("copy");
      area.remove();
      if (copied) resolve();
      else reject(new Error("copy refused"));
    });
  }

  // Each heading's link (a plain link to the section without JavaScript) also copies the section's address. Its
  // name and the messages come from the page, in the reader's language.
  function makeLinksCopy() {
    var permalinks = document.querySelectorAll(".section__permalink[data-copy-label]");
    var status = document.getElementById("copy-status");
    if (!permalinks.length || !status) return;

    permalinks.forEach(function (permalink) {
      var label = permalink.querySelector(".visually-hidden");
      if (label) label.textContent = permalink.dataset.copyLabel;
      permalink.addEventListener("click", function () {
        var url = window.location.href.split("#")[0] + "#" + permalink.dataset.anchor;
        status.textContent = "";
        copyText(url).then(
          function () {
            permalink.classList.add("is-done");
            status.textContent = status.dataset.copied;
            window.setTimeout(function () {
              permalink.classList.remove("is-done");
            }, 2000);
          },
          function () {
            status.textContent = status.dataset.failed;
          }
        );
      });
    });
  }

  // Without JavaScript the switch leads to the top of the same page in the other language.
  function keepSectionOnLanguageSwitch() {
    document.querySelectorAll("a[data-language-switch]").forEach(function (link) {
      link.addEventListener("click", function () {
        var reading = toc && toc.querySelector("a.is-current");
        var hash = reading ? reading.hash : window.location.hash;
        if (hash) link.hash = hash;
      });
    });
  }

  trackCurrentSection();
  makeLinksCopy();
  keepSectionOnLanguageSwitch();
})();
