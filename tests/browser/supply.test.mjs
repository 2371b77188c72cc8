// Browser end-to-end test of 中选药品供应问题反馈 (menus supply.feedback and supply.view), through the real
// UI in Debian's Chromium on the demo data set (`server init --demo`):
//   * the hospital H34010000001 (合肥市) opens its list, 新增反馈: 保存 of the empty form shows every
//     problem at once and each goes when corrected; the 流水号 picker shows a 备供 product disabled with
//     its reason (a click chooses nothing); Esc in the picker's drop-down closes only the drop-down; it
//     picks a product, fills the form, uploads an attachment through the file chooser with visible
//     progress; a reload keeps what was typed (browser storage); 保存并提交; 撤回 and 提交 from the list;
//     编辑 of a draft on its route;
//   * the city admin city_340100: 确认 without a 约谈记录 is refused in the dialog, then with one uploaded it
//     goes to the enterprise (剩余处理天数 5); 退回 of another feedback needs a reason; the detail page shows
//     the history; Back / Forward / reload keep the view (the route);
//   * the product's enterprise (no enterprise columns or fields) 确认并提交 with its 处理情况 (refused
//     without it); another enterprise 提交 an item it had confirmed;
//   * the hospital 确认 已解决: green; the detail page lists every step;
//   * a second hospital of 合肥市 gets exactly the duplicate message for a product with an open flow in
//     the city, where it pressed 保存并提交; a 备供 product that reaches the server anyway (a stored draft)
//     is refused at the 流水号 field;
//   * the province admin's 中选药品供应问题反馈查看 exports the rows as CSV under a Chinese name, read back
//     with its BOM;
//   * the super admin's 国家中选项目: a bad CSV shows the per-row error report, a good one is imported;
//   * the list and the form stay readable at 1280×720, 150 % zoom and 3840×2160.
// Screenshots of each role's list and of the detail page go to out/.
//
//   node tests/browser/supply.test.mjs
// Env: IVD_SERVER, IVD_WEB, IVD_KEEP=1 (see lib.mjs). Prints "N passed, N failed" last.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  check, finish, sleep, outDir, serverBin, tempDir, removeTemp, startRealServer, launchPersistent, collectPageErrors,
  trackCaptcha, state, items, findItem, labelText, waitFor, waitItem, waitIdle, waitScreen, clickItem, typeInto,
  choose, login, changePassword, logout, launch, reveal,
} from './lib.mjs';

const HOSPITAL_A = 'H34010000001';
const HOSPITAL_B = 'H34010000002';
const CITY = 'city_340100';
const PROVINCE = 'admin_34';
const SUPER = 'admin';
const PASSWORD = 'Supply2024pass';
const DUPLICATE = '辖区已有医疗机构反映该中选药品供应问题，无需重复提交，请直接与上级医保部门联系！';
const OPEN = ['pending_admin', 'pending_enterprise', 'enterprise_confirmed', 'pending_hospital'];

