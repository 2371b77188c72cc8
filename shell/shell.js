// Page glue for the wasm app (loaded before app.js): the Module configuration, the core font download
// started in parallel with the wasm, the extension fonts fetched after the first frame, the loading
// indicator, waking the render loop on page events, and the test/diagnostic globals. No inline scripts:
// the CSP allows only script files of this origin.
'use strict';

(function () {
  const canvas = document.getElementById('canvas');
  const loading = document.getElementById('loading');
  const loadingText = document.getElementById('loading-text');
  const t0 = performance.now();

  // Start the core font download now; main() waits for it through a run dependency.
  function fetchFont(name) {
    return fetch(name, { credentials: 'same-origin' })
      .then((r) => { if (!r.ok) throw new Error(name + ' ' + r.status); return r.arrayBuffer(); });
  }
  const fontPromise = fetchFont('font.ttf');
  // The rest of the characters (web/CMakeLists.txt), one file after the other once the first frame is
  // on screen; the app merges each into its font at the next frame (Module.fontExtras).
  const EXTRA_FONTS = ['font-common.ttf', 'font-ext.ttf', 'font-rare.otf'];
  async function loadExtraFonts() {
    for (const name of EXTRA_FONTS) {
      try {
        const data = new Uint8Array(await fetchFont(name));
        (Module.fontExtras = Module.fontExtras || []).push({ name, data });
        shell.extraFontsAt[name] = performance.now();
        if (Module.calledRun) Module._app_font_arrived();
      } catch (e) {
        console.warn(e);  // not fatal: those characters keep showing as missing
      }
    }
  }

  // The service worker (web/offline/sw.js, served at /sw.js) that loads the app when the server cannot be
  // reached. Registered after the first frame and the extension fonts, so its precache neither delays
  // the first load nor fetches a font twice.
  function registerServiceWorker() {
    if (!('serviceWorker' in navigator)) return;  // not a secure context (http to another host)
    navigator.serviceWorker.register('sw.js').catch((e) => console.warn('service worker', e));
  }

  // Exports exist as stubs before the wasm is ready; calling one then throws. calledRun = main() ran.
  function wake() { if (Module.calledRun) Module._app_wake(); }

  const shell = {
    scriptAt: t0,           // this script ran (all times: ms since navigation start)
    fontAt: null,           // font bytes arrived
    runtimeAt: null,        // wasm compiled and instantiated, main() about to run
    firstFrameAt: null,     // first interactive frame drawn
    extraFontsAt: {},       // extension font file name -> its bytes arrived
    firstFrame() {
      shell.firstFrameAt = performance.now();
      setTimeout(() => loadExtraFonts().then(registerServiceWorker), 0);
      loading.classList.add('done');
      setTimeout(() => { loading.style.display = 'none'; }, 300);
    },
    fatal(what) {
      loading.classList.add('error');
      loadingText.textContent = what === 'WebGL 2'
        ? '当前浏览器不支持 WebGL 2，请使用新版 Chrome、Edge 或 Firefox。'
        : '加载失败，请刷新页面重试。(' + what + ')';
    },
    // Back / Forward / an edited hash: the app reads location.hash on its next frame.
    locationChanged: false,
    // Filled by text_input.js.
    updateTextInput() {},
    setClipboardText() {},
  };
  window.ivdShell = shell;

  window.Module = {
    canvas,
    preRun: [function () {
      Module.addRunDependency('font');
      fontPromise.then((buf) => { Module.fontData = new Uint8Array(buf); shell.fontAt = performance.now(); })
        .catch((e) => { console.error(e); })
        .finally(() => Module.removeRunDependency('font'));
    }],
    print: (s) => console.log(s),
    printErr: (s) => console.warn(s),
    onAbort: (what) => shell.fatal(String(what)),
    onRuntimeInitialized: () => { shell.runtimeAt = performance.now(); },
  };

  // Any of these may change what ImGui shows: draw a few frames (the loop sleeps otherwise).
  for (const type of ['mousemove', 'mousedown', 'mouseup', 'wheel', 'keydown', 'keyup', 'touchstart', 'touchmove',
                      'touchend', 'focus', 'blur', 'resize', 'pointerdown', 'pointerup']) {
    window.addEventListener(type, wake, { capture: true, passive: true });
  }
  document.addEventListener('visibilitychange', wake);
  for (const type of ['popstate', 'hashchange']) {
    window.addEventListener(type, () => { shell.locationChanged = true; wake(); });
  }
  canvas.addEventListener('mouseleave', wake);
  new ResizeObserver(wake).observe(canvas);
  // devicePixelRatio changes (zoom, moving to another screen) do not always fire resize.
  (function watchDpr() {
    const mq = matchMedia('(resolution: ' + devicePixelRatio + 'dppx)');
    mq.addEventListener('change', () => { wake(); watchDpr(); }, { once: true });
  })();
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());

  // Test and diagnostic hooks: the labelled ImGui items of the last frame and the app state.
  function json(fn, fallback) {
    if (!Module.calledRun || !Module[fn]) return fallback;  // before main() ran
    return JSON.parse(Module.UTF8ToString(Module[fn]()));
  }
  Object.defineProperty(window, '__imguiItems', { get: () => json('_app_test_items_json', []) });
  Object.defineProperty(window, '__appState', {
    get: () => Object.assign(json('_app_state_json', { screen: 'loading' }), {
      // Milliseconds since navigation start (performance.now() counts from there).
      firstFrameMs: shell.firstFrameAt,
      fontMs: shell.fontAt,
      extraFontsMs: Object.assign({}, shell.extraFontsAt),
      runtimeMs: shell.runtimeAt,
    }),
  });
})();
