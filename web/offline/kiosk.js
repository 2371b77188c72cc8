// The browser side of the local transport (issue 12), loaded on demand by web/transport/local.cpp:
// keeps the copy of the hospital's scope under one IndexedDB key, loads the engine module
// (kiosk_engine.js + .wasm: core and SQLite, not part of the first load) only when a request must be
// answered locally. The copy stays as the server gave it; the changes made offline are kept beside it
// (key 'outbox', core/offline/outbox.hpp's storage form) and replayed over it by the engine, so the local
// answers are the server's state plus the changes not yet sent.
(function () {
  'use strict';
  const DB_NAME = 'ivd-kiosk';
  const STORE = 'copy';
  const KEY = 'snapshot';
  const OUTBOX_KEY = 'outbox';

  function openDb() {
    return new Promise((resolve, reject) => {
      const r = indexedDB.open(DB_NAME, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  }
  async function readCopy(key = KEY) {
    const db = await openDb();
    try {
      return await new Promise((resolve, reject) => {
        const r = db.transaction(STORE, 'readonly').objectStore(STORE).get(key);
        r.onsuccess = () => resolve(r.result || null);
        r.onerror = () => reject(r.error);
      });
    } finally { db.close(); }
  }
  async function writeCopy(record, key = KEY) {
    const db = await openDb();
    try {
      await new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, 'readwrite');
        tx.objectStore(STORE).put(record, key);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
        if (tx.commit) tx.commit();
      });
    } finally { db.close(); }
  }

  let engine = null;         // the engine module, once loaded
  let engineLoading = null;  // its promise
  let opened = null;         // the record open in the engine: {user_id, taken_at}
  let queue = Promise.resolve();  // requests run one at a time, in order

  function loadEngine() {
    if (engineLoading) return engineLoading;
    engineLoading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = 'kiosk_engine.js';
      s.onload = () => resolve();
      s.onerror = () => reject(new Error('kiosk engine did not load'));
      document.head.appendChild(s);
    }).then(() => createKioskEngine()).then((m) => { engine = m; return m; });
    engineLoading.catch(() => { engineLoading = null; });
    return engineLoading;
  }
  function withBytes(m, bytes, fn) {
    const p = m._malloc(bytes.length || 1);
    m.HEAPU8.set(bytes, p);
    try { return fn(p); } finally { m._free(p); }
  }
  function openRecord(m, record) {
    const ok = withBytes(m, record.bytes, (p) => m._kiosk_open(p, record.bytes.length, record.user_id));
    opened = ok ? { user_id: record.user_id, taken_at: record.taken_at } : null;
    return ok;
  }
  let replayed = null;        // the outbox text the engine's state was replayed with
  let lastToken = '';

  // The engine's answers for each change of outboxText, replayed over the copy as the server gave it.
  function replay(m, outboxText) {
    const text = m.ccall('kiosk_replay', 'string', ['string', 'string'], [outboxText || '', lastToken || 'local']);
    replayed = outboxText || '';
    return JSON.parse(text).answers;
  }
  async function ensureOpen() {
    if (!opened) {
      const record = await readCopy();
      if (!record) return false;
      const m = await loadEngine();
      if (openRecord(m, record) !== 1) return false;
      replayed = '';
    }
    const stored = (await readCopy(OUTBOX_KEY)) || '';
    if (stored !== replayed) replay(engine, stored);
    return true;
  }

  async function run(method, target, body, token) {
    if (token) lastToken = token;
    if (!(await ensureOpen())) return { status: 503, body: '{"code":"offline.no_copy"}' };
    const m = engine;
    const text = m.ccall('kiosk_call', 'string', ['string', 'string', 'string', 'string'], [method, target, body, token]);
    const answer = JSON.parse(text);
    window.__kioskCalls = (window.__kioskCalls || 0) + 1;
    return { status: answer.status, body: JSON.stringify(answer.body) };
  }

  window.ivdKiosk = {
    // A fresh copy from the server (GET /offline/snapshot): stored, and reopened if the engine runs.
    store(base64, userId, takenAt) {
      const bin = atob(base64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; ++i) bytes[i] = bin.charCodeAt(i);
      const record = { bytes, user_id: userId, taken_at: takenAt };
      queue = queue.then(async () => {
        await writeCopy(record);
        opened = null;  // reopened (and the outbox replayed over it) by the next local request
        window.__kioskStoredAt = takenAt;
        // Fetched now, in the background after the first load, so that it is here when the server is not.
        loadEngine().then(() => { window.__kioskEngineReady = true; }).catch(() => {});
      }).catch(() => {});
      return queue;
    },
    // One request answered by the engine: resolves {status, body (JSON text)}.
    call(method, target, body, token) {
      const p = queue.then(() => run(method, target, body, token))
        .catch(() => ({ status: 503, body: '{"code":"offline.no_copy"}' }));
      queue = p;
      return p;
    },
    // The outbox as stored (JSON text, '' = none).
    outbox() {
      const p = queue.then(async () => (await readCopy(OUTBOX_KEY)) || '').catch(() => '');
      queue = p;
      return p;
    },
    // A candidate outbox (the stored one with a new change): replayed over the copy; resolves the
    // engine's answers, one per change, or null without a copy. Nothing is stored.
    tryOutbox(outboxText, token) {
      if (token) lastToken = token;
      const p = queue.then(async () => ((await ensureOpen()) ? replay(engine, outboxText) : null)).catch(() => null);
      queue = p;
      return p;
    },
    // Stores the outbox (committed at once); the engine replays it before it answers again.
    saveOutbox(outboxText) {
      const p = queue.then(() => writeCopy(outboxText, OUTBOX_KEY)).then(() => true).catch(() => false);
      queue = p;
      return p;
    },
    // What this browser keeps: {copy, outbox} bytes, and the browser's estimate {used, quota}.
    async usage() {
      const record = await readCopy().catch(() => null);
      const outbox = (await readCopy(OUTBOX_KEY).catch(() => '')) || '';
      const est = navigator.storage && navigator.storage.estimate ? await navigator.storage.estimate().catch(() => ({})) : {};
      return { copy: record && record.bytes ? record.bytes.length : 0, outbox: new Blob([outbox]).size,
               used: est.usage || 0, quota: est.quota || 0 };
    },
    // Tests: whether a copy is stored.
    async hasCopy() { return (await readCopy()) !== null; },
  };

  // ---- offline unlock (web/offline/unlock_store.cpp): the record of core/offline/offline_unlock.hpp ----
  // As JSON text under its own key of the same object store: the username, user id, salt and password
  // verifier of the last hospital user who logged in online here, never the password. Kept at logout.
  const UNLOCK_KEY = 'unlock';
  window.ivdKiosk.readUnlock = async function () {
    const text = await readCopy(UNLOCK_KEY);
    return typeof text === 'string' ? text : null;
  };
  window.ivdKiosk.writeUnlock = async function (text) {
    await writeCopy(text, UNLOCK_KEY);
    window.__unlockStoredAt = Date.now();  // tests: the record was written (how many times)
    window.__unlockWrites = (window.__unlockWrites || 0) + 1;
  };
})();
