// Browser test of the app surviving a reload and a closed tab while the server is gone (issue 12 §2,
// §5): a hospital user logs in online, which leaves the offline copy and the unlock record (a salted
// verifier, never the password) in IndexedDB and the app's files in the service worker's cache. With
// the server stopped, a reload brings the app back from that cache, still logged in (the tab's session),
// showing 离线, with 首页, 报量项目管理 and a sheet answered from the local copy. A new tab starts at the
// login form, which goes without the captcha offline: a user without a record here, and a wrong
// password, are refused; the right password unlocks and the sheet opens. Too many wrong passwords make
// the terminal wait.
//
//   node tests/browser/kiosk_reload.test.mjs
// Env: IVD_SERVER (server binary), IVD_WEB (web folder), IVD_KEEP=1 keeps the temporary folder.
import {
  check, launchPersistent, openApp, firstLogin, clickItem, typeInto, waitExposed, messageOf, hasItem, keysWith,
  runBrowserTest, screenshot, sleep, api, apiLogin, waitFor, waitFirstFrame, waitScreen, state, settle,
  collectPageErrors, findItem, items,
} from './lib.mjs';
import { stopServer, offlineLogin } from './kiosk_lib.mjs';

const USER = 'H34010000001';
const PASSWORD = 'Kiosk2024pass';

// The files the page is served from offline: the service worker's cache (web/offline/sw.js).
async function cachedFiles(page) {
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((n) => n.startsWith('ivd-shell-'));
    if (names.length !== 1) return { names, files: [] };
    const cache = await caches.open(names[0]);
    return { names, files: (await cache.keys()).map((r) => new URL(r.url).pathname) };
  });
}

// The sheet of a project by its deep link (the hash is the view); true once it shows its status line.
async function openSheet(page, pid) {
  await page.evaluate((p) => { location.hash = `#/ivd.fill?project=${p}&view=sheet`; }, pid);
  const shown = await waitFor(page, 'sheet', async () => (await hasItem(page, 'sheet.status')) || (await hasItem(page, 'sheet.not_editable')),
                              20000).catch(() => false);
  return shown && !(await hasItem(page, 'sheet.load_error'));
}

