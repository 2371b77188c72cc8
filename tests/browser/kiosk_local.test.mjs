// Browser test of the local transport (issue 12, step 2): after a hospital user logs in, the app keeps
// a copy of the hospital's scope in IndexedDB; the engine module (core + SQLite, not part of the first
// load) answers the same as the server for the same read requests (parity), and once the server is
// gone the app's reads are answered from the copy: home, projects and the sheet still show.
//
//   node tests/browser/kiosk_local.test.mjs
// Env: IVD_SERVER (server binary), IVD_WEB (web folder), IVD_KEEP=1 keeps the temporary folder.
import {
  check, launchPersistent, openApp, firstLogin, clickItem, waitExposed, messageOf, runBrowserTest, screenshot,
  leftMenu, sleep, api, apiLogin, waitFor, items, settle,
} from './lib.mjs';
import { stopServer, restartServer } from './kiosk_lib.mjs';

runBrowserTest(async ({ tmp, server, keep }) => {
  const browser = keep(await launchPersistent(tmp));
  const { page, pageErrors, captcha } = await openApp(browser, server);
  const loaded = [];
  page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
  const s = await firstLogin(page, server, captcha, 'H34010000001', 'Kiosk2024pass');
  check('hospital logged in', s.screen === 'main', JSON.stringify(s));
  check('the first load did not fetch the engine', !loaded.some((p) => p.startsWith('/kiosk_engine')), loaded.join(','));
  const stored = await waitFor(page, 'offline copy stored', () => page.evaluate(() => window.__kioskStoredAt || null), 20000)
    .catch(() => null);
  check('the copy of the hospital is stored in IndexedDB', Boolean(stored));
  check('IndexedDB holds it', await page.evaluate(() => window.ivdKiosk.hasCopy()));

  check('the engine module arrived in the background',
        Boolean(await waitFor(page, 'engine', () => page.evaluate(() => window.__kioskEngineReady || null), 20000).catch(() => null)));
  // Offline: the reads of the screens come from the copy.
  const pre = await apiLogin(server, 'H34010000001', 'Kiosk2024pass');
  const running = (await api(server, pre.token, 'GET', '/ivd/projects')).body.items;
  await stopServer(server);
  const before = await page.evaluate(() => window.__kioskCalls || 0);
  const menus = await leftMenu(page);
  for (const m of menus.slice(0, 3)) {
    await clickItem(page, 'menu.' + m);
    await settle(page);
  }
  // The sheet of the first project (a deep link: the hash is the view).
  const sheetBefore = await page.evaluate(() => window.__kioskCalls || 0);
  await page.evaluate((pid) => { location.hash = `#/ivd.fill?project=${pid}&view=sheet`; }, running[0].id);
  await sleep(500);
  await settle(page);
  const sheetAfter = await page.evaluate(() => window.__kioskCalls || 0);
  check('the sheet was answered locally while offline', sheetAfter > sheetBefore, `${sheetBefore} -> ${sheetAfter}`);
  await screenshot(page, 'kiosk_local_sheet_offline.png');
  check('top bar shows 离线', await waitExposed(page, 'kiosk.link', '离线'), await messageOf(page, 'kiosk.link'));
  const after = await page.evaluate(() => window.__kioskCalls || 0);
  check('the screens were answered locally while offline', after > before, `${before} -> ${after}`);
  const shown = (await items(page)).filter((i) => i.visible).map((i) => i.label);
  check('no unreachable refusal shown', !shown.some((l) => l.includes('无法连接') || l.includes('web.net.unreachable')),
        shown.filter((l) => l.includes('连接')).join(' | '));
  await screenshot(page, 'kiosk_local_offline.png');
  await restartServer(tmp, server);
  // Parity: the engine's answers equal the server's for the same reads.
  const token = (await apiLogin(server, 'H34010000001', 'Kiosk2024pass')).token;
  const projects = await api(server, token, 'GET', '/ivd/projects');
  const pid = projects.body.items[0].id;
  const targets = ['/ivd/home', '/ivd/projects', `/ivd/projects/${pid}`, `/ivd/projects/${pid}/catalog`,
                   `/ivd/projects/${pid}/sheet`, `/ivd/projects/${pid}/sheet/lines`, '/supply/products?page=2&page_size=5',
                   '/supply/feedback', '/supply/calendar'];
  let same = 0;
  for (const t of targets) {
    const a = await api(server, token, 'GET', t);
    const b = await page.evaluate(([t]) => window.ivdKiosk.call('GET', t, '', 'local'), [t]);
    const ok = a.status === b.status && JSON.stringify(a.body) === b.body;
    check(`parity ${t}`, ok, ok ? '' : `${a.status} ${JSON.stringify(a.body).slice(0, 300)}\n vs ${b.status} ${b.body.slice(0, 300)}`);
    if (ok) ++same;
  }
  check('parity over every read compared', same === targets.length, `${same}/${targets.length}`);
  check('no session, no copy answer', (await page.evaluate(() => window.ivdKiosk.call('GET', '/ivd/home', '', ''))).status === 401);

  console.log('menus visited offline: ' + menus.slice(0, 3).join(', '));
  check('no page errors', pageErrors.length === 0, pageErrors.join('\n'));
  await sleep(10);
});
