// Shared helpers of the browser tests (*.test.mjs): check lines and the summary scripts/test.sh reads,
// the real server on a fresh database, Chromium, and driving the ImGui UI by the
// rectangles the app publishes from Dear ImGui's item hooks (window.__imguiItems, labels like
// "##login.username"); clicks and keys are real input events.
// Env: IVD_SERVER (server binary), IVD_WEB (web folder), IVD_KEEP=1 keeps the temporary folder.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const outDir = path.join(here, 'out');
export const serverBin = process.env.IVD_SERVER || path.join(root, 'build/native/server');
export const webDir = process.env.IVD_WEB || path.join(root, 'build/wasm/webroot');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// ---- results ----------------------------------------------------------------------------------------
const counts = { passed: 0, failed: 0 };
export function check(name, ok, detail = '') {
  if (ok) { counts.passed++; console.log(`  ok   ${name}`); } else { counts.failed++; console.log(`  FAIL ${name}${detail ? ': ' + detail : ''}`); }
  return ok;
}
// Prints "N passed, N failed" (the line scripts/test.sh counts) and exits non-zero on any failure.
export function finish() {
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  process.exit(counts.failed ? 1 : 0);
}
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- servers ----------------------------------------------------------------------------------------
export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

export async function waitHttp(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { const r = await fetch(url); if (r.status < 500) return true; } catch { /* not yet */ }
    await sleep(100);
  }
  return false;
}

// A temporary folder for the database, the browser profile and the server log.
export function tempDir() { return fs.mkdtempSync(path.join(os.tmpdir(), 'ivd-browser-')); }
export function removeTemp(tmp) {
  if (!process.env.IVD_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`kept ${tmp}`);
}

// The real server on a fresh database in tmp; demo: `server init --demo` (demo organisation and users).
export async function startRealServer(tmp, { demo = false } = {}) {
  if (!fs.existsSync(serverBin)) throw new Error(`no server binary at ${serverBin} (build it: scripts/build.sh)`);
  const db = path.join(tmp, 'ivd.db');
  execFileSync(serverBin, ['init', '--db', db, ...(demo ? ['--demo'] : [])], { stdio: 'pipe' });
  const port = await freePort();
  const proc = spawn(serverBin, ['serve', '--db', db, '--host', '127.0.0.1', '--port', String(port), '--web', webDir],
                     { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = fs.createWriteStream(path.join(tmp, 'server.log'));
  proc.stdout.pipe(log); proc.stderr.pipe(log);
  const base = `http://127.0.0.1:${port}`;
  if (!await waitHttp(base + '/', 15000)) throw new Error('the server did not answer within 15 s (see server.log)');
  return {
    base,
    // The captcha answer, read from the server's database (python3's sqlite3 reads the WAL database;
    // the server needs no test-only switch for this).
    captchaAnswer(id) {
      const script = 'import sqlite3,sys\nc=sqlite3.connect("file:"+sys.argv[1]+"?mode=ro",uri=True)\n' +
        'r=c.execute("SELECT answer FROM captchas WHERE id=?",(sys.argv[2],)).fetchone()\nprint(r[0] if r else "")';
      return execFileSync('python3', ['-c', script, db, id], { encoding: 'utf8' }).trim();
    },
    stop() { proc.kill('SIGTERM'); },
  };
}

// ---- browser ----------------------------------------------------------------------------------------
export async function launchPersistent(tmp, viewport = { width: 1366, height: 768 }, deviceScaleFactor = 1) {
  return chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport, deviceScaleFactor,
  });
}
export async function launch() { return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }); }

// Collects uncaught page errors and console errors (failed resource loads aside: refusals are 4xx).
export function collectPageErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
  return errors;
}

// Keeps the id of the latest captcha the page loaded: tracker.id (tracker.used: the one login() used last).
export function trackCaptcha(page) {
  const tracker = { id: '', used: '' };
  page.on('response', async (r) => {
    if (r.url().endsWith('/api/v1/auth/captcha') && r.ok()) {
      try { tracker.id = (await r.json()).captcha_id; } catch { /* page closing */ }
    }
  });
  return tracker;
}

// ---- driving the ImGui UI ---------------------------------------------------------------------------
export const state = (page) => page.evaluate(() => window.__appState);
export const items = (page) => page.evaluate(() => window.__imguiItems);

// An item whose label is `key` or ends with "##key".
export function findItem(list, key) {
  return list.find((i) => i.visible && (i.label === key || i.label.endsWith('##' + key)));
}
// The visible text of a label ("用户名##users.q.username" -> "用户名").
export const labelText = (item) => (item ? item.label.split('##')[0] : undefined);
// ImGuiItemStatusFlags_Checked, reported for checkboxes.
export const isChecked = (item) => Boolean(item && (item.flags & (1 << 23)));

