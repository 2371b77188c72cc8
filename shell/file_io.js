// Files for the wasm app (web/platform/file_io.cpp): the file picker, downloads under a given name
// (bytes from the app, or a binary route fetched with the session), and JSON uploads with progress (XMLHttpRequest upload events). Results go back through the exports
// _file_io_picked / _file_io_progress / _file_io_done, then the render loop is woken.
'use strict';

(function () {
  function wake() { if (Module.calledRun) Module._app_wake(); }

  // One hidden <input type=file>, reused. The app calls pick() in the frame that handled the click;
  // the browser still counts that as the clerk's gesture (transient user activation).
  let input = null;
  let pickId = 0;
  function fileInput() {
    if (input) return input;
    input = document.createElement('input');
    input.type = 'file';
    input.id = 'file-input';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files && input.files[0];
      const id = pickId;
      input.value = '';  // picking the same file again fires change again
      if (!file) return;
      file.arrayBuffer().then((buf) => {
        const bytes = new Uint8Array(buf);
        const nameLen = Module.lengthBytesUTF8(file.name) + 1;
        const namePtr = Module._malloc(nameLen);
        const dataPtr = Module._malloc(Math.max(1, bytes.length));
        Module.stringToUTF8(file.name, namePtr, nameLen);
        HEAPU8.set(bytes, dataPtr);
        try { Module._file_io_picked(id, namePtr, dataPtr, bytes.length); } finally {
          Module._free(namePtr);
          Module._free(dataPtr);
        }
        wake();
      }).catch((e) => console.warn('file read failed', e));
    });
    document.body.appendChild(input);
    return input;
  }

  function passString(s) {
    const n = Module.lengthBytesUTF8(s) + 1;
    const p = Module._malloc(n);
    Module.stringToUTF8(s, p, n);
    return p;
  }

  window.ivdFiles = {
    pick(id, accept) {
      const el = fileInput();
      pickId = id;
      el.accept = accept || '';
      el.click();
    },
    save(name, mime, bytes) {
      const url = URL.createObjectURL(new Blob([bytes], { type: mime || 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.style.display = 'none';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    },
    postJson(id, url, token, body) {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      xhr.setRequestHeader('Content-Type', 'application/json');
      xhr.setRequestHeader('Accept', 'application/json');
      if (token) xhr.setRequestHeader('X-Session-Token', token);
      xhr.timeout = 300000;
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) { Module._file_io_progress(id, e.loaded / e.total); wake(); }
      };
      const done = (status) => {
        const p = passString(xhr.responseText || '');
        try { Module._file_io_done(id, status, p); } finally { Module._free(p); }
        wake();
      };
      xhr.onload = () => done(xhr.status);
      xhr.onerror = () => done(0);
      xhr.ontimeout = () => done(0);
      xhr.send(body);
    },
    // GET url with the session header and save the answer as name (binary downloads, e.g. the 导出列表);
    // a refusal's JSON text goes back instead.
    download(id, url, token, name) {
      const done = (status, text) => {
        const p = passString(text || '');
        try { Module._file_io_done(id, status, p); } finally { Module._free(p); }
        wake();
      };
      const headers = token ? { 'X-Session-Token': token } : {};
      fetch(url, { headers }).then((res) => {
        if (!res.ok) return res.text().then((t) => done(res.status, t));
        return res.blob().then((blob) => {
          window.ivdFiles.save(name, blob.type, blob);
          done(res.status, '');
        });
      }).catch(() => done(0, ''));
    },
  };
})();
