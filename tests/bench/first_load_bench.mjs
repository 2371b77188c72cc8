// First-load benchmark of the browser app (not part of the test run): the real server on a fresh
// database, Debian's Chromium with an empty cache behind an emulated link (CDP
// Network.emulateNetworkConditions: 2 Mbit/s down and up, 100 ms latency), loading the login page.
// Prints, per run and as the median of the runs:
//   * first-load transfer: the bytes on the wire (compressed as served, headers included) of every
//     request the page made until its first interactive frame, and the same for the whole page load
//     including the extension fonts fetched after the first frame;
//   * the time from navigation start to the first interactive frame (the app reports it:
//     browser::notify_first_frame -> window.__appState.firstFrameMs);
//   * when the core font, the wasm and each extension font file had arrived;
//   * what the service worker's precache (web/offline/sw.js, registered after the extension fonts)
//     fetched on top: its requests and their bytes on the wire, counted apart from the first load.
//     With this bench's cache disabled these are whole files; a browser that keeps its HTTP cache
//     revalidates the files the page just loaded (304s) and fetches only what the page did not load.
//
//   node tests/bench/first_load_bench.mjs [runs=3]
// Env: IVD_SERVER (server binary), IVD_WEB (web folder), BENCH_KBPS (link speed, default 2000),
// BENCH_LATENCY_MS (default 100).
import {
  sleep, serverBin, webDir, tempDir, removeTemp, startRealServer, launch, state, waitFor,
} from '../browser/lib.mjs';

const runs = Number(process.argv[2] || 3);
const kbps = Number(process.env.BENCH_KBPS || 2000);
const latency = Number(process.env.BENCH_LATENCY_MS || 100);
const EXTRA_FONTS = ['font-common.ttf', 'font-ext.ttf', 'font-rare.otf'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const kb = (n) => (n / 1000).toFixed(1) + ' KB';

async function oneRun(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const bytesPerSecond = (kbps * 1000) / 8;
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond,
  });
  const requests = new Map();  // requestId -> {path, bytes on the wire}
  cdp.on('Network.requestWillBeSent', (e) => {
    requests.set(e.requestId, { path: new URL(e.request.url).pathname, bytes: 0 });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  const precache = [];  // the service worker's requests: {path, bytes on the wire}
  context.on('requestfinished', async (req) => {
    if (!req.serviceWorker()) return;
    try {
      const sz = await req.sizes();
      precache.push({ path: new URL(req.url()).pathname, bytes: sz.responseBodySize + sz.responseHeadersSize });
    } catch { /* context closing */ }
  });
  await page.goto(base + '/', { waitUntil: 'commit' });
  const s = await waitFor(page, 'first interactive frame', async () => {
    const st = await state(page);
    return st && st.firstFrameMs != null ? st : null;
  }, 60000);
  const atFirstFrame = [...requests.values()].filter((r) => r.bytes > 0).map((r) => ({ ...r }));
  // A build with a single font file (no extraFontsMs) has nothing more to wait for.
  const ext = s.extraFontsMs === undefined ? { extraFontsMs: {} } : await waitFor(page, 'extension fonts', async () => {
    const st = await state(page);
    return EXTRA_FONTS.every((f) => st.extraFontsMs[f]) ? st : null;
  }, 120000);
  await sleep(200);
  const all = [...requests.values()].filter((r) => r.bytes > 0);
  // The precache is done once the worker is active and its cache holds the files.
  const cachedFiles = await waitFor(page, 'service worker precache', () => page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    if (!reg || !reg.active) return null;
    const names = (await caches.keys()).filter((n) => n.startsWith('ivd-shell-'));
    if (!names.length) return null;
    const n = (await (await caches.open(names[0])).keys()).length;
    return n || null;
  }), 120000).catch(() => 0);
  await sleep(300);
  await context.close();
  const sum = (list) => list.reduce((a, r) => a + r.bytes, 0);
  return {
    firstFrameMs: s.firstFrameMs,
    fontMs: s.fontMs,
    runtimeMs: s.runtimeMs,
    extraMs: EXTRA_FONTS.map((f) => ext.extraFontsMs[f] || 0),
    firstBytes: sum(atFirstFrame),
    firstFiles: atFirstFrame.map((r) => `${r.path} ${r.bytes}`).join(', '),
    allBytes: sum(all),
    precacheFiles: cachedFiles,
    precacheRequests: precache.length,
    precacheBytes: sum(precache),
  };
}

async function main() {
  const tmp = tempDir();
  let server, browser;
  try {
    server = await startRealServer(tmp);
    browser = await launch();
    console.log(`server: ${serverBin}, web: ${webDir}; link ${kbps} kbit/s, ${latency} ms latency, empty cache, ${runs} runs`);
    const results = [];
    for (let i = 0; i < runs; ++i) {
      const r = await oneRun(browser, server.base);
      results.push(r);
      console.log(`run ${i + 1}: first interactive frame ${r.firstFrameMs.toFixed(0)} ms (core font ${r.fontMs.toFixed(0)} ms, ` +
                  `wasm ready ${r.runtimeMs.toFixed(0)} ms); transfer until then ${kb(r.firstBytes)} [${r.firstFiles}]; ` +
                  `extension fonts arrived ${EXTRA_FONTS.map((f, k) => `${f} ${r.extraMs[k].toFixed(0)} ms`).join(', ')}; ` +
                  `whole load ${kb(r.allBytes)}; service worker precache ${r.precacheFiles} files, ` +
                  `${r.precacheRequests} requests, ${kb(r.precacheBytes)}`);
    }
    const m = (k) => median(results.map((r) => r[k]));
    console.log(`median: first-load transfer ${kb(m('firstBytes'))} (target <= 900 KB), first interactive frame ` +
                `${(m('firstFrameMs') / 1000).toFixed(2)} s (target < 2.5 s), extension fonts loaded at ` +
                EXTRA_FONTS.map((f, k) => `${(median(results.map((r) => r.extraMs[k])) / 1000).toFixed(2)} s (${f})`).join(', ') +
                `, whole load ${kb(m('allBytes'))}; the service worker's precache after that ${kb(m('precacheBytes'))}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) server.stop();
    removeTemp(tmp);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
