// Browser test of offline writes and their sync (issue 12 §3, §5): the sheet typed and 暂存ed while the
// server cannot be reached is kept in the browser's outbox and goes up when the server is back, with
// the totals the server then computes; a change the server refuses because the sheet moved meanwhile
// stays with its reason and is resolved cell by cell; twenty offline/online switches while typing lose
// nothing and apply nothing twice.
//
//   node tests/browser/kiosk_sync.test.mjs
// Env: IVD_SERVER (server binary), IVD_WEB (web folder), IVD_KEEP=1 keeps the temporary folder.
import {
  check, launchPersistent, openApp, firstLogin, clickItem, waitExposed, messageOf, runBrowserTest, screenshot,
  sleep, api, apiLogin, waitFor, waitItem, settle, waitFirstFrame, keysWith, hasItem, items, labelText, collectPageErrors, trackCaptcha, waitScreen, state, login,
} from './lib.mjs';
import { typeCell, drawnSerials } from './ivd_lib.mjs';
import { stopServer, restartServer, waitContains, offlineLogin } from './kiosk_lib.mjs';

const HOSPITAL = 'H34010000003';  // a sheet in 暂存 in the demo's 执行中 project
const PASSWORD = 'Offline2024pass';
const PROJECT = 1;
const SHEET_HASH = `#/ivd.fill?view=sheet&project=${PROJECT}`;

async function typeValue(page, serial, column, text) {
  await typeCell(page, serial, column, text);
  await page.keyboard.press('Enter');
  await settle(page);
}
async function serverSheet(server, token) {
  return (await api(server, token, 'GET', `/ivd/projects/${PROJECT}/sheet`)).body;
}
async function serverLine(server, token, serial) {
  const r = await api(server, token, 'GET', `/ivd/projects/${PROJECT}/sheet/lines?serial=${encodeURIComponent(serial)}`);
  return (r.body.items || []).find((l) => l.serial === serial) || null;
}
const link = (page) => messageOf(page, 'kiosk.link');
// The browser is offline (the server itself keeps running): its requests fail before they are sent.
async function cutLine(page) { await page.context().setOffline(true); }
async function restoreLine(page) { await page.context().setOffline(false); }
async function waitSynced(page, ms = 30000) {
  return waitFor(page, 'everything sent', async () => {
    const t = await link(page);
    return t === '在线' ? t : null;
  }, ms).catch(async () => link(page));
}

