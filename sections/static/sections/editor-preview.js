/*
 * The markdownx editor's live preview, dressed as the public page: the body
 * the server rendered (and sanitised) is placed under the section's numbered
 * heading, inside the same classes the public stylesheet styles.
 */
(function () {
  "use strict";

  function headingFor(context, title) {
    var level = Math.min(Math.max(Number(context.dataset.level) || 2, 1), 6);
    var heading = document.createElement("h" + level);
    heading.className = level === 1 ? "page__title" : "section__title";
    if (context.dataset.number) {
      var number = document.createElement("span");
      number.className = "section__number";
      number.textContent = context.dataset.number;
      heading.append(number, " ");
    }
    heading.append(title || "(untitled)");
    return heading;
  }

  function dress(parent, context, titleInput) {
    var preview = parent.querySelector(".markdownx-preview");
    if (!preview || preview.querySelector(".public-preview")) {
      return;
    }
    var body = document.createElement("div");
    body.className = "prose";
    // Move the server's nodes rather than re-parsing its HTML.
    while (preview.firstChild) {
      body.appendChild(preview.firstChild);
    }
    var section = document.createElement("section");
    section.className = "section public-preview";
    section.append(headingFor(context, titleInput ? titleInput.value : ""), body);
    preview.appendChild(section);
  }

  // The box grows and shrinks with its text. markdownx sets the height to the scroll height plus the borders on
  // every keystroke, which adds the padding each time on a content-box textarea (admin.css makes it border-box);
  // starting from "auto" lets the box shrink again when lines are taken out.
  function fit(editor) {
    var style = window.getComputedStyle(editor);
    editor.style.height = "auto";
    editor.style.height = editor.scrollHeight + parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth) + "px";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".markdownx textarea").forEach(function (editor) {
      editor.addEventListener("input", function () {
        window.requestAnimationFrame(function () {
          fit(editor);
        });
      });
    });
    var context = document.getElementById("section-preview-context");
    if (!context) {
      return;
    }
    document.querySelectorAll(".markdownx").forEach(function (parent) {
      var preview = parent.querySelector(".markdownx-preview");
      var editor = parent.querySelector("textarea");
      // Each language's body has its own preview, headed by that language's title.
      var suffix = editor && /_ja$/.test(editor.id) ? "_ja" : "";
      var titleInput = document.getElementById("id_title" + suffix) || document.getElementById("id_title");
      var label = editor && document.querySelector('label[for="' + editor.id + '"]');
      if (preview) {
        // The preview scrolls, so keyboard users must be able to reach it; each is named after its field.
        preview.tabIndex = 0;
        preview.setAttribute("role", "region");
        preview.setAttribute("aria-label", "Preview" + (label ? ": " + label.textContent.replace(/:\s*$/, "").trim() : ""));
        if (suffix) {
          preview.setAttribute("lang", "ja");
        }
      }
      parent.addEventListener("markdownx.update", function () {
        dress(parent, context, titleInput);
      });
    });
  });
})();
