// django-otp-webauthn's script registers the passkey and then only announces it: the sign-in goes on to the
// page named by the set-up page (recovery codes, or the page the person was going to).
document.addEventListener("otp_webauthn.register_complete", () => {
  const setup = document.getElementById("passkey-setup");
  window.location.assign(setup.dataset.doneUrl);
});
