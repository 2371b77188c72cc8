// The login's username and password as real form fields (index.html #login-form), so the browser's
// password manager can save and fill them.
//
// The password is typed into the real <input type=password autocomplete=current-password>, laid over
// the field ImGui draws; its keys do not reach ImGui. The username is typed in ImGui (IME, clipboard as
// elsewhere) and mirrored into an invisible <input autocomplete=username> under the ImGui field. What
// the browser fills in goes back to the app; Enter submits the form, which the app handles.
'use strict';

(function () {
  const form = document.getElementById('login-form');
  const user = document.getElementById('login-username');
  const pass = document.getElementById('login-password');
  const canvas = document.getElementById('canvas');
  let fromApp = false;   // the app asked for the submit event: do not hand it back
  let clearTimer = 0;

  function call(fn, ...args) { if (Module.calledRun && Module[fn]) return Module[fn](...args); }
  function sendField(which, value) {
    if (!Module.calledRun) return;
    const n = Module.lengthBytesUTF8(value) + 1;
    const p = Module._malloc(n);
    Module.stringToUTF8(value, p, n);
    Module._app_login_field(which, p);
    Module._free(p);
  }
  // Values the browser filled in (the password is readable only after a user gesture).
  function syncFilled() {
    if (form.hidden) return;
    if (user.value) sendField(0, user.value);
    if (pass.value) sendField(1, pass.value);
  }

  pass.addEventListener('input', () => sendField(1, pass.value));
  user.addEventListener('input', () => sendField(0, user.value));
  user.addEventListener('change', () => sendField(0, user.value));
  pass.addEventListener('change', () => sendField(1, pass.value));
  pass.addEventListener('focus', () => call('_app_login_focus', 1));
  pass.addEventListener('blur', () => call('_app_login_focus', 0));
  window.addEventListener('pointerdown', syncFilled, true);

  // Keys typed in the password field are the field's: ImGui (GLFW's window listeners, registered after
  // this one) does not see them. Enter submits, Tab moves on to the ImGui fields.
  for (const type of ['keydown', 'keyup', 'keypress']) {
    window.addEventListener(type, (e) => {
      if (document.activeElement !== pass) return;
      e.stopImmediatePropagation();
      if (type !== 'keydown') return;
      if (e.key === 'Enter') {
        e.preventDefault();
        form.requestSubmit();
      } else if (e.key === 'Tab') {
        e.preventDefault();
        pass.blur();
        call('_app_login_tab', e.shiftKey ? 1 : 0);
      }
    }, true);
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (fromApp) return;
    sendField(0, user.value);
    sendField(1, pass.value);
    call('_app_login_submit');
  });

  // ---- called by the app (web/platform/browser.cpp) ----
  // Where ImGui drew the two fields (CSS pixels relative to the canvas); visible false hides the form.
  window.ivdShell.updateLoginForm = function (visible, ux, uy, uw, uh, px, py, pw, ph, fontPx) {
    if (!visible) {
      if (!form.hidden) {
        form.hidden = true;
        if (document.activeElement === pass) pass.blur();
        // Cleared a little later: the browser reads the submitted values when the form goes away.
        clearTimer = setTimeout(() => { pass.value = ''; }, 2000);
      }
      return;
    }
    if (form.hidden) {
      clearTimeout(clearTimer);
      form.hidden = false;
    }
    const r = canvas.getBoundingClientRect();
    const place = (el, x, y, w, h) => {
      el.style.left = Math.round(r.left + x) + 'px';
      el.style.top = Math.round(r.top + y) + 'px';
      el.style.width = Math.max(1, Math.round(w)) + 'px';
      el.style.height = Math.max(1, Math.round(h)) + 'px';
      el.style.fontSize = fontPx + 'px';
    };
    place(user, ux, uy, uw, uh);
    place(pass, px, py, pw, ph);
  };
  window.ivdShell.setLoginValues = function (username, password, setPassword) {
    if (user.value !== username) user.value = username;
    if (setPassword && pass.value !== password) pass.value = password;
  };
  window.ivdShell.focusLoginPassword = function () {
    if (!form.hidden && document.activeElement !== pass) pass.focus({ preventScroll: true });
  };
  // The app submits (its 登录 button): the form's submit event lets the browser offer to save.
  window.ivdShell.loginSubmitted = function () {
    if (form.hidden) return;
    fromApp = true;
    try { form.requestSubmit(); } finally { fromApp = false; }
  };
})();
