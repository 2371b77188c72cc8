// Benchmark of offline writes (issue 12, not part of the test run): a hospital's sheet of 5,000 lines,
// every line changed by one pasted TSV block while the page cannot reach the server, then:
//   * local 暂存 offline: from the click to "已暂存在本机" (the engine replays the outbox with the new
//     5,000-line change over the copy and answers it);
//   * storage of that draft: the outbox entry, the sheet's working copy, the browser's own estimate;
//   * sync: from the line coming back to everything accepted by the server (在线, nothing left), and
//     the server's totals then.
//
//   node tests/bench/kiosk_sync_bench.mjs
// Env: IVD_SERVER, IVD_WEB as for the browser tests.
import {
  sleep, tempDir, removeTemp, startRealServer, launchPersistent, waitFor, waitItem, waitIdle, clickItem, api, apiLogin,
  apiSession, openApp, firstLogin, messageOf, waitFirstFrame,
} from '../browser/lib.mjs';
import { growCatalog } from './bench_lib.mjs';

const LINES = 5000;
const PROJECT = 1;
const HOSPITAL = 'H34010000003';
const PASSWORD = 'Bench2024pass';

async function main() {
  const tmp = tempDir();
  let server, browser;
  try {
    server = await startRealServer(tmp, { demo: true });
    const admin = await apiSession(server, 'admin', 'Admin2024pass');
    const size = await growCatalog(server, admin, PROJECT, LINES);

    browser = await launchPersistent(tmp);
    await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
    const { page, captcha } = await openApp(browser, server);
    await firstLogin(page, server, captcha, HOSPITAL, PASSWORD);
    await waitFor(page, 'copy stored', () => page.evaluate(() => window.__kioskStoredAt || null), 60000);
    await waitFor(page, 'engine', () => page.evaluate(() => window.__kioskEngineReady || null), 60000);
    const token = (await apiLogin(server, HOSPITAL, PASSWORD)).token;
    await page.goto(server.base + `/#/ivd.fill?view=sheet&project=${PROJECT}`, { waitUntil: 'domcontentloaded' });
    await waitFirstFrame(page);
    await waitItem(page, 'sheet.status', 60000);
    await waitIdle(page);
    const before = (await api(server, token, 'GET', `/ivd/projects/${PROJECT}/sheet`)).body;

    // Offline, every line changed at once: a TSV block pasted at the first line's 上年度 cell.
    await page.context().setOffline(true);
    const first = (await page.evaluate(() => window.__imguiItems.filter((i) => /##sheet\.cell\..+\.serial$/.test(i.label))
      .sort((a, b) => a.y - b.y)[0].label.split('##sheet.cell.')[1].replace(/\.serial$/, '')));
    await clickItem(page, `sheet.cell.${first}.serial`);
    await page.keyboard.press('Tab');
    await waitIdle(page);
    const tsv = Array.from({ length: size }, (_, i) => `${100 + (i % 900)}\t${200 + (i % 700)}`).join('\r\n');
    await page.evaluate((t) => navigator.clipboard.writeText(t), tsv);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+V');
    await waitFor(page, 'pasted', async () => Number(await messageOf(page, 'sheet.status')) >= size - 1, 60000);
    const edited = Number(await messageOf(page, 'sheet.status'));

    const saves = [];
    for (let k = 0; k < 3; ++k) {
      // Each round replays the whole 5,000-line change over the copy (it replaces the unsent one).
      const t0 = Date.now();
      await clickItem(page, 'sheet.save');
      await waitFor(page, 'kept', async () => ((await messageOf(page, 'sheet.saved')) || '').includes('本机'), 60000);
      saves.push(Date.now() - t0);
      await sleep(500);  // offline the app asks the server every 3 s, so it is never idle for long
    }
    console.log(`local 暂存 offline, ${size} lines (${edited} changed cells): ${saves.join(', ')} ms (click to 已暂存在本机, incl. the frame)`);

    const use = await page.evaluate(() => window.ivdKiosk.usage());
    const wc = await page.evaluate(() => new Promise((resolve) => {
      const r = indexedDB.open('ivd-local');
      r.onsuccess = () => {
        const db = r.result;
        const names = Array.from(db.objectStoreNames);
        const tx = db.transaction(names, 'readonly');
        let bytes = 0;
        names.forEach((n) => { tx.objectStore(n).openCursor().onsuccess = (e) => {
          const c = e.target.result; if (!c) return; bytes += new Blob([typeof c.value === 'string' ? c.value : JSON.stringify(c.value)]).size; c.continue(); }; });
        tx.oncomplete = () => resolve(bytes);
        tx.onerror = () => resolve(-1);
      };
      r.onerror = () => resolve(-1);
    }));
    console.log(`storage of the ${size}-line draft: outbox ${(use.outbox / 1024).toFixed(0)} KB, sheet working copy ` +
                `${(wc / 1024).toFixed(0)} KB, offline copy ${(use.copy / 1024).toFixed(0)} KB; browser estimate ` +
                `${(use.used / 1048576).toFixed(1)} MB of ${(use.quota / 1048576).toFixed(0)} MB`);

    const t1 = Date.now();
    await page.context().setOffline(false);
    let sending = 0;
    await waitFor(page, 'synced', async () => {
      const t = await messageOf(page, 'kiosk.link');
      if (!sending && t && t.startsWith('同步中')) sending = Date.now();
      return t === '在线';
    }, 120000);
    const syncMs = Date.now() - t1;
    console.log(`  (server reached again after ${sending ? sending - t1 : '?'} ms: the app asks every 3 s while offline)`);
    const after = (await api(server, token, 'GET', `/ivd/projects/${PROJECT}/sheet`)).body;
    console.log(`sync of ${size} changed lines: ${syncMs} ms (line back to 在线, incl. the 3 s probe); ` +
                `revision ${before.revision} -> ${after.revision}, 上年度 total ${before.last_year_total} -> ${after.last_year_total}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) server.stop();
    removeTemp(tmp);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