runBrowserTest(async ({ tmp, server, keep }) => {
  const browser = keep(await launchPersistent(tmp));
  const { page, pageErrors, captcha } = await openApp(browser, server);
  const s = await firstLogin(page, server, captcha, USER, PASSWORD);
  check('hospital logged in online', s.screen === 'main', JSON.stringify(s));
  check('the offline copy is stored', Boolean(await waitFor(page, 'copy', () => page.evaluate(() => window.__kioskStoredAt || null), 20000)
    .catch(() => null)));
  check('the unlock record is stored', Boolean(await waitFor(page, 'unlock record', () => page.evaluate(() => window.__unlockStoredAt || null), 20000)
    .catch(() => null)));
  const record = JSON.parse(await page.evaluate(() => window.ivdKiosk.readUnlock()) || 'null');
  check('the record holds the user, a 16-byte salt and a verifier', Boolean(record) && record.username === USER &&
        atob(record.salt).length === 16 && atob(record.verifier).length === 32 && record.iterations > 0,
        JSON.stringify(record));
  check('the record does not hold the password', !JSON.stringify(record).includes(PASSWORD));
  // The service worker took the page and filled its cache (after the first frame and the extension fonts).
  const controlled = await waitFor(page, 'service worker', () => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 30000)
    .catch(() => false);
  check('a service worker controls the page', controlled);
  const cached = await waitFor(page, 'cache filled', async () => { const c = await cachedFiles(page); return c.files.length ? c : null; }, 30000)
    .catch(() => ({ names: [], files: [] }));
  const needed = ['/', '/index.html', '/style.css', '/shell.js', '/app.js', '/app.wasm', '/font.ttf', '/kiosk.js',
                  '/kiosk_engine.js', '/kiosk_engine.wasm'];
  const missing = needed.filter((f) => !cached.files.includes(f));
  check('the cache holds the app shell, the fonts and the kiosk engine', missing.length === 0 && cached.files.includes('/font-common.ttf'),
        `missing ${missing.join(',')}; cached ${cached.files.join(',')}`);
  check('the cache holds no API answer and no precompressed copy', !cached.files.some((f) => f.startsWith('/api/') || /\.(br|gz)$/.test(f)),
        cached.files.join(','));

  const running = (await api(server, (await apiLogin(server, USER, PASSWORD)).token, 'GET', '/ivd/projects')).body.items;
  const pid = running[0].id;
  await stopServer(server);

  // 1. Reload with the server gone: the app comes from the service worker, the session from this tab.
  const reloaded = await page.reload({ waitUntil: 'domcontentloaded' });
  check('the reload was answered by the service worker', Boolean(reloaded && reloaded.fromServiceWorker()));
  await waitFirstFrame(page);
  const after = await waitScreen(page, 'main', 20000).catch((e) => ({ screen: String(e) }));
  check('after the reload the app is there, still logged in', after.screen === 'main', JSON.stringify(after));
  check('top bar shows 离线', await waitExposed(page, 'kiosk.link', '离线'), await messageOf(page, 'kiosk.link'));
  await clickItem(page, 'menu.home');
  await settle(page);
  const phases = await waitFor(page, '首页', async () => { const k = await keysWith(page, 'home.phase.'); return k.length ? k : null; }, 15000)
    .catch(() => []);
  check('首页 shows the projects from the local copy', phases.length > 0 && !(await hasItem(page, 'home.error')),
        await messageOf(page, 'home.error'));
  await clickItem(page, 'menu.ivd.fill');
  check('报量项目管理 lists the project from the local copy',
        await waitExposed(page, `fill.sheet_status.${pid}`, /.+/, 15000), (await keysWith(page, 'fill.')).join(','));
  check('the sheet opens from the local copy', await openSheet(page, pid), await messageOf(page, 'sheet.load_error'));
  await screenshot(page, 'kiosk_reload_sheet.png');

  // 2. The tab closed and a new one opened: no session in it, the login form works offline.
  await page.close();
  const page2 = await browser.newPage();
  const errors2 = collectPageErrors(page2);
  const opened = await page2.goto(server.base + '/', { waitUntil: 'domcontentloaded' });
  check('the new tab was answered by the service worker', Boolean(opened && opened.fromServiceWorker()));
  await waitFirstFrame(page2);
  await waitScreen(page2, 'login', 20000);
  check('the login form says it works offline', await waitExposed(page2, 'login.offline_notice', /离线/),
        await messageOf(page2, 'login.offline_notice'));
  check('the login form asks for no captcha offline', !(await hasItem(page2, 'login.captcha')));
  await screenshot(page2, 'kiosk_reload_login.png');

  const other = await offlineLogin(page2, 'H34010000002', PASSWORD);
  check('a user without a record here is told to log in online once', other === '此浏览器没有该用户的离线数据，请联网后登录一次', other);
  const wrong = await offlineLogin(page2, USER, 'Wrong2024pass');
  check('a wrong password is refused as online', wrong === '用户名或密码错误', wrong);
  check('still on the login form', (await state(page2)).screen === 'login');
  const right = await offlineLogin(page2, USER, PASSWORD);
  const s2 = await state(page2);
  check('the right password unlocks', right === '' && s2.screen === 'main', `${right} ${JSON.stringify(s2)}`);
  check('the unlocked app shows 离线', await waitExposed(page2, 'kiosk.link', '离线'), await messageOf(page2, 'kiosk.link'));
  check('the unlocked user is the hospital user', (await state(page2)).username === USER, (await state(page2)).username);
  check('the sheet opens after the offline unlock', await openSheet(page2, pid), await messageOf(page2, 'sheet.load_error'));
  await screenshot(page2, 'kiosk_reload_unlocked.png');

  // 3. Too many wrong passwords: the terminal waits, even for the right one (and the wait is kept).
  await clickItem(page2, 'account.menu');
  await clickItem(page2, 'account.logout');
  await clickItem(page2, 'logout.ok');
  await waitScreen(page2, 'login');
  const refusals = [];
  for (let i = 0; i < 5; ++i) refusals.push(await offlineLogin(page2, USER, `Wrong${i}pass`));
  check('the fifth wrong password makes the terminal wait', /错误次数过多.*15 分钟/.test(refusals[4]), refusals.join(' | '));
  const waiting = await offlineLogin(page2, USER, PASSWORD);
  check('during the wait the right password is refused too', /错误次数过多/.test(waiting), waiting);
  const kept = JSON.parse(await page2.evaluate(() => window.ivdKiosk.readUnlock()) || 'null');
  check('the wait is kept with the record', Boolean(kept) && kept.locked_until > Date.now() / 1000, JSON.stringify(kept));

  check('no page errors', pageErrors.length === 0 && errors2.length === 0, [...pageErrors, ...errors2].join('\n'));
});