export async function waitFor(page, what, fn, ms = 10000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const last = await fn();
    if (last) return last;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function waitItem(page, key, ms) {
  return waitFor(page, `item ${key}`, async () => findItem(await items(page), key), ms);
}

// No request in flight and the render loop idle: what the published rectangles show is on screen.
export async function waitIdle(page, ms = 10000) {
  return waitFor(page, 'idle app', async () => { const s = await state(page); return !s.busy && s.paused ? s : null; }, ms);
}

export async function waitScreen(page, screen, ms = 10000) {
  let last;
  return waitFor(page, `screen ${screen}`, async () => { last = await state(page); return last.screen === screen && !last.busy ? last : null; }, ms)
    .catch((e) => { throw new Error(`${e.message}; app state ${JSON.stringify(last)}`); });
}

// Layout settles over a frame or two (cards centre themselves on their measured height): click once
// the render loop has gone idle, i.e. the published rectangles are the ones on screen.
export async function settledItem(page, key) {
  await waitItem(page, key);
  await waitFor(page, 'idle render loop', async () => (await state(page)).paused);
  return waitItem(page, key);
}

export async function clickItem(page, key) {
  const it = await settledItem(page, key);
  await page.mouse.click(it.x + it.w / 2, it.y + it.h / 2);
  return it;
}

// Scrolls the page's body (the form, the detail page) until the item is wholly in view above the button bar.
export async function reveal(page, key) {
  const vp = page.viewportSize();
  for (let i = 0; i < 40; i++) {
    const it = (await items(page)).find((x) => x.label === key || x.label.endsWith('##' + key));
    if (it && it.visible && it.y >= 140 && it.y + it.h <= vp.height - 70) return it;
    await page.mouse.move(vp.width * 0.6, vp.height * 0.55);
    await page.mouse.wheel(0, it && it.y < 140 ? -120 : 120);
    await sleep(80);
    await waitIdle(page);
  }
  throw new Error(`could not scroll ${key} into view`);
}
export async function typeInto(page, key, text) {
  await clickItem(page, key);
  // The hidden text field of ImGui's fields, or the login's real password field (shell/login_form.js).
  await waitFor(page, `text input for ${key}`, () => page.evaluate(() =>
    window.__appState.want_text_input && document.activeElement &&
    (document.activeElement.id === 'text-input' || document.activeElement.id === 'login-password')));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text, { delay: 5 });
}

// Opens a drop-down (widgets::combo) and picks the option with that key.
export async function choose(page, comboKey, optionKey) {
  await clickItem(page, comboKey);
  await clickItem(page, `${comboKey}.${optionKey}`);
}

// Logs in through the login form; returns the app state once the next screen shows.
export async function login(page, server, captcha, username, password) {
  await waitScreen(page, 'login');
  // A captcha is single use: wait for the picture loaded after the last attempt.
  await waitFor(page, 'captcha', async () => captcha.id && captcha.id !== captcha.used && !(await state(page)).busy);
  captcha.used = captcha.id;
  await typeInto(page, 'login.username', username);
  await typeInto(page, 'login.password', password);
  await typeInto(page, 'login.captcha', server.captchaAnswer(captcha.id));
  await page.keyboard.press('Enter');
  return waitFor(page, 'screen after login', async () => {
    const s = await state(page);
    return !s.busy && (s.screen === 'main' || s.screen === 'change_password') ? s : null;
  });
}

// The forced password change after a first login, then back to the login form.
export async function changePassword(page, oldPassword, newPassword) {
  await typeInto(page, 'pwd.old', oldPassword);
  await typeInto(page, 'pwd.new', newPassword);
  await typeInto(page, 'pwd.confirm', newPassword);
  await clickItem(page, 'pwd.submit');
  await waitItem(page, 'pwd.back_to_login', 30000);  // the new password is hashed on purpose slowly
  await clickItem(page, 'pwd.back_to_login');
  await waitScreen(page, 'login');
}

