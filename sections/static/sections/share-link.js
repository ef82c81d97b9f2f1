"use strict";
// "Copy the address" beside each share link's address: the clipboard where the browser allows it (a secure
// page), otherwise the address is selected for Ctrl+C. Either way the button says what happened.
document.addEventListener("click", async (event) => {
  const button = event.target.closest(".share-copy");
  if (!button) return;
  const holder = button.closest(".share-address");
  const field = holder.querySelector("input");
  const status = holder.querySelector(".share-copied");
  try {
    await navigator.clipboard.writeText(field.value);
    status.textContent = "Copied.";
  } catch (error) {
    field.focus();
    field.select();
    status.textContent = "Selected: press Ctrl+C (⌘C on a Mac) to copy.";
  }
});
