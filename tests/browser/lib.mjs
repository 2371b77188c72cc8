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
  await waitItem(page, 'pwd.back_to_login');
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
