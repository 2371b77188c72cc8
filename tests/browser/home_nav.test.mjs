// Browser end-to-end test of 首页 and of moving around like a web page, through the real UI in
// Debian's Chromium on the demo data set (`server init --demo`):
//   * the login form holds real username / password inputs the browser's password manager knows
//     (autocomplete=username / current-password), and the password typed there logs in;
//   * a hospital whose sheet was rejected sees the reason on its 首页, and the link opens its sheet's
//     route; a city admin sees the count of sheets to review (as the database has it); the province
//     and the super admin see theirs (screenshots of each role's 首页 at 1366×768);
//   * Back and Forward move between menus (URL hash); a deep link (#/sys.users) lands on its screen
//     after the session is restored; a reload keeps the session and the route; logout clears both;
//   * Esc in an open drop-down of the user dialog closes only the drop-down; a table cell's text is
//     copied with a right click;
//   * the users screen at 1280×720, 3840×2160 (devicePixelRatio 1) and 150 % zoom keeps its pager in view.
//
//   node tests/browser/home_nav.test.mjs
// Env: IVD_SERVER (server binary), IVD_WEB (web folder), IVD_KEEP=1 keeps the temporary folder.
// Prints "N passed, N failed" last; exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  check, sleep, launch, collectPageErrors, trackCaptcha, state, items, findItem, waitFor, waitItem, waitIdle,
  waitScreen, clickItem, logout, runBrowserTest, messageOf, screenshot, firstLogin,
} from './lib.mjs';

const NEW_PASSWORD = 'Demo2024pass';

// One value from the demo database (read-only, like the captcha answers).
function sql(tmp, query) {
  const script = 'import sqlite3,sys\nc=sqlite3.connect("file:"+sys.argv[1]+"?mode=ro",uri=True)\n' +
    'r=c.execute(sys.argv[2]).fetchone()\nprint(r[0] if r else "")';
  return execFileSync('python3', ['-c', script, path.join(tmp, 'ivd.db'), query], { encoding: 'utf8' }).trim();
}

const route = async (page) => (await state(page)).route;
const hash = (page) => page.evaluate(() => location.hash);

