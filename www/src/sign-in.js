// Signing in and out. Signed out, the page shows only the sign-in form; signed in, the user and
// their account in the top bar, with a sign-out button. The session is an HttpOnly cookie: the
// page never sees it, it only asks the server who is signed in.
import * as api from "./api.js";
import { $ } from "./dom.js";
import { t } from "./i18n.js";
import { app } from "./state.js";

/** Only the sign-in form: the billing page stays hidden until someone signs in. */
export function showSignIn() {
  $("workspace").hidden = true;
  $("signed-in").hidden = true;
  $("sign-in").hidden = false;
  delete document.body.dataset.account;
  $("sign-in-email").focus();
}

/** The billing page (where a failed load says so) in place of the sign-in form. */
export function showWorkspace() {
  $("sign-in").hidden = true;
  $("workspace").hidden = false;
}

/** The billing page, with who is signed in. */
export function showSignedIn(info) {
  showWorkspace();
  $("signed-in").hidden = false;
  $("signed-in-user").textContent = t("signedIn.as", { user: info.user.name, account: info.name });
  document.body.dataset.user = info.user.email;
}

function showError(text) {
  $("sign-in-error").textContent = text;
  $("sign-in-error").hidden = !text;
}

let busy = false;

async function submit(onSignedIn) {
  if (busy) return;
  const email = $("sign-in-email").value.trim();
  const password = $("sign-in-password").value;
  if (!email || !password) {
    showError(t("signIn.missing"));
    $(email ? "sign-in-password" : "sign-in-email").focus();
    return;
  }
  busy = true;
  $("sign-in-submit").disabled = true;
  $("sign-in-submit").textContent = t("signIn.busy");
  showError("");
  try {
    await api.signIn(email, password);
    $("sign-in-password").value = "";
    await onSignedIn();
  } catch (error) {
    const messages = { INVALID_CREDENTIALS: "signIn.invalid", TOO_MANY_SIGN_INS: "signIn.tooMany" };
    showError(t(messages[error?.code] ?? "signIn.failed"));
    $("sign-in-password").focus();
  } finally {
    busy = false;
    $("sign-in-submit").disabled = false;
    $("sign-in-submit").textContent = t("signIn.submit");
  }
}

/** Sign out, then start again from a clean page (nothing of the account stays in memory). */
async function signOut() {
  if (app.attempt) return; // a payment under way keeps the session until it is settled
  try {
    await api.signOut();
  } finally {
    location.reload();
  }
}

/** Wires the form and the sign-out button; `onSignedIn` loads the page for the new session. */
export function bindSignIn(onSignedIn) {
  $("sign-in-form").addEventListener("submit", (event) => {
    event.preventDefault();
    submit(onSignedIn);
  });
  $("sign-out").addEventListener("click", signOut);
}