// The menu keys of the left menu as drawn ("##menu.sys.users" -> "sys.users"), home aside.
export async function leftMenu(page) {
  return (await items(page)).filter((i) => /##menu\.(?!home)/.test(i.label)).map((i) => i.label.split('##menu.')[1]);
}

export async function logout(page) {
  await clickItem(page, 'account.menu');
  await clickItem(page, 'account.logout');
  await clickItem(page, 'logout.ok');
  await waitScreen(page, 'login');
}

// Opens the app in the browser's first page with its page errors collected and its captchas tracked;
// at the app's address (waiting for the first interactive frame) unless goto is false.
export async function openApp(browser, server, { goto = true } = {}) {
  const page = browser.pages()[0] || await browser.newPage();
  const pageErrors = collectPageErrors(page);
  const captcha = trackCaptcha(page);
  if (goto) {
    await page.goto(server.base + '/', { waitUntil: 'domcontentloaded' });
    await waitFirstFrame(page);
  }
  return { page, pageErrors, captcha };
}
export async function waitFirstFrame(page) {
  return waitFor(page, 'first interactive frame', async () => (await state(page)).firstFrameMs !== null, 30000);
}

// The first login of a demo account: the initial password, the forced change to newPassword when asked,
// and the login with it. Returns the app state after the last login.
export async function firstLogin(page, server, captcha, username, newPassword, initial = '123456') {
  const s = await login(page, server, captcha, username, initial);
  if (s.screen !== 'change_password') return s;
  await changePassword(page, initial, newPassword);
  return login(page, server, captcha, username, newPassword);
}

// ---- reading and waiting -----------------------------------------------------------------------------
// The text an item exposes (its label before "##"), undefined when it is not drawn.
export const messageOf = async (page, key) => labelText(findItem(await items(page), key));
export const hasItem = async (page, key) => Boolean(findItem(await items(page), key));
// What follows `prefix` in the keys of the visible items whose key starts with it ("fill.missing." ->
// ["contact_phone", ...]).
export const keysWith = async (page, prefix) => (await items(page)).filter((i) => i.visible && i.label.includes('##' + prefix))
  .map((i) => i.label.split('##' + prefix)[1]);
// Waits until the item `key` exposes `want` (a string, or a RegExp it matches); false when it did not in time.
export async function waitExposed(page, key, want, ms = 10000) {
  let last;
  try {
    await waitFor(page, `${key} = ${want}`, async () => { last = await messageOf(page, key); return want instanceof RegExp ? want.test(last || '') : last === want; }, ms);
    return true;
  } catch { return false; }
}
// A short pause for the layout, then the app idle.
export async function settle(page) { await sleep(120); await waitIdle(page); }
// A screenshot into out/ with the mouse out of the way and the app idle.
export async function screenshot(page, name, idleMs = 10000) {
  const vp = page.viewportSize();
  await page.mouse.move(vp.width - 4, vp.height - 4);
  await sleep(150);
  await waitIdle(page, idleMs);
  await page.screenshot({ path: path.join(outDir, name) });
}

// Clicks an upload button and hands the browser's file chooser `file` (a path, or {name, mimeType,
// buffer}). A chooser that does not open within `timeout` fails the test, or with optional returns false.
export async function pickFile(page, key, file, { timeout = 5000, optional = false } = {}) {
  const chooser = page.waitForEvent('filechooser', { timeout });
  chooser.catch(() => {});  // awaited below (a click that fails first leaves it unawaited)
  await clickItem(page, key);
  let fc;
  try { fc = await chooser; } catch (e) { if (optional) return false; throw e; }
  await fc.setFiles(file);
  return true;
}

// ---- the API (setup and reading back what the UI did) -------------------------------------------------
// One request below /api/v1 with the session token (none: ''); the reply's status and JSON body (null
// when it has none).
export async function api(server, token, method, p, body) {
  const r = await fetch(server.base + '/api/v1' + p, {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Session-Token': token } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: r.status, body: json };
}
// Logs in through the API (captcha answered from the database); the login reply ({token, must_change_password, ...}).
export async function apiLogin(server, username, password) {
  const c = await api(server, '', 'GET', '/auth/captcha');
  const id = c.body.captcha_id;
  const r = await api(server, '', 'POST', '/auth/login', { username, password, captcha_id: id, captcha: server.captchaAnswer(id) });
  if (r.status !== 200) throw new Error(`API login of ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
// A session token of a demo account whose initial password is changed to `password` first when asked.
export async function apiSession(server, username, password, initial = '123456') {
  const first = await apiLogin(server, username, initial);
  if (!first.must_change_password) return first.token;
  const ch = await api(server, first.token, 'POST', '/auth/change-password',
                       { old_password: initial, new_password: password, confirm_password: password });
  if (ch.status !== 200) throw new Error(`change password of ${username}: ${JSON.stringify(ch.body)}`);
  return (await apiLogin(server, username, password)).token;
}

// ---- the frame of a test ------------------------------------------------------------------------------
// Runs a browser test: out/ made, a temporary folder and the real server on a fresh database (the demo
// data set unless demo is false), then body({ tmp, server, keep }); keep(browser) returns the browser
// and has it closed at the end. An exception fails the check 'test ran to the end'. Whatever happens the
// browsers are closed, the server stopped and the folder removed; then the summary line.
export async function runBrowserTest(body, { demo = true } = {}) {
  fs.mkdirSync(outDir, { recursive: true });
  const tmp = tempDir();
  const browsers = [];
  let server;
  try {
    server = await startRealServer(tmp, { demo });
    console.log(`server: ${serverBin} at ${server.base}${demo ? ' (demo database)' : ''}`);
    await body({ tmp, server, keep: (b) => { browsers.push(b); return b; } });
  } catch (e) {
    check('test ran to the end', false, e.stack || String(e));
  } finally {
    for (const b of browsers.reverse()) await b.close().catch(() => {});
    if (server) server.stop();
    removeTemp(tmp);
  }
  finish();
}
