// Keyboard text, IME composition and the clipboard for the ImGui canvas.
//
// GLFW's web port sees key presses but not IME composition, so text goes through a hidden <input>:
// it is focused while ImGui wants text input and placed at ImGui's text cursor (so the IME candidate
// window appears next to the field); committed text is forwarded to ImGui. Keys (arrows, Backspace,
// Enter, Ctrl+...) still reach ImGui through GLFW's window listeners.
'use strict';

(function () {
  const input = document.getElementById('text-input');
  const canvas = document.getElementById('canvas');
  let active = false;
  let composing = false;
  let copied = null;      // text ImGui put on the clipboard during the current key press

  function send(text) {
    if (!text || !Module.calledRun) return;
    const n = Module.lengthBytesUTF8(text) + 1;
    const p = Module._malloc(n);
    Module.stringToUTF8(text, p, n);
    Module._app_text_input(p);
    Module._free(p);
  }

  input.addEventListener('compositionstart', () => { composing = true; });
  input.addEventListener('compositionend', (e) => {
    composing = false;
    send(e.data);
    input.value = '';
  });
  input.addEventListener('input', (e) => {
    if (e.isComposing || composing) return;        // the text arrives with compositionend
    if (e.inputType && !e.inputType.startsWith('insert')) { input.value = ''; return; }
    send(e.data !== null && e.data !== undefined ? e.data : input.value);
    input.value = '';
  });

  // Clicking the canvas must not take the focus away from the hidden field.
  canvas.addEventListener('mousedown', (e) => { if (active) e.preventDefault(); });

  window.ivdShell.updateTextInput = function (want, x, y, lineHeight) {
    active = want;
    if (want) {
      const r = canvas.getBoundingClientRect();
      input.style.left = Math.round(r.left + x) + 'px';
      input.style.top = Math.round(r.top + y) + 'px';
      input.style.height = Math.max(12, Math.round(lineHeight)) + 'px';
      // The login's password field keeps the focus it has (shell/login_form.js): ImGui lets go next frame.
      const keep = document.activeElement && document.activeElement.id === 'login-password';
      if (document.activeElement !== input && !keep) input.focus({ preventScroll: true });
    } else if (document.activeElement === input) {
      input.blur();
      input.value = '';
    }
  };

  // ---- clipboard ----
  // Paste: the browser only hands out clipboard text inside the paste event; ImGui reads it when it
  // handles the Ctrl+V that caused the event.
  document.addEventListener('paste', (e) => {
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    e.preventDefault();
    if (!Module.calledRun) return;
    const n = Module.lengthBytesUTF8(text) + 1;
    const p = Module._malloc(n);
    Module.stringToUTF8(text, p, n);
    Module._app_paste_text(p);
    Module._free(p);
  });
  // Copy / cut: draw a frame inside the keydown, so ImGui handles Ctrl+C before the copy event.
  window.addEventListener('keydown', (e) => {
    copied = null;
    if ((e.ctrlKey || e.metaKey) && (e.key === 'c' || e.key === 'x' || e.key === 'C' || e.key === 'X')) {
      if (Module.calledRun) Module._app_frame_now();
    }
  });
  window.ivdShell.setClipboardText = function (text) {
    copied = text;
    // Also try the async API (secure contexts; 127.0.0.1 counts), for copies not caused by a key.
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(() => {});
  };
  function onCopy(e) {
    if (copied === null || !e.clipboardData) return;
    e.clipboardData.setData('text/plain', copied);
    e.preventDefault();
    copied = null;
  }
  document.addEventListener('copy', onCopy);
  document.addEventListener('cut', onCopy);
})();