runBrowserTest(async ({ tmp, server, keep }) => {
  const browser = keep(await launchPersistent(tmp));
  let { page, pageErrors, captcha } = await openApp(browser, server);
  const changeIds = [];
  const saves = [];  // every 暂存 the server answered 200: its change id ('' = sent online by the screen)
  const trail = [];  // every 暂存 request: what became of it (for the report when a check fails)
  const watch = (p) => {
    p.on('request', (r) => { const id = r.headers()['x-change-id']; if (id) changeIds.push(id); });
    p.on('response', async (r) => {
      if (r.request().method() !== 'POST' || !r.url().endsWith('/sheet/draft')) return;
      const id = r.request().headers()['x-change-id'] || '';
      let rev = null;
      try { rev = (await r.json()).sheet?.revision ?? null; } catch { /* no body */ }
      trail.push(`${r.status()}:${id.slice(0, 6) || 'direct'}:${rev}`);
      if (r.status() === 200) saves.push({ id, rev });
    });
    p.on('requestfailed', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/sheet/draft'))
        trail.push(`failed:${(r.headers()['x-change-id'] || 'direct').slice(0, 6)}:${r.failure()?.errorText}`);
    });
  };
  watch(page);
  const s = await firstLogin(page, server, captcha, HOSPITAL, PASSWORD);
  check('the hospital logs in', s.screen === 'main', JSON.stringify(s));
  await waitFor(page, 'offline copy stored', () => page.evaluate(() => window.__kioskStoredAt || null), 30000).catch(() => null);
  check('the copy is stored', await page.evaluate(() => window.ivdKiosk && window.ivdKiosk.hasCopy()));
  const token = (await apiLogin(server, HOSPITAL, PASSWORD)).token;  // "another tab" of the same clerk

  await page.goto(server.base + '/' + SHEET_HASH, { waitUntil: 'domcontentloaded' });
  await waitFirstFrame(page);
  await waitItem(page, 'sheet.status', 30000);
  await settle(page);
  const [a, b, c, d] = await drawnSerials(page);
  const before = await serverSheet(server, token);
  const lineA = await serverLine(server, token, a), lineC = await serverLine(server, token, c);
  const lineD = await serverLine(server, token, d);

  // ---- 1. offline: typed, 暂存 kept locally, the server down -----------------------------------------
  await stopServer(server);
  await typeValue(page, a, 'last_year', '111');
  await typeValue(page, b, 'demand', '222');
  await clickItem(page, 'sheet.save');
  const kept = await waitContains(page, 'sheet.saved', '已暂存在本机', 15000);
  check('offline 暂存 is kept on this computer', kept, await messageOf(page, 'sheet.saved'));
  check('the top bar counts one change not sent', await waitExposed(page, 'kiosk.link', '离线 · 1 项未同步'), await link(page));
  check('the offline banner names what needs the server', await hasItem(page, 'kiosk.offline.banner'));
  await typeValue(page, c, 'last_year', '333');
  await clickItem(page, 'sheet.save');
  await settle(page);
  check('a second offline 暂存 of the sheet replaces the first (still one change)',
        await waitExposed(page, 'kiosk.link', '离线 · 1 项未同步'), await link(page));
  await screenshot(page, 'kiosk_sync_offline.png');
  await clickItem(page, 'kiosk.link.open');
  await settle(page);
  check('the outbox lists the kept 暂存', ((await messageOf(page, 'kiosk.outbox.0')) || '').includes('报量表暂存'),
        await messageOf(page, 'kiosk.outbox.0'));
  await clickItem(page, 'kiosk.outbox.close');
  // 提交 needs the server: on the 提交 page (read from the copy) it is disabled with the reason.
  await page.evaluate((pid) => { location.hash = `#/ivd.fill?project=${pid}&view=submit`; }, PROJECT);
  await waitItem(page, 'fill.missing.title', 20000).catch(() => null);
  // The buttons are at the end of the page; what they show is read whether scrolled into view or not.
  const submitNote = await waitFor(page, '提交 and its reason', async () => {
    const it = (await items(page)).find((i) => i.label.endsWith('##fill.submit.needs_server'));
    return it ? labelText(it) : null;
  }, 20000).catch(() => '');
  check('offline, 提交 is disabled with the reason shown', submitNote.includes('需要连接服务器'), submitNote);
  check('uploads are disabled offline with the reason', await waitContains(page, 'fill.commitment.needs_server', '需要连接服务器'),
        await messageOf(page, 'fill.commitment.needs_server'));
  await screenshot(page, 'kiosk_sync_submit_offline.png');
  await page.evaluate(() => history.back());
  await waitItem(page, 'sheet.status', 20000);
  await settle(page);
  check('back on the sheet: the three cells are kept on this computer, nothing else typed',
        (await messageOf(page, 'sheet.kept_offline')) === '3' && (await messageOf(page, 'sheet.status')) === '0',
        `${await messageOf(page, 'sheet.kept_offline')} kept, ${await messageOf(page, 'sheet.status')} typed`);

  // A reload while offline: the app comes from the service worker, the tab's session and the kept 暂存 stay.
  await waitFor(page, 'service worker', () => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 30000)
    .catch(() => null);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitFirstFrame(page);
  await waitItem(page, 'sheet.status', 30000);
  await settle(page);
  check('after a reload offline the sheet is back with the kept cells',
        (await messageOf(page, 'sheet.kept_offline')) === '3', await messageOf(page, 'sheet.kept_offline'));
  check('and the change still waits', await waitContains(page, 'kiosk.link', '离线 · 1 项未同步'), await link(page));
  // Typed (not 暂存'd), then the tab closed and a new one opened: the offline unlock, the typing is there.
  await typeValue(page, d, 'last_year', '4444');
  check('one more cell typed', (await messageOf(page, 'sheet.status')) === '1', await messageOf(page, 'sheet.status'));
  const firstErrors = pageErrors;
  await page.close();
  page = await browser.newPage();
  pageErrors = collectPageErrors(page);
  captcha = trackCaptcha(page);
  watch(page);
  await page.goto(server.base + '/', { waitUntil: 'domcontentloaded' });
  await waitFirstFrame(page);
  await waitScreen(page, 'login', 20000);
  const unlocked = await offlineLogin(page, HOSPITAL, PASSWORD);
  check('a new tab offline: the password unlocks locally', unlocked === '' && (await state(page)).screen === 'main', unlocked);
  await page.evaluate((h) => { location.hash = h; }, SHEET_HASH);
  await waitItem(page, 'sheet.status', 30000);
  await settle(page);
  check('after closing and reopening the tab: the kept cells and the typed one are there',
        (await messageOf(page, 'sheet.kept_offline')) === '3' && (await messageOf(page, 'sheet.status')) === '1',
        `${await messageOf(page, 'sheet.kept_offline')} kept, ${await messageOf(page, 'sheet.status')} typed`);
  await clickItem(page, 'sheet.save');
  check('暂存 of all four offline', await waitContains(page, 'sheet.status', '0', 15000) &&
        (await messageOf(page, 'sheet.kept_offline')) === '4', await messageOf(page, 'sheet.kept_offline'));
  await screenshot(page, 'kiosk_sync_reopened.png');

  // ---- 2. the server is back: log in again (the session was unlocked offline), the change goes up ------
  await restartServer(tmp, server);
  await waitScreen(page, 'login', 30000);
  check('the app asks to log in again to send what it kept',
        await waitContains(page, 'login.notice', '请重新登录', 10000), await messageOf(page, 'login.notice'));
  const relogin = await login(page, server, captcha, HOSPITAL, PASSWORD);
  check('logged in online again', relogin.screen === 'main', JSON.stringify(relogin));
  const synced = await waitSynced(page);
  check('the change is sent when the server is back (在线, nothing left)', synced === '在线', synced);
  const after = await serverSheet(server, token);
  check('the server holds the values typed offline',
        (await serverLine(server, token, a))?.last_year === '111' && (await serverLine(server, token, b))?.demand === '222' &&
        (await serverLine(server, token, c))?.last_year === '333' && (await serverLine(server, token, d))?.last_year === '4444');
  const expected = before.last_year_total - Number(lineA.last_year || 0) - Number(lineC.last_year || 0) -
    Number(lineD.last_year || 0) + 111 + 333 + 4444;
  check('the sheet total matches the synced lines', after.last_year_total === expected, `${after.last_year_total} vs ${expected}`);
  check('one change applied once (revision +1)', after.revision === before.revision + 1, `${before.revision} -> ${after.revision}`);
  check('it carried a change id', changeIds.length >= 1, String(changeIds.length));

  // ---- 3. conflict: another tab saved the same cell while this one was offline ------------------------
  await page.evaluate((h) => { location.hash = h; }, SHEET_HASH);
  await waitItem(page, 'sheet.status', 30000);
  await settle(page);
  check('the sheet read from the server after the sync has nothing left to send',
        (await messageOf(page, 'sheet.kept_offline')) === '0' && (await messageOf(page, 'sheet.status')) === '0',
        `${await messageOf(page, 'sheet.kept_offline')} kept, ${await messageOf(page, 'sheet.status')} typed`);
  await clickItem(page, 'sheet.save');  // the screen's base follows the server (revision moved by the sync)
  await settle(page);
  if (await hasItem(page, 'sheet.conflict.apply')) { await clickItem(page, 'sheet.conflict.apply'); await settle(page); }
  await cutLine(page);
  await typeValue(page, a, 'last_year', '444');
  await clickItem(page, 'sheet.save');
  check('kept offline again', await waitContains(page, 'kiosk.link', '1 项未同步', 15000), await link(page));
  const now = await serverSheet(server, token);
  const other = await api(server, token, 'POST', `/ivd/projects/${PROJECT}/sheet/draft`,
                          { revision: now.revision, lines: [{ serial: a, last_year: '555' }] });
  check('another tab 暂存s the same cell meanwhile', other.status === 200, JSON.stringify(other.body).slice(0, 200));
  await restoreLine(page);
  const refused = await waitFor(page, 'refused change', async () => {
    await clickItem(page, 'kiosk.link.open');
    await settle(page);
    const t = await messageOf(page, 'kiosk.outbox.0');
    await clickItem(page, 'kiosk.outbox.close');
    await settle(page);
    return t && t.includes('服务器未接受') ? t : null;
  }, 30000).catch(() => null);
  check('the server refuses the stale change and it stays with its reason', Boolean(refused), String(refused));
  check('the server kept the other tab\'s value', (await serverLine(server, token, a))?.last_year === '555');
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitFirstFrame(page);
  await waitItem(page, 'sheet.conflict.apply', 30000);
  await settle(page);
  check('opening the sheet shows the cell both changed with both values',
        (await messageOf(page, `sheet.conflict.${a}.last_year.values`)) === '555|444',
        await messageOf(page, `sheet.conflict.${a}.last_year.values`));
  await screenshot(page, 'kiosk_sync_conflict.png');
  await clickItem(page, `sheet.conflict.${a}.last_year.mine`);
  await clickItem(page, 'sheet.conflict.apply');
  await settle(page);
  await clickItem(page, 'sheet.save');
  await waitItem(page, 'sheet.saved', 15000);
  check('the clerk\'s choice reached the server', (await serverLine(server, token, a))?.last_year === '444');
  check('the refused change is superseded by the save (nothing left)', await waitExposed(page, 'kiosk.link', '在线'), await link(page));

  // ---- 4. twenty offline/online switches while typing ------------------------------------------------
  const revBefore = (await serverSheet(server, token)).revision;
  const idsBefore = changeIds.length;
  const savesBefore = saves.length;
  const trailBefore = trail.length;
  const typed = {};
  const serials = [a, b, c, d];
  for (let i = 0; i < 20; ++i) {
    const offline = i % 2 === 0;
    if (offline) await cutLine(page); else await restoreLine(page);
    const serial = serials[i % serials.length];
    const value = String(1000 + i);
    await typeValue(page, serial, 'demand', value);
    typed[serial] = value;
    // 暂存 while offline (kept, then sent when the line is back, maybe while typing goes on).
    if (offline) await clickItem(page, 'sheet.save');
    await sleep(150);
  }
  await restoreLine(page);
  await settle(page);
  // Whatever is still typed and not sent goes up with one more 暂存 once everything queued is through.
  const flapSynced = await waitSynced(page, 45000);
  check('after the flapping everything is sent', flapSynced === '在线',
        `${flapSynced}: ${(await page.evaluate(() => window.ivdKiosk.outbox())).slice(0, 600)} ${trail.slice(trailBefore).join(' ')}`);
  if (await hasItem(page, 'sheet.conflict.apply')) { await clickItem(page, 'sheet.conflict.apply'); await settle(page); }
  await clickItem(page, 'sheet.save');
  await waitItem(page, 'sheet.saved', 15000);
  await settle(page);
  let lost = [];
  for (const [serial, value] of Object.entries(typed)) {
    const l = await serverLine(server, token, serial);
    if (l?.demand !== value) lost.push(`${serial}: ${l?.demand} != ${value}`);
  }
  check('nothing typed while flapping is lost', lost.length === 0, lost.join('; '));
  const revAfter = (await serverSheet(server, token)).revision;
  const answered = saves.slice(savesBefore);
  const direct = answered.filter((a) => a.id === '').length;
  const byId = new Map();
  for (const a of answered.filter((x) => x.id !== '')) byId.set(a.id, [...(byId.get(a.id) || []), a.rev]);
  const twice = [...byId.entries()].filter(([, revs]) => new Set(revs).size > 1);
  check('nothing applied twice: a change sent again got the answer of its first application',
        twice.length === 0, JSON.stringify(twice));
  check('every applied save is one revision (none lost, none doubled)', revAfter - revBefore === direct + byId.size,
        `${revBefore} -> ${revAfter}; ${direct} saves online, ${byId.size} changes from the outbox; ${trail.slice(trailBefore).join(' ')}`);
  console.log(`flap: ${byId.size} changes sent through the outbox in ${changeIds.length - idsBefore} requests, ${direct} saves online; revision ${revBefore} -> ${revAfter}`);

  // ---- 5. kiosk mode on purpose: the copy answers, changes go up in the background ------------------
  // The copy as the server last gave it: fetched after the last save this page made.
  const updated = (await serverSheet(server, token)).updated_at;
  await waitFor(page, 'a fresh copy', () => page.evaluate((u) => (window.__kioskStoredAt || 0) >= u, updated), 20000)
    .catch(() => null);
  await page.goto(`${server.base}/?kiosk=1${SHEET_HASH}`, { waitUntil: 'domcontentloaded' });
  await waitFirstFrame(page);
  await waitItem(page, 'sheet.status', 30000);
  await settle(page);
  const localBefore = await page.evaluate(() => window.__kioskCalls || 0);
  check('kiosk mode: the sheet is read from this browser\'s copy with the server running', localBefore > 0, String(localBefore));
  check('kiosk mode shows 离线 (working on the copy)', (await link(page)).startsWith('离线'), await link(page));
  await typeValue(page, a, 'change_note', '本机模式填写');
  await clickItem(page, 'sheet.save');
  check('kiosk mode: 暂存 is kept locally', await waitContains(page, 'sheet.saved', '已暂存在本机', 15000),
        `${await messageOf(page, 'sheet.saved')} / ${await messageOf(page, 'sheet.save_error')} / ${await link(page)} / ` +
        `${await messageOf(page, 'sheet.status')} typed / ${await messageOf(page, 'sheet.kept_offline')} kept`);
  const kioskSent = await waitFor(page, 'kiosk change on the server', async () => {
    const l = await serverLine(server, token, a);
    return l && l.change_note === '本机模式填写' ? l : null;
  }, 30000).catch(() => null);
  check('kiosk mode: the change went up in the background', Boolean(kioskSent));
  await page.goto(`${server.base}/?kiosk=0`, { waitUntil: 'domcontentloaded' });
  await waitFirstFrame(page);
  check('?kiosk=0 ends kiosk mode', await page.evaluate(() => localStorage.getItem('ivd.kiosk') === null));

  check('no page errors', firstErrors.length + pageErrors.length === 0, [...firstErrors, ...pageErrors].join('\n'));
});