// ---- the API, to find demo data and check what the UI stored ----------------------------------------
async function call(server, token, method, p, body) {
  const r = await fetch(server.base + '/api/v1' + p, {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Session-Token': token } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let json = null;
  try { json = await r.json(); } catch { /* empty */ }
  return { status: r.status, body: json };
}
async function apiLogin(server, username, password) {
  const c = await call(server, '', 'GET', '/auth/captcha');
  const id = c.body.captcha_id;
  return call(server, '', 'POST', '/auth/login', { username, password, captcha_id: id, captcha: server.captchaAnswer(id) });
}
// Accounts whose initial password was changed to PASSWORD already.
const changed = new Set();
// A session of a demo account (its password changed to PASSWORD on first use).
async function apiSession(server, username) {
  if (changed.has(username)) return (await apiLogin(server, username, PASSWORD)).body.token;
  const r = await apiLogin(server, username, '123456');
  if (r.status !== 200) throw new Error(`login ${username}: ${JSON.stringify(r.body)}`);
  const ch = await call(server, r.body.token, 'POST', '/auth/change-password',
    { old_password: '123456', new_password: PASSWORD, confirm_password: PASSWORD });
  if (ch.status !== 200) throw new Error(`change password ${username}: ${JSON.stringify(ch.body)}`);
  changed.add(username);
  return (await apiLogin(server, username, PASSWORD)).body.token;
}
// One value from the server's database (read-only, like the captcha answers).
function sql(tmp, query, ...args) {
  const script = 'import sqlite3,sys,json\nc=sqlite3.connect("file:"+sys.argv[1]+"?mode=ro",uri=True)\n' +
    'r=c.execute(sys.argv[2],json.loads(sys.argv[3])).fetchone()\nprint(r[0] if r else "")';
  return execFileSync('python3', ['-c', script, path.join(tmp, 'ivd.db'), query, JSON.stringify(args)], { encoding: 'utf8' }).trim();
}

// ---- the UI -------------------------------------------------------------------------------------------
const messageOf = async (page, key) => labelText(findItem(await items(page), key));
// The text of an item drawn this frame, scrolled into view or not.
const valueOf = async (page, key) => labelText((await items(page)).find((i) => i.label.endsWith('##' + key)));
const hasItem = async (page, key) => Boolean(findItem(await items(page), key));
const keysWith = async (page, prefix) => (await items(page)).filter((i) => i.visible && i.label.includes('##' + prefix))
  .map((i) => i.label.split('##' + prefix)[1]);
// Keys of items drawn this frame, scrolled into view or not.
const allKeysWith = async (page, prefix) => (await items(page)).filter((i) => i.label.includes('##' + prefix))
  .map((i) => i.label.split('##' + prefix)[1]);
const route = async (page) => (await state(page)).route;
async function revealClick(page, key) {
  const it = await reveal(page, key);
  await page.mouse.click(it.x + it.w / 2, it.y + it.h / 2);
}
async function settle(page) { await sleep(150); await waitIdle(page); }
async function screenshot(page, name, idleMs = 10000) {
  const vp = page.viewportSize();
  await page.mouse.move(vp.width - 4, vp.height - 4);
  await sleep(150);
  await waitIdle(page, idleMs);
  await page.screenshot({ path: path.join(outDir, name) });
}
async function waitExposed(page, key, want, ms = 10000) {
  return waitFor(page, `${key} = ${want}`, async () => (await messageOf(page, key)) === want, ms).catch(() => false);
}
// First login in the browser: the forced password change, then the new password.
async function uiLogin(page, server, captcha, username) {
  if (changed.has(username)) return login(page, server, captcha, username, PASSWORD);
  let s = await login(page, server, captcha, username, '123456');
  if (s.screen === 'change_password') {
    await changePassword(page, '123456', PASSWORD);
    changed.add(username);
    s = await login(page, server, captcha, username, PASSWORD);
  }
  return s;
}
// Clicks an upload button and hands the file chooser a file.
async function pickFile(page, key, file) {
  await reveal(page, key);
  const chooser = page.waitForEvent('filechooser', { timeout: 5000 });
  await clickItem(page, key);
  await (await chooser).setFiles(file);
}
const PDF = (kb = 2) => {
  const head = Buffer.from('%PDF-1.4\n% test document\n');
  return Buffer.concat([head, Buffer.alloc(kb * 1024 - head.length, 0x20), Buffer.from('\n%%EOF\n')]);
};
// Opens the list of a menu and waits for its rows.
async function openList(page, menu) {
  await clickItem(page, `menu.${menu}`);
  await waitItem(page, 'supply.total');
  await settle(page);
}
// The row of a feedback may be below the fold: narrow the list to its 流水号.
async function showSerial(page, serial) {
  await typeInto(page, 'supply.q.serial', serial);
  await clickItem(page, 'supply.search');
  await settle(page);
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const tmp = tempDir();
  let server, browser;
  try {
    server = await startRealServer(tmp, { demo: true });
    console.log(`server: ${serverBin} at ${server.base} (demo database)`);

    // ---- demo data: a 备供 product, two products without an open flow in 合肥市 ------------------------
    const tokA = await apiSession(server, HOSPITAL_A);
    const tokCity = await apiSession(server, CITY);
    const products = (await call(server, tokA, 'GET', '/supply/products?page=1&page_size=500')).body.items;
    const backup = products.find((p) => p.backup);
    const cityRows = (await call(server, tokCity, 'GET', '/supply/feedback?page=1&page_size=500')).body.items;
    // Products without an open flow in the city and without a feedback of either hospital (drafts too).
    const busy = new Set(cityRows.filter((r) => OPEN.includes(r.status)).map((r) => r.serial));
    for (const u of [HOSPITAL_A, HOSPITAL_B]) {
      const t = await apiSession(server, u);
      for (const r of (await call(server, t, 'GET', '/supply/feedback?page=1&page_size=500')).body.items) busy.add(r.serial);
    }
    const free = products.filter((p) => !p.backup && !busy.has(p.serial) && p.manufacturer_id);
    const [p1, p2, p3] = free;
    check('demo: a 备供 product and free products for 合肥市', Boolean(backup && p1 && p2 && p3),
      JSON.stringify({ backup: backup && backup.serial, free: free.length }));
    const enterprise = sql(tmp, 'SELECT code FROM institutions WHERE id = ?', p1.manufacturer_id);
    const today = (await call(server, tokA, 'GET', '/supply/calendar')).body.today;
    const yesterday = new Date(Date.parse(today + 'T00:00:00Z') - 86400000).toISOString().slice(0, 10);

    browser = await launchPersistent(tmp);
    const page = browser.pages()[0] || await browser.newPage();
    const pageErrors = collectPageErrors(page);
    const captcha = trackCaptcha(page);
    await page.goto(server.base + '/', { waitUntil: 'domcontentloaded' });
    await waitFor(page, 'first interactive frame', async () => (await state(page)).firstFrameMs !== null, 30000);

    // ==== 1. the hospital: 新增反馈 ==========================================================================
    let s = await uiLogin(page, server, captcha, HOSPITAL_A);
    check('the hospital holds 中选药品供应问题反馈', s.screen === 'main' && s.menus.includes('supply.feedback'), JSON.stringify(s));
    await openList(page, 'supply.feedback');
    check('the hospital\'s list has the query form with the enterprise fields and 业务状态',
      await hasItem(page, 'supply.q.from') && await hasItem(page, 'supply.q.to') && await hasItem(page, 'supply.q.serial') &&
      await hasItem(page, 'supply.q.product') && await hasItem(page, 'supply.q.manufacturer') &&
      await hasItem(page, 'supply.q.applicant') && await hasItem(page, 'supply.q.status'));
    await screenshot(page, 'supply_list_hospital.png');

    await clickItem(page, 'supply.add');
    await waitItem(page, 'supply.form.save');
    check('新增反馈 is a route', (await route(page)) === '#/supply.feedback?view=new', await route(page));
    await clickItem(page, 'supply.form.save');
    await settle(page);
    let errs = await allKeysWith(page, 'supply.form.error.');
    check('保存 of the empty form shows every problem at once',
      ['serial', 'problem_type', 'description', 'occurred_on', 'contact_name', 'contact_phone'].every((f) => errs.includes(f)),
      errs.join(','));
    await typeInto(page, 'supply.form.contact_name', '王药师');
    await settle(page);
    errs = await allKeysWith(page, 'supply.form.error.');
    check('an error goes as soon as its field is corrected, the others stay',
      !errs.includes('contact_name') && errs.includes('contact_phone') && errs.includes('serial'), errs.join(','));
    await typeInto(page, 'supply.form.contact_phone', '12345');
    await settle(page);
    check('a bad phone is named at its field', /联系电话/.test(await messageOf(page, 'supply.form.error.contact_phone') || ''),
      await messageOf(page, 'supply.form.error.contact_phone'));
    await screenshot(page, 'supply_form_errors.png');

    // the picker: a 备供 product shows disabled, with its reason
    await clickItem(page, 'supply.form.pick');
    await waitItem(page, 'supply.picker.search');
    await typeInto(page, 'supply.picker.q.serial', backup.serial);
    await clickItem(page, 'supply.picker.search');
    await waitItem(page, `supply.picker.backup.${backup.serial}`);
    await settle(page);
    check('a 备供 product shows in the picker without 选择', !(await hasItem(page, `supply.picker.pick.${backup.serial}`)) &&
      (await messageOf(page, `supply.picker.backup.${backup.serial}`)) === '备供不可选');
    await clickItem(page, `supply.picker.backup.${backup.serial}`);
    await settle(page);
    check('a click on the 备供 product chooses nothing (the picker stays open)',
      await hasItem(page, 'supply.picker.search') && (await messageOf(page, 'supply.form.serial_value')) === '');
    await screenshot(page, 'supply_picker_backup.png');
    // Esc in the picker's drop-down closes only the drop-down; a second Esc closes the picker
    await clickItem(page, 'supply.picker.page_size');
    await waitItem(page, 'supply.picker.page_size.20');
    await page.keyboard.press('Escape');
    await settle(page);
    check('Esc in the picker\'s drop-down closes only the drop-down',
      !(await hasItem(page, 'supply.picker.page_size.20')) && await hasItem(page, 'supply.picker.search'));
    await page.mouse.click(5, 5);  // the picker keeps the focus: a click outside a modal does not close it
    await page.keyboard.press('Escape');
    await settle(page);
    check('Esc then closes the picker, the form stays', !(await hasItem(page, 'supply.picker.search')) && await hasItem(page, 'supply.form.save'));

    await clickItem(page, 'supply.form.pick');
    await typeInto(page, 'supply.picker.q.serial', p1.serial);
    await clickItem(page, 'supply.picker.search');
    await clickItem(page, `supply.picker.pick.${p1.serial}`);
    await settle(page);
    check('选择 copies the product into the form', (await messageOf(page, 'supply.form.serial_value')) === p1.serial &&
      (await messageOf(page, 'supply.form.product_name')) === p1.product_name &&
      (await messageOf(page, 'supply.form.manufacturer')) === p1.manufacturer,
      JSON.stringify([await messageOf(page, 'supply.form.serial_value'), await messageOf(page, 'supply.form.product_name'),
        await messageOf(page, 'supply.form.manufacturer'), p1]));
    check('the 流水号 error went with the choice', !(await allKeysWith(page, 'supply.form.error.')).includes('serial'));

    await choose(page, 'supply.form.problem_type', 'shortage');
    await typeInto(page, 'supply.form.occurred_on', yesterday);
    await typeInto(page, 'supply.form.contact_phone', '13812345678');
    await reveal(page, 'supply.form.description');
    await typeInto(page, 'supply.form.description', '近两周配送企业多次断货，门诊患者无法按时取药。');
    await settle(page);
    check('no problem is left once every field is right', (await allKeysWith(page, 'supply.form.error.')).length === 0,
      (await allKeysWith(page, 'supply.form.error.')).join(','));

    // an attachment, on a slow line: the progress shows
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
    const progress = new Set();
    await pickFile(page, 'supply.form.attach.upload', { name: '断货说明.pdf', mimeType: 'application/pdf', buffer: PDF(1500) });
    await waitFor(page, 'the upload to finish', async () => {
      const list = await items(page);
      const p = findItem(list, 'supply.form.attach.progress');
      if (p) progress.add(Number(labelText(p)));
      return labelText(findItem(list, 'supply.form.attach.file.0')) === '断货说明.pdf';
    }, 30000);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    check('the upload shows its progress', [...progress].some((v) => v > 0 && v < 100), JSON.stringify([...progress]));

    // a reload keeps what was typed
    await settle(page);
    await page.reload();
    await waitScreen(page, 'main', 20000);
    await waitItem(page, 'supply.form.save', 15000);
    await waitExposed(page, 'supply.form.serial_value', p1.serial);
    await reveal(page, 'supply.form.attach.file.0').catch(() => null);
    check('after a reload the form is back with what was typed (route and stored draft)',
      (await route(page)) === '#/supply.feedback?view=new' && (await messageOf(page, 'supply.form.serial_value')) === p1.serial &&
      (await valueOf(page, 'supply.form.attach.file.0')) === '断货说明.pdf' && await hasItem(page, 'supply.form.draft_restored'),
      JSON.stringify([await route(page), await valueOf(page, 'supply.form.serial_value'), await valueOf(page, 'supply.form.attach.file.0')]));
    await screenshot(page, 'supply_form.png');

    await clickItem(page, 'supply.form.save_submit');
    await waitItem(page, 'supply.notice', 15000).catch(async (e) => {
      throw new Error(`${e.message}: ${await messageOf(page, 'supply.form.error')} ${(await allKeysWith(page, 'supply.form.error.')).join(',')}`);
    });
    let mine = (await call(server, tokA, 'GET', `/supply/feedback?serial=${p1.serial}&page=1&page_size=10`)).body.items;
    const fid = mine.length ? mine[0].id : 0;
    check('保存并提交 stores the feedback as 待管理机构确认', mine.length === 1 && mine[0].status === 'pending_admin', JSON.stringify(mine));
    check('the list is back, with what was done', (await route(page)) === '#/supply.feedback' &&
      /已保存并提交/.test(await messageOf(page, 'supply.notice') || ''), await messageOf(page, 'supply.notice'));
    await showSerial(page, p1.serial);
    check('the row shows 待管理机构确认', (await messageOf(page, `supply.row.status.${fid}`)) === '待管理机构确认');
    check('the hospital may 撤回 it (core\'s actions)', await hasItem(page, `supply.row.withdraw.${fid}`));

    // 撤回, then 提交 from the list (each behind a confirmation)
    await clickItem(page, `supply.row.withdraw.${fid}`);
    await clickItem(page, 'supply.action.ok');
    await waitExposed(page, `supply.row.status.${fid}`, '待提交', 10000);
    check('撤回 takes it back to 待提交', (await messageOf(page, `supply.row.status.${fid}`)) === '待提交');
    await clickItem(page, `supply.row.submit.${fid}`);
    await clickItem(page, 'supply.action.ok');
    await waitExposed(page, `supply.row.status.${fid}`, '待管理机构确认', 10000);
    check('提交 from the list sends it again (待管理机构确认)', (await messageOf(page, `supply.row.status.${fid}`)) === '待管理机构确认');

    // 编辑 of a draft of the demo: the form on its route, 保存
    const drafts = (await call(server, tokA, 'GET', '/supply/feedback?status=draft&page=1&page_size=50')).body.items
      .filter((r) => r.actions.includes('edit'));
    const draft = drafts[0];
    await showSerial(page, draft.serial);
    await clickItem(page, `supply.row.edit.${draft.id}`);
    await waitItem(page, 'supply.form.save');
    await waitExposed(page, 'supply.form.serial_value', draft.serial);
    check('编辑 opens the form on its route with the stored feedback',
      (await route(page)) === `#/supply.feedback?id=${draft.id}&view=edit` && (await messageOf(page, 'supply.form.serial_value')) === draft.serial,
      await route(page));
    await typeInto(page, 'supply.form.contact_name', '孙药师');
    await clickItem(page, 'supply.form.save');
    await waitItem(page, 'supply.notice', 15000);
    const edited = (await call(server, tokA, 'GET', `/supply/feedback/${draft.id}`)).body;
    check('保存 of the edit stores it, still 待提交', edited.contact_name === '孙药师' && edited.status === 'draft',
      JSON.stringify({ name: edited.contact_name, status: edited.status }));
    await logout(page);

    // ==== 2. the city admin: 确认 with a 约谈记录, 退回 needs a reason =========================================
    s = await uiLogin(page, server, captcha, CITY);
    await openList(page, 'supply.feedback');
    await screenshot(page, 'supply_list_city.png');
    await showSerial(page, p1.serial);
    await clickItem(page, `supply.row.review.${fid}`);
    await waitItem(page, 'supply.review.decision.confirm');
    await clickItem(page, 'supply.action.ok');
    await waitItem(page, 'supply.review.error.interview_file_id');
    check('确认 without a 约谈记录 is refused in the dialog, at the upload',
      /约谈记录/.test(await messageOf(page, 'supply.review.error.interview_file_id')),
      await messageOf(page, 'supply.review.error.interview_file_id'));
    await screenshot(page, 'supply_review_refused.png');
    await pickFile(page, 'supply.review.interview.upload', { name: '约谈记录.pdf', mimeType: 'application/pdf', buffer: PDF(3) });
    await waitExposed(page, 'supply.review.interview.file', '约谈记录.pdf', 15000);
    check('the uploaded 约谈记录 shows in the dialog, the refusal is gone',
      (await messageOf(page, 'supply.review.interview.file')) === '约谈记录.pdf' && !(await hasItem(page, 'supply.review.error.interview_file_id')));
    await clickItem(page, 'supply.action.ok');
    await waitExposed(page, `supply.row.status.${fid}`, '待企业确认', 15000);
    check('确认 sends it to the enterprise: 待企业确认, 剩余处理天数 5',
      (await messageOf(page, `supply.row.status.${fid}`)) === '待企业确认' && (await messageOf(page, `supply.row.days.${fid}`)) === '5',
      `${await messageOf(page, `supply.row.status.${fid}`)} / ${await messageOf(page, `supply.row.days.${fid}`)}`);

    // 退回 needs a reason (a feedback of p3, submitted by the hospital through the API)
    const made = await call(server, tokA, 'POST', '/supply/feedback', {
      serial: p3.serial, problem_type: 'late_delivery', description: '配送延迟三天以上', occurred_on: yesterday,
      contact_name: '李药师', contact_phone: '13912345678', attachment_ids: [], submit: true });
    check('setup: another feedback is submitted', made.status === 201 || made.status === 200, JSON.stringify(made.body));
    const rid = made.body.id;
    await showSerial(page, p3.serial);
    await clickItem(page, `supply.row.review.${rid}`);
    await clickItem(page, 'supply.review.decision.return');
    await clickItem(page, 'supply.action.ok');
    await waitItem(page, 'supply.review.error.reason');
    check('退回 without a reason is refused at the reason', /退回原因/.test(await messageOf(page, 'supply.review.error.reason')),
      await messageOf(page, 'supply.review.error.reason'));
    await typeInto(page, 'supply.review.reason', '问题描述不清，请补充断供的具体时间');
    await clickItem(page, 'supply.action.ok');
    await waitFor(page, 'the row to leave the city\'s list', async () => !(await hasItem(page, `supply.row.status.${rid}`)), 10000).catch(() => {});
    const back = (await call(server, tokA, 'GET', `/supply/feedback/${rid}`)).body;
    check('退回 with a reason gives it back to the hospital (待提交)', back.status === 'draft' && back.return_reason.includes('补充'),
      JSON.stringify({ status: back.status, reason: back.return_reason }));

    // the detail page; Back, Forward and reload keep the view
    await showSerial(page, p1.serial);
    await clickItem(page, `supply.row.view.${fid}`);
    await waitItem(page, 'supply.detail.status');
    await settle(page);
    check('查看 opens the detail route', (await route(page)) === `#/supply.feedback?id=${fid}&view=detail`, await route(page));
    check('the detail page shows the product and the 约谈记录', (await messageOf(page, 'supply.detail.serial')) === p1.serial &&
      (await messageOf(page, 'supply.detail.interview')) === '约谈记录.pdf');
    await screenshot(page, 'supply_detail_city.png');
    await page.goBack();
    await waitItem(page, 'supply.total');
    check('Back returns to the list', (await route(page)) === '#/supply.feedback', await route(page));
    await page.goForward();
    await waitItem(page, 'supply.detail.status');
    check('Forward opens the detail again', (await route(page)) === `#/supply.feedback?id=${fid}&view=detail`);
    await page.reload();
    await waitScreen(page, 'main', 20000);
    await waitItem(page, 'supply.detail.status', 15000);
    check('a reload keeps the detail page', await waitExposed(page, 'supply.detail.serial', p1.serial),
          await messageOf(page, 'supply.detail.serial'));
    // the 约谈记录 downloads under its name
    {
      const dl = page.waitForEvent('download', { timeout: 10000 });
      await clickItem(page, 'supply.detail.interview');
      const d = await dl;
      check('a stored file downloads under its own name', d.suggestedFilename() === '约谈记录.pdf', d.suggestedFilename());
    }
    await logout(page);

    // ==== 3. the enterprise: 确认并提交 ========================================================================
    s = await uiLogin(page, server, captcha, enterprise);
    check(`the enterprise ${enterprise} holds the menu`, s.screen === 'main' && s.menus.includes('supply.feedback'), JSON.stringify(s));
    await openList(page, 'supply.feedback');
    check('an enterprise gets no enterprise fields', !(await hasItem(page, 'supply.q.manufacturer')) && !(await hasItem(page, 'supply.q.applicant')));
    await screenshot(page, 'supply_list_enterprise.png');
    await showSerial(page, p1.serial);
    check('the enterprise sees the feedback with 剩余处理天数 5', (await messageOf(page, `supply.row.days.${fid}`)) === '5');
    await clickItem(page, `supply.row.answer.${fid}`);
    await waitItem(page, 'supply.answer.handling');
    await clickItem(page, 'supply.action.ok_submit');
    await waitItem(page, 'supply.answer.error.handling');
    check('确认并提交 without 处理情况 is refused at the field', /处理情况/.test(await messageOf(page, 'supply.answer.error.handling')));
    await typeInto(page, 'supply.answer.handling', '已协调配送企业补货，三日内送达。');
    await clickItem(page, 'supply.action.ok_submit');
    await waitExposed(page, `supply.row.status.${fid}`, '待医疗机构确认', 15000);
    check('确认并提交 hands it to the hospital (待医疗机构确认)', (await messageOf(page, `supply.row.status.${fid}`)) === '待医疗机构确认');
    await logout(page);

    // 提交 of an item the enterprise confirmed before (E440300001 in the demo)
    {
      const tokE = await apiSession(server, 'E440300001');
      const confirmed = (await call(server, tokE, 'GET', '/supply/feedback?status=enterprise_confirmed&page=1&page_size=50')).body.items
        .find((r) => r.actions.includes('deliver'));
      check('demo: E440300001 has a confirmed item to 提交', Boolean(confirmed));
      await uiLogin(page, server, captcha, 'E440300001');
      await openList(page, 'supply.feedback');
      await showSerial(page, confirmed.serial);
      await clickItem(page, `supply.row.deliver.${confirmed.id}`);
      await clickItem(page, 'supply.action.ok');
      await waitExposed(page, `supply.row.status.${confirmed.id}`, '待医疗机构确认', 10000);
      check('the enterprise\'s 提交 of a confirmed item hands it to the hospital',
        (await messageOf(page, `supply.row.status.${confirmed.id}`)) === '待医疗机构确认');
      await logout(page);
    }

    // ==== 4. the hospital: 确认 已解决 (green), the history ===================================================
    await uiLogin(page, server, captcha, HOSPITAL_A);
    await openList(page, 'supply.feedback');
    await showSerial(page, p1.serial);
    await clickItem(page, `supply.row.outcome.${fid}`);
    await clickItem(page, 'supply.outcome.result.resolved');
    await clickItem(page, 'supply.action.ok');
    await waitExposed(page, `supply.row.status.${fid}`, '已解决', 15000);
    check('确认 已解决: the row reads 已解决 in green (tone ok)', (await messageOf(page, `supply.row.status.${fid}`)) === '已解决' &&
      (await messageOf(page, `supply.row.tone.${fid}`)) === '2');
    await clickItem(page, `supply.row.view.${fid}`);
    await waitItem(page, 'supply.detail.status');
    await settle(page);
    check('the detail page reads 已解决 as the hospital\'s result', (await valueOf(page, 'supply.detail.outcome')) === '已解决',
      await valueOf(page, 'supply.detail.outcome'));
    await reveal(page, 'supply.detail.event.4').catch(() => reveal(page, 'supply.detail.event.0'));
    const events = [];
    for (let i = 0; i < 12; i++) { const e = await valueOf(page, `supply.detail.event.${i}`); if (e) events.push(e); }
    check('the history lists every step', ['新增反馈', '管理机构确认', '企业确认并提交', '医疗机构确认'].every((e) => events.includes(e)),
      JSON.stringify(events));
    await screenshot(page, 'supply_detail_history.png');
    await logout(page);

    // ==== 5. a second hospital of 合肥市: the duplicate message, a 备供 product refused by the server =========
    const open2 = await call(server, tokA, 'POST', '/supply/feedback', {
      serial: p2.serial, problem_type: 'shortage', description: '断供', occurred_on: yesterday,
      contact_name: '王药师', contact_phone: '13812345678', attachment_ids: [], submit: true });
    check('setup: the first hospital has an open flow on another product', open2.status === 201 || open2.status === 200,
      JSON.stringify(open2.body));
    await uiLogin(page, server, captcha, HOSPITAL_B);
    await openList(page, 'supply.feedback');
    await clickItem(page, 'supply.add');
    await clickItem(page, 'supply.form.pick');
    await typeInto(page, 'supply.picker.q.serial', p2.serial);
    await clickItem(page, 'supply.picker.search');
    await clickItem(page, `supply.picker.pick.${p2.serial}`);
    await choose(page, 'supply.form.problem_type', 'shortage');
    await typeInto(page, 'supply.form.occurred_on', yesterday);
    await typeInto(page, 'supply.form.contact_name', '赵药师');
    await typeInto(page, 'supply.form.contact_phone', '0551-12345678');
    await reveal(page, 'supply.form.description');
    await typeInto(page, 'supply.form.description', '同样断货');
    await clickItem(page, 'supply.form.save_submit');
    await waitItem(page, 'supply.form.error', 10000);
    check('a second hospital of the city gets exactly the duplicate message, at the buttons it pressed',
      (await messageOf(page, 'supply.form.error')) === DUPLICATE, await messageOf(page, 'supply.form.error'));
    await screenshot(page, 'supply_form_duplicate.png');
    // a 备供 product reaching the server anyway (a draft stored with it) is refused at the 流水号
    await page.evaluate(async ({ key, product }) => {
      const db = await new Promise((res, rej) => { const r = indexedDB.open('ivd-local', 1); r.onsuccess = () => res(r.result); r.onerror = rej; });
      const get = await new Promise((res) => { const r = db.transaction('kv').objectStore('kv').get(key); r.onsuccess = () => res(r.result); });
      const d = JSON.parse(get);
      d.product = product;
      await new Promise((res) => { const tx = db.transaction('kv', 'readwrite'); tx.objectStore('kv').put(JSON.stringify(d), key); tx.oncomplete = res; });
    }, { key: `supply.form/${HOSPITAL_B}/new`, product: backup });
    await page.reload();
    await waitScreen(page, 'main', 20000);
    await waitExposed(page, 'supply.form.serial_value', backup.serial, 15000);
    await clickItem(page, 'supply.form.save');
    await waitItem(page, 'supply.form.error.serial', 10000);
    check('a 备供 product that reaches the server is refused at the 流水号 field',
      /备供/.test(await messageOf(page, 'supply.form.error.serial')), await messageOf(page, 'supply.form.error.serial'));
    await clickItem(page, 'supply.form.discard_draft');
    await logout(page);

    // ==== 6. the province view: 导出 =========================================================================
    s = await uiLogin(page, server, captcha, PROVINCE);
    await openList(page, 'supply.view');
    check('the province view offers 导出 and no row action', await hasItem(page, 'supply.export') &&
      (await keysWith(page, 'supply.row.review.')).length === 0 && !(await hasItem(page, 'supply.add')));
    await screenshot(page, 'supply_list_province_view.png');
    {
      const dl = page.waitForEvent('download', { timeout: 15000 });
      await clickItem(page, 'supply.export');
      const d = await dl;
      const name = d.suggestedFilename();
      const bytes = fs.readFileSync(await d.path());
      check('导出 saves a CSV under a Chinese name', /^中选药品供应问题反馈.*\.csv$/.test(name), name);
      check('the CSV is UTF-8 with BOM and holds the feedback', bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF &&
        bytes.toString('utf8').includes(p1.serial) && bytes.toString('utf8').includes('流水号'));
    }
    {
      const dl = page.waitForEvent('download', { timeout: 15000 });
      await clickItem(page, 'supply.export.xlsx');
      const d = await dl;
      const name = d.suggestedFilename();
      check('导出 Excel saves an XLSX under a Chinese name', /^中选药品供应问题反馈.*\.xlsx$/.test(name), name);
      // Read back with a spreadsheet reader: the header row and the feedback's 流水号 are cells.
      const cells = execFileSync('/usr/bin/python3', ['-c',
        'import sys,openpyxl\nws=openpyxl.load_workbook(open(sys.argv[1],"rb"),read_only=True).active\n' +
        'print("\\n".join(str(c) for r in ws.iter_rows(values_only=True) for c in r if c is not None))', await d.path()],
        { encoding: 'utf8' }).split('\n');
      check('the XLSX opens and holds the header and the feedback', cells.includes('流水号') && cells.includes(p1.serial));
    }
    await logout(page);

    // ==== 7. the super admin: 国家中选项目 and its import ===================================================
    await uiLogin(page, server, captcha, SUPER);
    await openList(page, 'supply.feedback');
    await clickItem(page, 'supply.tab.products');
    await waitItem(page, 'supply.products.total');
    await settle(page);
    check('国家中选项目 is a route', (await route(page)) === '#/supply.feedback?view=products', await route(page));
    await screenshot(page, 'supply_products.png');
    const bad = '流水号,通用名,剂型,规格,生产企业,申报企业,批次\nYP990001,测试片,片剂,10mg,不存在的企业,不存在的企业,国采第九批\n,缺流水号,片剂,1mg,,,\n';
    await pickFile(page, 'supply.products.import', { name: '中选产品.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await waitItem(page, 'supply.import.issue_count', 15000);
    const issues = await keysWith(page, 'supply.import.issue.');
    check('a bad CSV shows the per-row error report', issues.length >= 2 && /共 \d+ 处错误/.test(await messageOf(page, 'supply.import.issue_count')),
      await messageOf(page, 'supply.import.issue_count'));
    await screenshot(page, 'supply_products_import_report.png');
    await clickItem(page, 'supply.import.close');
    const good = `流水号,通用名,剂型,规格,生产企业,申报企业,批次\nYP990001,测试片,片剂,10mg,${p1.manufacturer},${p1.applicant},国采第九批\n`;
    await pickFile(page, 'supply.products.import', { name: '中选产品.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await waitItem(page, 'supply.products.notice', 15000);
    check('a good CSV is imported', /新增 1 条/.test(await messageOf(page, 'supply.products.notice')), await messageOf(page, 'supply.products.notice'));

    // ==== 8. sizes: the list and the form stay readable ======================================================
    const token = await page.evaluate(() => sessionStorage.getItem('ivd.session_token'));
    const tokHosp = await apiSession(server, HOSPITAL_A);
    const other = await launch();
    for (const [name, viewport, dpr, tok, hash, key] of [
      ['supply_list_1280x720.png', { width: 1280, height: 720 }, 1, tokHosp, '#/supply.feedback', 'supply.list.next'],
      ['supply_list_zoom150.png', { width: 1280, height: 720 }, 1.5, tokHosp, '#/supply.feedback', 'supply.list.next'],
      ['supply_list_3840x2160.png', { width: 3840, height: 2160 }, 1, tokHosp, '#/supply.feedback', 'supply.list.next'],
      ['supply_form_1280x720.png', { width: 1280, height: 720 }, 1, tokHosp, '#/supply.feedback?view=new', 'supply.form.save_submit'],
      ['supply_form_zoom150.png', { width: 1280, height: 720 }, 1.5, tokHosp, '#/supply.feedback?view=new', 'supply.form.save_submit'],
      ['supply_products_1280x720.png', { width: 1280, height: 720 }, 1, token, '#/supply.feedback?view=products', 'supply.products.next'],
    ]) {
      const c2 = await other.newContext({ viewport, deviceScaleFactor: dpr });
      const p2page = await c2.newPage();
      await p2page.addInitScript((t) => sessionStorage.setItem('ivd.session_token', t), tok);
      await p2page.goto(server.base + '/' + hash);
      await waitScreen(p2page, 'main', 30000);
      const it = await waitItem(p2page, key, 30000).catch(() => null);
      await waitIdle(p2page, 90000);
      const list = await items(p2page);
      const el = findItem(list, key);
      check(`${name}: ${key} is in view`, Boolean(it && el && el.y + el.h <= viewport.height && el.x + el.w <= viewport.width),
        JSON.stringify(el));
      await screenshot(p2page, name, 90000);
      await c2.close();
    }
    await other.close();

    check('no page errors', pageErrors.length === 0, pageErrors.join(' | '));
  } catch (e) {
    check('test run', false, e.stack || String(e));
  } finally {
    if (browser) await browser.close();
    if (server) server.stop();
    removeTemp(tmp);
  }
  finish();
}

main();
