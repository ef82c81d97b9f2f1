/*
 * The editor's accessibility checker: what a reader using a screen reader or a phone would trip over, listed
 * beside the live preview while the text is written, each problem with a link to its place in the preview.
 *
 * Three sources, run after every preview (markdownx.update):
 *  - what the publish gate will refuse (heading levels, photographs without alt text or credit), sent by the
 *    preview's server side (sections/views_editor.py) and marked "Required to publish";
 *  - the content checks below, which no machine can settle (a judgement for the editor: advice, not a rule);
 *  - axe-core (Deque, MPL-2.0, vendored unmodified in embassy/vendor/) run on the preview itself.
 */
(function () {
  "use strict";

  var VAGUE_LINK_TEXT = ["click here", "here", "click", "read more", "more", "this link", "link", "this", "this page", "go"];
  var FILE_NAME = /(\.(jpe?g|png|gif|webp|heic|heif|tiff?|svg)$)|^(img|dsc|dscn|image|photo|pxl)[-_ ]?\d+/i;
  var IMAGE_OF = /^(an? )?(image|picture|photo|photograph|graphic) (of|showing)\b/i;
  var BARE_URL = /^(https?:\/\/|www\.)\S+$/i;
  var LONG_PARAGRAPH_WORDS = 150;

  function words(text) {
    return text.trim().split(/\s+/).filter(Boolean).length;
  }

  function contentProblems(root) {
    var problems = [];
    root.querySelectorAll("img").forEach(function (image) {
      var alt = image.getAttribute("alt");
      if (alt === null || alt.trim() === "") {
        problems.push({ element: image.closest("figure") || image, message: "An image has no alt text: say what it shows." });
      } else if (FILE_NAME.test(alt.trim())) {
        problems.push({ element: image.closest("figure") || image, message: "The alt text “" + alt + "” is a file name: say what the image shows." });
      } else if (IMAGE_OF.test(alt.trim())) {
        problems.push({ element: image.closest("figure") || image, message: "The alt text “" + alt + "” starts with “image of”: screen readers already say it is an image." });
      }
    });
    root.querySelectorAll("a[href]").forEach(function (link) {
      var text = link.textContent.replace(/\s+/g, " ").trim();
      if (link.closest("figure")) return;
      if (VAGUE_LINK_TEXT.indexOf(text.toLowerCase().replace(/[.!:]+$/, "")) !== -1) {
        problems.push({ element: link, message: "The link text “" + text + "” does not say where it leads: use the page's name." });
      } else if (BARE_URL.test(text)) {
        problems.push({ element: link, message: "The link text is a bare address (" + text + "): name the page instead." });
      }
    });
    root.querySelectorAll("p").forEach(function (paragraph) {
      var count = words(paragraph.textContent);
      if (count > LONG_PARAGRAPH_WORDS) {
        problems.push({ element: paragraph, message: "A very long paragraph (" + count + " words): split it to be read on a phone." });
      }
    });
    root.querySelectorAll("table").forEach(function (table) {
      if (!table.querySelector("th")) {
        problems.push({ element: table, message: "A table has no header row: start it with a row of column names." });
      }
    });
    return problems;
  }

  function quoted(message) {
    var match = /“([^”]*)”/.exec(message);
    return match ? match[1] : "";
  }

  function gateProblems(root) {
    var holder = root.querySelector(".editor-gate");
    if (!holder) return [];
    var messages;
    try {
      messages = JSON.parse(holder.getAttribute("data-problems") || "[]");
    } catch (error) {
      return [];
    }
    return messages.map(function (message) {
      var name = quoted(message);
      var element = null;
      // The gate names a heading by its text and a photograph by its caption: find it in the preview.
      root.querySelectorAll(".prose h1, .prose h2, .prose h3, .prose h4, .prose h5, .prose h6, figure").forEach(function (candidate) {
        if (!element && name && candidate.textContent.indexOf(name) !== -1) element = candidate;
      });
      return { element: element, message: message, gate: true };
    });
  }

  function axeProblems(root) {
    if (!window.axe) return Promise.resolve([]);
    return window.axe
      // preload: false: axe would otherwise read the page's style sheets and fetch each @import again, resolved
      // against the page's address instead of the sheet's (the admin's forms.css imports "widgets.css", asked
      // for as /admin/…/change/widgets.css). The rules that need the style sheets do not concern a text.
      .run(root, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        resultTypes: ["violations"],
        preload: false,
      })
      .then(function (results) {
        var problems = [];
        results.violations.forEach(function (violation) {
          violation.nodes.forEach(function (node) {
            var element = null;
            try {
              element = document.querySelector(node.target[0]);
            } catch (error) {
              element = null;
            }
            problems.push({ element: element, message: violation.help + " (axe: " + violation.id + ")" });
          });
        });
        return problems;
      });
  }

  function render(list, problems, prefix) {
    list.textContent = "";
    var heading = list.parentElement.querySelector(".editor-checker__summary");
    heading.textContent = problems.length
      ? problems.length + (problems.length === 1 ? " problem" : " problems") + " found"
      : "No problems found";
    problems.forEach(function (problem, index) {
      var item = document.createElement("li");
      if (problem.gate) {
        item.className = "editor-checker__gate";
        var badge = document.createElement("strong");
        badge.className = "editor-checker__badge";
        badge.textContent = "Required to publish";
        item.append(badge, " ");
      }
      if (problem.element) {
        var id = problem.element.id || prefix + "-" + index;
        problem.element.id = id;
        problem.element.setAttribute("tabindex", "-1");
        var link = document.createElement("a");
        link.href = "#" + id;
        link.textContent = problem.message;
        link.addEventListener("click", function (event) {
          event.preventDefault();
          problem.element.scrollIntoView({ block: "center" });
          problem.element.focus({ preventScroll: true });
        });
        item.append(link);
      } else {
        item.append(problem.message);
      }
      list.append(item);
    });
  }

  // axe runs one check at a time on a page: the previews of the editors on a page wait their turn.
  var queue = Promise.resolve();

  function check(parent, list, prefix) {
    var preview = parent.querySelector(".markdownx-preview");
    if (!preview) return;
    queue = queue.then(function () {
      var found = gateProblems(preview).concat(contentProblems(preview));
      // Said on the page while axe runs: another check of the page (a test's) waits for it to finish.
      document.documentElement.setAttribute("data-a11y-checking", "");
      return axeProblems(preview)
        .catch(function () {
          return [];
        })
        .then(function (fromAxe) {
          document.documentElement.removeAttribute("data-a11y-checking");
          render(list, found.concat(fromAxe), prefix);
          parent.setAttribute("data-checked", "");
        });
    });
  }

  function level() {
    var context = document.getElementById("section-preview-context");
    var value = context ? Number(context.dataset.level) : 1;
    return value >= 1 && value <= 6 ? value : 1;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".markdownx").forEach(function (parent, index) {
      var editor = parent.querySelector("textarea");
      if (!editor) return;
      // The preview's server side checks heading levels against the section's own title (publish gate).
      var address = (editor.getAttribute("data-markdownx-urls-path") || "").split("?")[0];
      editor.setAttribute("data-markdownx-urls-path", address + "?level=" + level());
      var panel = document.createElement("div");
      panel.className = "editor-checker";
      panel.setAttribute("role", "region");
      panel.setAttribute("aria-label", "Accessibility checker" + (/_ja$/.test(editor.id) ? " (Japanese)" : ""));
      var title = document.createElement("h3");
      title.className = "editor-checker__title";
      title.textContent = "Accessibility checker";
      var summary = document.createElement("p");
      summary.className = "editor-checker__summary";
      summary.setAttribute("role", "status");
      summary.textContent = "Checking…";
      var list = document.createElement("ul");
      list.className = "editor-checker__list";
      panel.append(title, summary, list);
      parent.append(panel);
      parent.addEventListener("markdownx.update", function () {
        check(parent, list, "check-" + index);
      });
    });
  });
})();
