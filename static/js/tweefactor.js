// After a passkey is registered (django-otp-webauthn's script sends this event), go on to the
// page that shows the recovery codes once. A file of its own: the CSP allows no inline script.
document.addEventListener("otp_webauthn.register_complete", function () {
  var vak = document.querySelector("[data-tweefactor-na-registratie]");
  if (vak && vak.dataset.tweefactorNaRegistratie) {
    window.location.assign(vak.dataset.tweefactorNaRegistratie);
  }
});
