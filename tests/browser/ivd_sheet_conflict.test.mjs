// Browser end-to-end test of the sheet when the server's revision moved under the clerk's edits (issue 9
// §3: nothing is overwritten silently), and of the reviewer's read-only sheet, on the demo data set:
//   1. the hospital H34010000003 types two cells without 暂存; meanwhile another tab (the API, with the
//      same session) 暂存s a different value into one of them and fills a third cell; the clerk's 暂存 is
//      stale: the sheet reads the server again and lists exactly the differing cell with the server's and
//      the local value; the clerk keeps the server's; 暂存 sends the other typed cell; the server holds
//      both tabs' work;
//   2. again, this time found on a reload: the clerk keeps its own value;
//   3. the city admin's 查看 of the same sheet (deep link) is read-only: no 暂存, no editor on a click.
//
//   node tests/browser/ivd_sheet_conflict.test.mjs
// Env: IVD_SERVER, IVD_WEB, IVD_KEEP=1 (see lib.mjs). Prints "N passed, N failed" last.
import {
  check, launchPersistent, state, items, waitItem, clickItem, login, logout, changePassword, runBrowserTest,
  messageOf, hasItem, keysWith, settle, screenshot, openApp, waitFirstFrame, firstLogin,
} from './lib.mjs';
import { typeCell, drawnSerials } from './ivd_lib.mjs';

const HOSPITAL = 'H34010000003';
const CITY = 'city_340100';
const PASSWORD = 'Conflict2024pass';
const PROJECT = 1;
const SHEET_HASH = `#/ivd.fill?view=sheet&project=${PROJECT}`;

