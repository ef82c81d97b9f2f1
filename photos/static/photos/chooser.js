"use strict";
// The photograph chooser: each placement row's "Choose or upload a photograph" button opens one <dialog>,
// filled from the admin's chooser view (photos/admin.py: search, pages of thumbnails, upload form). The chosen
// photograph goes into the row's picker, which keeps its own type-to-search.
(function () {
  let opener = null; // the row's button that opened the dialog: focus goes back to it

  function dialog() {
    return document.getElementById("photo-chooser");
  }

  function body() {
    return dialog().querySelector(".photo-chooser-body");
  }

  function problem(text) {
    const note = document.createElement("p");
    note.className = "errornote";
    note.setAttribute("role", "alert");
    note.textContent = text;
    return note;
  }

  async function load(url, focusSelector) {
    const target = body();
    target.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (response.ok) {
        target.innerHTML = await response.text(); // the server escaped every caption and credit
      } else {
        target.replaceChildren(problem(`The library could not be opened (error ${response.status}). Reload the page and try again.`));
      }
    } catch (error) {
      target.replaceChildren(problem("The library could not be reached. Check the connection and try again."));
    }
    target.removeAttribute("aria-busy");
    const focus = target.querySelector(focusSelector || "#photo-chooser-q");
    if (focus) focus.focus();
  }

  function choose(photo) {
    const row = opener && opener.closest("td, .form-row");
    const select = row && row.querySelector("select");
    if (!select) return;
    let option = Array.from(select.options).find((candidate) => candidate.value === String(photo.id));
    if (!option) {
      option = new Option(photo.label, photo.id, true, true);
      select.append(option);
    }
    select.value = String(photo.id);
    // The admin's autocomplete (select2) redraws itself on jQuery's change event; others listen to the DOM's.
    if (window.django && window.django.jQuery) window.django.jQuery(select).trigger("change");
    else select.dispatchEvent(new Event("change", { bubbles: true }));
    const preview = opener.closest("tr") && opener.closest("tr").querySelector("td.field-preview p");
    if (preview) {
      preview.replaceChildren();
      if (photo.thumbnail) {
        const image = document.createElement("img");
        image.src = photo.thumbnail;
        image.alt = "";
        image.width = 64;
        image.className = "photo-thumbnail";
        preview.append(image, document.createElement("br"));
      }
      preview.append(`Chosen: ${photo.label} (${photo.status})`);
    }
    dialog().close();
  }

  async function upload(form) {
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    button.textContent = "Uploading…";
    try {
      const response = await fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" });
      if (response.status === 201) {
        choose(await response.json());
        return;
      }
      if (response.status === 400) {
        // The form again, with its errors and the file kept from this try.
        const holder = document.createElement("div");
        holder.innerHTML = await response.text();
        const again = holder.querySelector(".photo-chooser-upload");
        form.replaceWith(again);
        const note = again.querySelector(".errornote");
        if (note) {
          note.tabIndex = -1;
          note.focus();
        }
        return;
      }
      form.prepend(problem(`The photograph was not uploaded (error ${response.status}). The file may be too large.`));
    } catch (error) {
      form.prepend(problem("The photograph was not uploaded: the server could not be reached."));
    }
    button.disabled = false;
    button.textContent = "Upload and choose";
  }

  document.addEventListener("DOMContentLoaded", () => {
    const chooser = dialog();
    if (!chooser) return;
    // Out of the admin's <form>: the chooser's own search and upload forms cannot sit inside another form.
    document.body.append(chooser);
    chooser.addEventListener("close", () => {
      if (opener) opener.focus();
    });
    chooser.addEventListener("click", (event) => {
      const pick = event.target.closest(".photo-chooser-pick");
      if (pick) {
        choose({
          id: pick.dataset.photoId,
          label: pick.dataset.photoLabel,
          status: pick.dataset.photoStatus,
          thumbnail: pick.dataset.photoThumbnail,
        });
      } else if (event.target.closest(".photo-chooser-close")) {
        chooser.close();
      } else if (event.target.closest(".photo-chooser-page")) {
        event.preventDefault();
        load(event.target.closest(".photo-chooser-page").href, ".photo-chooser-count");
      }
    });
    chooser.addEventListener("submit", (event) => {
      const form = event.target;
      event.preventDefault();
      if (form.classList.contains("photo-chooser-search")) {
        load(`${form.action}?${new URLSearchParams(new FormData(form))}`);
      } else if (form.classList.contains("photo-chooser-upload")) {
        upload(form);
      }
    });
  });

  // Rows added after the page loaded carry the same button: one listener for all of them.
  document.addEventListener("click", (event) => {
    const button = event.target.closest(".photo-chooser-open");
    if (!button) return;
    opener = button;
    const chooser = dialog();
    body().replaceChildren();
    chooser.showModal();
    load(chooser.dataset.url);
  });
})();
