// The sign-in form. The session cookie is HttpOnly; the page keeps the user's
// name and role for the tab (sessionStorage) to show them after a reload.

import { ApiError, signIn, networkMessage } from './api.js';
import { $, showText } from './dom.js';

const USER_KEY = 'archive.user';

export function storedUser() {
  try { return JSON.parse(sessionStorage.getItem(USER_KEY) || 'null'); } catch { return null; }
}

export function forgetUser() { sessionStorage.removeItem(USER_KEY); }

export class SignInForm {
  /** onSignedIn(user) is called with {UserName, Role, IdleMinutes}, right after the answer. */
  constructor({ onSignedIn }) {
    this.section = $('#signin');
    this.form = $('#signin-form');
    this.user = $('#signin-username');
    this.password = $('#signin-password');
    this.error = $('#signin-error');
    this.submit = $('#signin-submit');
    this.onSignedIn = onSignedIn;
    this.form.addEventListener('submit', (event) => { event.preventDefault(); this.send(); });
  }

  /** Shows the form; `ended` says the session ended (the view comes back after signing in). */
  show({ ended = false } = {}) {
    $('#signin-note').hidden = !ended;
    this.section.hidden = false;
    this.password.value = '';
    showText(this.error, '');
    const last = storedUser();
    if (last && !this.user.value) this.user.value = last.UserName;
    (this.user.value ? this.password : this.user).focus();
  }

  hide() { this.section.hidden = true; }

  async send() {
    const userName = this.user.value.trim();
    if (!userName || !this.password.value) {
      showText(this.error, 'Enter your user name and password.');
      this.password.setAttribute('aria-invalid', 'true');
      (userName ? this.password : this.user).focus();
      return;
    }
    // A new try replaces one still under way (rather than a button locked until it ends).
    if (this.pending) this.pending.abort();
    const controller = new AbortController();
    this.pending = controller;
    this.form.setAttribute('aria-busy', 'true');
    showText(this.error, '');
    try {
      const user = await signIn(userName, this.password.value, controller.signal);
      performance.mark('archive:signed-in');
      sessionStorage.setItem(USER_KEY, JSON.stringify(user));
      this.password.value = '';
      this.password.removeAttribute('aria-invalid');
      this.onSignedIn(user);
    } catch (error) {
      if (controller.signal.aborted && this.pending !== controller) return;
      showText(this.error, error instanceof ApiError ? error.message : networkMessage(error));
      this.password.setAttribute('aria-invalid', 'true');
      this.password.select();
      this.password.focus();
    } finally {
      if (this.pending === controller) {
        this.pending = null;
        this.form.removeAttribute('aria-busy');
      }
    }
  }
}