runBrowserTest(async ({ tmp, server, keep }) => {
  const pid = sql(tmp, 'SELECT id FROM ivd_projects ORDER BY id DESC LIMIT 1');
  const rejected = sql(tmp, "SELECT i.code FROM ivd_sheets s JOIN institutions i ON i.id = s.hospital_id " +
    "WHERE s.status = 'rejected' AND s.review_reason <> '' AND s.project_id = " + pid + ' ORDER BY i.code LIMIT 1');
  const reason = sql(tmp, "SELECT s.review_reason FROM ivd_sheets s JOIN institutions i ON i.id = s.hospital_id " +
    `WHERE i.code = '${rejected}' AND s.project_id = ${pid}`);
  // The city account with the most sheets to review.
  const city = sql(tmp, "SELECT u.username FROM ivd_sheets s JOIN users u ON u.username = 'city_' || s.city_code " +
    `WHERE s.project_id = ${pid} AND s.status = 'submitted' GROUP BY s.city_code ORDER BY count(*) DESC, s.city_code LIMIT 1`);
  const toReview = sql(tmp, `SELECT count(*) FROM ivd_sheets WHERE project_id = ${pid} AND city_code = '${city.slice(5)}' ` +
    "AND status = 'submitted'");

  const browser = keep(await launch());
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  const errors = collectPageErrors(page);
  const captcha = trackCaptcha(page);
  await page.goto(server.base + '/');
  await waitScreen(page, 'login');

  // 1. The login form's real fields.
  const form = await page.evaluate(() => {
    const f = document.getElementById('login-form');
    const u = f && f.querySelector('input[autocomplete="username"]');
    const p = f && f.querySelector('input[type="password"][autocomplete="current-password"]');
    return { form: Boolean(f), user: Boolean(u), pass: Boolean(p), visible: f && !f.hidden,
             passRect: p && p.getBoundingClientRect().toJSON() };
  });
  const passItem = findItem(await items(page), 'login.password');
  check('the login form has a username input and a password input with autocomplete=current-password',
        form.form && form.user && form.pass && form.visible, JSON.stringify(form));
  check('the password input lies over the drawn password field', passItem && form.passRect &&
        Math.abs(form.passRect.y - passItem.y) < 4 && form.passRect.width > passItem.w * 0.8,
        JSON.stringify({ item: passItem, input: form.passRect }));

  // 2. Hospital with a rejected sheet: the reason on 首页, its link opens the sheet.
  check('the demo data holds a rejected sheet with a reason', Boolean(rejected && reason), `${rejected}: ${reason}`);
  const typedIntoReal = await (async () => {
    await firstLogin(page, server, captcha, rejected, NEW_PASSWORD);
    return (await state(page)).screen === 'main';
  })();
  check('the password typed into the real field logs in', typedIntoReal);
  const formAfter = await page.evaluate(() => document.getElementById('login-form').hidden);
  check('the login form is hidden once logged in', formAfter === true);
  const reasonShown = await waitFor(page, 'reject reason on 首页', () => messageOf(page, `home.reason.${pid}.fix_sheet`), 10000)
    .catch(() => null);
  check('the hospital sees the reject reason on its 首页', reasonShown && reasonShown.includes(reason), reasonShown);
  await screenshot(page, 'home-hospital.png');
  await clickItem(page, `home.open.${pid}.fix_sheet`);
  const sheetRoute = await waitFor(page, 'sheet route', async () => { const r = await route(page); return r.startsWith('#/ivd.fill') ? r : null; });
  check('its link opens the sheet route', sheetRoute === `#/ivd.fill?project=${pid}&view=sheet` &&
        (await hash(page)) === sheetRoute, sheetRoute);
  await page.goBack();
  const back = await waitFor(page, 'back to 首页', async () => { const r = await route(page); return r === '#/' || r === '#/?' ? r : (r === '' ? 'empty' : null); }, 5000)
    .catch(async () => route(page));
  check('Back returns to 首页', back === '#/', back);
  await logout(page);
  const afterLogout = await page.evaluate(() => ({ token: sessionStorage.getItem('ivd.session_token'), hash: location.hash }));
  check('logout removes the token and clears the hash', afterLogout.token === null && afterLogout.hash === '', JSON.stringify(afterLogout));

  // 3. City admin: its count; Back / Forward between menus.
  await firstLogin(page, server, captcha, city, NEW_PASSWORD);
  const cityText = await waitFor(page, 'city count', () => messageOf(page, `home.task_text.${pid}.review_sheets`), 10000).catch(() => null);
  check('the city admin sees the count of sheets to review', Number(toReview) > 0 && cityText &&
        (cityText.match(/\d+/) || [])[0] === toReview, `${city}: ${cityText} (database: ${toReview})`);
  await screenshot(page, 'home-city.png');
  await clickItem(page, 'menu.ivd.review');
  await waitFor(page, 'review route', async () => (await route(page)) === '#/ivd.review');
  await clickItem(page, 'menu.home');
  await waitFor(page, 'home route', async () => (await route(page)) === '#/');
  await page.goBack();
  const b1 = await waitFor(page, 'Back', async () => ((await route(page)) === '#/ivd.review' ? '#/ivd.review' : null), 5000).catch(async () => route(page));
  check('Back goes to the previous menu', b1 === '#/ivd.review' && (await hash(page)) === '#/ivd.review', b1);
  await page.goForward();
  const f1 = await waitFor(page, 'Forward', async () => ((await route(page)) === '#/' ? '#/' : null), 5000).catch(async () => route(page));
  check('Forward comes back', f1 === '#/', f1);
  // A deep link to a menu this account does not hold lands on 首页.
  await page.goto(server.base + '/#/ivd.config');
  await waitScreen(page, 'main', 20000);
  const notHeld = await waitFor(page, 'redirect', async () => ((await route(page)) === '#/' ? '#/' : null), 5000).catch(async () => route(page));
  check('a deep link to a menu not held shows 首页', notHeld === '#/', notHeld);
  await logout(page);

  // 4. Province admin: deep link after login, reload, Esc in a drop-down, copy a cell.
  await page.goto(server.base + '/#/sys.users');
  await page.reload();
  await firstLogin(page, server, captcha, 'admin_34', NEW_PASSWORD);
  // After the forced change the hash was cleared by no one: the login lands on the deep link.
  const deep = await waitFor(page, 'users route', async () => ((await route(page)) === '#/sys.users' ? '#/sys.users' : null), 8000)
    .catch(async () => route(page));
  check('a deep link (#/sys.users) opens its screen after login', deep === '#/sys.users' && Boolean(await waitItem(page, 'users.search').catch(() => null)), deep);
  await page.reload();
  await waitScreen(page, 'main', 20000);
  const reloaded = await route(page);
  check('a reload keeps the session and the route', reloaded === '#/sys.users' &&
        Boolean(await waitItem(page, 'users.search', 10000).catch(() => null)), reloaded);
  await waitIdle(page);
  await clickItem(page, 'users.add');
  await waitItem(page, 'users.form.ok');
  await clickItem(page, 'users.form.type');
  await waitItem(page, 'users.form.type.admin');
  await page.keyboard.press('Escape');
  await sleep(150);
  await waitIdle(page);
  const afterEsc = await items(page);
  check('Esc in an open drop-down closes the drop-down and keeps the dialog',
        !findItem(afterEsc, 'users.form.type.admin') && Boolean(findItem(afterEsc, 'users.form.ok')));
  await clickItem(page, 'users.form.ok');  // empty form: every problem at once, required marks
  await sleep(150);
  await waitIdle(page);
  const errs = (await items(page)).filter((i) => /##users\.form\.error\./.test(i.label)).map((i) => i.label.split('##users.form.error.')[1]);
  check('an empty form shows all its errors at once', ['username', 'name', 'phone', 'user_type'].every((f) => errs.includes(f)), errs.join(','));
  await screenshot(page, 'users-form-errors.png');
  await page.keyboard.press('Escape');
  await sleep(150);
  await waitIdle(page);
  check('Esc without an open drop-down closes the dialog', !findItem(await items(page), 'users.form.ok'));

  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  const cell = findItem(await items(page), 'cell');
  if (cell) {
    await page.mouse.click(cell.x + 4, cell.y + cell.h / 2, { button: 'right' });
    await clickItem(page, 'cell.copy');
    const copied = await waitFor(page, 'clipboard text', () => page.evaluate(() => navigator.clipboard.readText()).catch(() => ''), 5000)
      .catch(() => '');
    check('a right click on a table cell copies its text', copied.length > 0 && !copied.startsWith('error'), copied);
  } else {
    check('a right click on a table cell copies its text', false, 'no cell item');
  }
  await screenshot(page, 'home-nav-users.png');
  const token = await page.evaluate(() => sessionStorage.getItem('ivd.session_token'));
  await clickItem(page, 'menu.home');
  await waitFor(page, 'province home', () => messageOf(page, `home.task_text.${pid}.review_cities`), 10000).catch(() => null);
  await screenshot(page, 'home-province.png');

  // 5. The users screen at other sizes (same session): the pager stays in view.
  for (const [name, viewport, dpr] of [['users-1280x720.png', { width: 1280, height: 720 }, 1],
    ['users-3840x2160.png', { width: 3840, height: 2160 }, 1], ['users-1280x720-zoom150.png', { width: 1280, height: 720 }, 1.5]]) {
    const c2 = await browser.newContext({ viewport, deviceScaleFactor: dpr });
    const p2 = await c2.newPage();
    await p2.addInitScript((t) => sessionStorage.setItem('ivd.session_token', t), token);
    await p2.goto(server.base + '/#/sys.users');
    await waitScreen(p2, 'main', 30000);
    await waitItem(p2, 'users.next', 30000).catch(() => null);
    await waitIdle(p2, 90000);  // a 4K frame in software GL is slow
    const list = await items(p2);
    const next = findItem(list, 'users.next');
    const rows = list.filter((i) => /##users\.edit\./.test(i.label)).length;
    check(`${name}: the pager is in view and rows show`, next && next.y + next.h <= viewport.height && next.x + next.w <= viewport.width && rows > 0,
          JSON.stringify({ next, rows }));
    await screenshot(p2, name, 90000);
    await c2.close();
  }
  await logout(page);

  // 6. The super admin.
  await firstLogin(page, server, captcha, 'admin', NEW_PASSWORD);
  const nat = await waitFor(page, 'national count', () => messageOf(page, `home.task_text.${pid}.provinces_submitted`), 10000).catch(() => null);
  check('the super admin sees the provinces submitted', Boolean(nat), nat);
  await screenshot(page, 'home-super.png');

  check('no page errors', errors.length === 0, errors.join(' | '));
});
