// Benchmark of the sheet screen in headless Chromium (not part of the test run; issue 9 Benchmarks):
//   * the demo project's catalog is grown to 5,000 lines through the API (super admin, catalog import);
//   * open: from the first request for the sheet to a usable table (all lines loaded, validator built,
//     stored working copy read), as the screen measures it ("sheet.perf" open_ms), target < 500 ms;
//   * app work per frame of the sheet screen while scrolling (mouse wheel) and while typing, target < 4 ms;
//   * keystroke to finding: whether the frame that shows a typed character also shows its finding.
//
//   node tests/bench/sheet_frame_bench.mjs
// Env: IVD_SERVER, IVD_WEB as for the browser tests.
import {
  sleep, tempDir, removeTemp, startRealServer, launchPersistent, state, items, findItem, labelText, waitFor, waitItem,
  waitIdle, clickItem, login, changePassword, trackCaptcha,
} from '../browser/lib.mjs';
import { growCatalog } from './bench_lib.mjs';

const LINES = 5000;
const PROJECT = 1;
const HOSPITAL = 'H34010000003';
const PASSWORD = 'Bench2024pass';

async function api(server, method, path, body, token) {
  const r = await fetch(server.base + '/api/v1' + path, {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Session-Token': token } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const j = await r.json().catch(() => null);
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(j)}`);
  return j;
}
async function apiLogin(server, username, password, newPassword) {
  const cap = await api(server, 'GET', '/auth/captcha');
  let j = await api(server, 'POST', '/auth/login',
                    { username, password, captcha_id: cap.captcha_id, captcha: server.captchaAnswer(cap.captcha_id) });
  if (j.must_change_password && newPassword) {
    await api(server, 'POST', '/auth/change-password',
              { old_password: password, new_password: newPassword, confirm_password: newPassword }, j.token);
    return apiLogin(server, username, newPassword);
  }
  return j.token;
}

async function perf(page) {
  const it = findItem(await items(page), 'sheet.perf');
  return it ? JSON.parse(labelText(it)) : null;
}
const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
function report(name, us) {
  const ms = us.map((u) => u / 1000);
  const avg = ms.reduce((x, y) => x + y, 0) / Math.max(1, ms.length);
  console.log(`${name}: ${ms.length} frames, mean ${avg.toFixed(2)} ms, p95 ${pct(ms, 0.95).toFixed(2)} ms, ` +
              `max ${Math.max(...ms).toFixed(2)} ms (target < 4 ms)`);
}

async function main() {
  const tmp = tempDir();
  let server, browser;
  try {
    server = await startRealServer(tmp, { demo: true });
    // 5,000 lines: the demo catalog plus new rows (import is idempotent by 流水号 and may add rows).
    const admin = await apiLogin(server, 'admin', '123456', 'Admin2024pass');
    const size = await growCatalog(server, admin, PROJECT, LINES);
    console.log(`catalog: ${size} lines`);
    {
      const tok = await apiLogin(server, HOSPITAL, '123456', PASSWORD);
      for (const path of ['/sheet', '/sheet/lines?page=1&page_size=500', '/sheet/lines?page=2&page_size=500', '/sheet/full']) {
        const t = Date.now();
        const r = await fetch(server.base + `/api/v1/ivd/projects/${PROJECT}` + path, { headers: { 'X-Session-Token': tok } });
        const body = await r.text();
        console.log(`  server GET ${path}: ${r.status}, ${(body.length / 1024).toFixed(0)} KB, ${Date.now() - t} ms`);
      }
    }
    browser = await launchPersistent(tmp);
    const page = browser.pages()[0] || await browser.newPage();
    const captcha = trackCaptcha(page);
    await page.goto(server.base + '/', { waitUntil: 'domcontentloaded' });
    await waitFor(page, 'first frame', async () => (await state(page)).firstFrameMs !== null, 30000);
    await login(page, server, captcha, HOSPITAL, PASSWORD);
    const opens = [];
    for (let k = 0; k < 3; ++k) {
      await page.goto(server.base + `/#/ivd.fill?view=sheet&project=${PROJECT}`, { waitUntil: 'domcontentloaded' });
      await page.reload({ waitUntil: 'domcontentloaded' });
      await waitItem(page, 'sheet.status', 30000);
      await waitIdle(page);
      opens.push((await perf(page)).open_ms);
    }
    console.log(`open (request to usable table, ${size} lines, whole-sheet route): ` +
                `${opens.map((x) => x.toFixed(0)).join(', ')} ms (target < 500 ms)`);

    // Scrolling: wheel steps over the table, a frame each.
    const table = findItem(await items(page), `sheet.cell.100001.serial`);
    await page.mouse.move(table.x + 300, table.y + 150);
    let before = (await perf(page)).frames;
    for (let i = 0; i < 120; ++i) { await page.mouse.wheel(0, i < 60 ? 400 : -300); await sleep(16); }
    await waitIdle(page);
    let p = await perf(page);
    report('scrolling', p.us.slice(-(p.frames - before)));

    // Typing: a quantity cell, characters one by one; each frame's finding state is read with the text.
    for (let i = 0; i < 40; ++i) await page.mouse.wheel(0, -2000);
    await waitIdle(page);
    await clickItem(page, 'sheet.cell.100001.serial');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');  // 下年度采购需求量
    await waitFor(page, 'editor', async () => (await state(page)).want_text_input);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await waitIdle(page);
    before = (await perf(page)).frames;
    let sameFrame = 0, checked = 0;
    const text = '12x4567890';
    for (let i = 0; i < text.length; ++i) {
      await page.keyboard.type(text[i]);
      // Poll until the frame that shows the typed text is published; its cell state must already match.
      const want = text.slice(0, i + 1);
      const seen = await waitFor(page, 'typed text', () => page.evaluate((want) => {
        const s = window.__appState;
        if (s.active_text !== want) return null;
        const it = window.__imguiItems.find((x) => x.label.endsWith('##sheet.cell.100001.demand'));
        return { state: it ? it.label.split('##')[0] : undefined };
      }, want));
      ++checked;
      if ((seen.state === 'error') === /x/.test(want)) ++sameFrame;
    }
    await waitIdle(page);
    p = await perf(page);
    report('typing', p.us.slice(-(p.frames - before)));
    console.log(`keystroke to finding: ${sameFrame}/${checked} keystrokes showed their finding in the frame that showed the text (target: all)`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) server.stop();
    removeTemp(tmp);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