// 上年度采购总数量 of a line typed and confirmed with Enter.
async function typeLastYear(page, serial, text) {
  await typeCell(page, serial, 'last_year', text);
  await page.keyboard.press('Enter');
  await settle(page);
}
// The API with the page's own session, as another tab of the same clerk would.
async function otherTab(page, method, p, body) {
  return page.evaluate(async ({ method, p, body }) => {
    const r = await fetch('/api/v1' + p, { method, headers: { 'Content-Type': 'application/json',
      'X-Session-Token': sessionStorage.getItem('ivd.session_token') }, body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, body: await r.json() };
  }, { method, p, body });
}
async function serverLastYear(page, serial) {
  const r = await otherTab(page, 'GET', `/ivd/projects/${PROJECT}/sheet/lines?serial=${encodeURIComponent(serial)}`);
  const l = (r.body.items || []).find((x) => x.serial === serial);
  return l ? l.last_year : null;
}
async function openSheet(page, server) {
  await page.goto(server.base + '/' + SHEET_HASH, { waitUntil: 'domcontentloaded' });
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitFirstFrame(page);
}

runBrowserTest(async ({ tmp, server, keep }) => {
  const browser = keep(await launchPersistent(tmp));
  const { page, pageErrors, captcha } = await openApp(browser, server);
  let s = await firstLogin(page, server, captcha, HOSPITAL, PASSWORD);
  check('the hospital logs in', s.screen === 'main', JSON.stringify(s));
  await openSheet(page, server);
  await waitItem(page, 'sheet.status', 20000);
  await settle(page);
  const [a, b, c] = await drawnSerials(page);

  // ---- 1. a stale 暂存 -------------------------------------------------------------------------------
  await typeLastYear(page, a, '111');
  await typeLastYear(page, b, '222');
  check('two typed cells are unsaved', (await messageOf(page, 'sheet.status')) === '2', await messageOf(page, 'sheet.status'));
  let sheet = await otherTab(page, 'GET', `/ivd/projects/${PROJECT}/sheet`);
  let r = await otherTab(page, 'POST', `/ivd/projects/${PROJECT}/sheet/draft`, {
    revision: sheet.body.revision, lines: [{ serial: a, last_year: '999' }, { serial: c, last_year: '333' }] });
  check('another tab 暂存s the same cell and a third one', r.status === 200, JSON.stringify(r.body).slice(0, 200));
  await clickItem(page, 'sheet.save');
  await waitItem(page, 'sheet.conflict.apply', 10000);
  await settle(page);
  let rows = await keysWith(page, 'sheet.conflict.');
  const listed = [...new Set(rows.filter((k) => /\.(mine|server)$/.test(k)).map((k) => k.replace(/\.(mine|server)$/, '')))];
  check('the stale 暂存 opens the conflict list with exactly the cell both changed',
    listed.length === 1 && listed[0] === `${a}.last_year`, JSON.stringify(listed));
  check('the list shows the server\'s value and the local one',
    (await messageOf(page, `sheet.conflict.${a}.last_year.values`)) === '999|111', await messageOf(page, `sheet.conflict.${a}.last_year.values`));
  await screenshot(page, 'ivd_sheet_conflict.png');
  await clickItem(page, `sheet.conflict.${a}.last_year.server`);
  await clickItem(page, 'sheet.conflict.apply');
  await settle(page);
  check('after the choice only the other typed cell is unsaved', (await messageOf(page, 'sheet.status')) === '1',
    await messageOf(page, 'sheet.status'));
  await clickItem(page, 'sheet.save');
  await waitItem(page, 'sheet.saved', 10000);
  check('the server keeps the other tab\'s value where the clerk chose it',
    (await serverLastYear(page, a)) === '999', await serverLastYear(page, a));
  check('the clerk\'s other typed cell reached the server', (await serverLastYear(page, b)) === '222', await serverLastYear(page, b));
  check('the other tab\'s third cell is untouched', (await serverLastYear(page, c)) === '333', await serverLastYear(page, c));

  // ---- 2. found on a reload; the clerk keeps its own value -----------------------------------------
  await typeLastYear(page, a, '555');
  sheet = await otherTab(page, 'GET', `/ivd/projects/${PROJECT}/sheet`);
  r = await otherTab(page, 'POST', `/ivd/projects/${PROJECT}/sheet/draft`, { revision: sheet.body.revision, lines: [{ serial: a, last_year: '777' }] });
  check('another tab 暂存s the cell again', r.status === 200);
  await openSheet(page, server);
  await waitItem(page, 'sheet.conflict.apply', 20000);
  await settle(page);
  rows = await keysWith(page, 'sheet.conflict.');
  check('a reload finds the conflict and asks', rows.includes(`${a}.last_year.mine`), JSON.stringify(rows));
  await clickItem(page, `sheet.conflict.${a}.last_year.mine`);
  await clickItem(page, 'sheet.conflict.apply');
  await settle(page);
  await clickItem(page, 'sheet.save');
  await waitItem(page, 'sheet.saved', 10000);
  check('the clerk\'s own value reached the server', (await serverLastYear(page, a)) === '555', await serverLastYear(page, a));
  const hid = (await otherTab(page, 'GET', `/ivd/projects/${PROJECT}/sheet`)).body.hospital_id;
  await logout(page);

  // ---- 3. the reviewer's 查看 is read-only -----------------------------------------------------------
  s = await login(page, server, captcha, CITY, '123456');
  if (s.screen === 'change_password') {
    await changePassword(page, '123456', PASSWORD);
    s = await login(page, server, captcha, CITY, PASSWORD);
  }
  await page.goto(`${server.base}/#/ivd.review?project=${PROJECT}&view=sheet&hospital=${hid}`, { waitUntil: 'domcontentloaded' });
  await waitItem(page, `sheet.cell.${a}.last_year`, 20000);
  await settle(page);
  check('the reviewer\'s sheet has no 暂存', !(await hasItem(page, 'sheet.save')));
  await clickItem(page, `sheet.cell.${a}.last_year`);
  await page.keyboard.type('1', { delay: 5 });
  await settle(page);
  check('a click on a cell opens no editor in the reviewer\'s sheet', !(await state(page)).want_text_input);
  await screenshot(page, 'ivd_sheet_read_only.png');

  check('no page errors', pageErrors.length === 0, pageErrors.join(' | '));
});
