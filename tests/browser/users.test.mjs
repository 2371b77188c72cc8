// Browser end-to-end test of 用户管理 (menu sys.users), through the real UI in Debian's Chromium:
//   the real server on a fresh demo database (`server init --demo`); the Anhui province admin admin_34
//   logs in (initial password, forced change), opens 用户管理, queries, creates a city admin for 芜湖市
//   (340200) with the add dialog and its region picker, is refused a duplicate username (message at the
//   field), grants the new user only 报量项目审核 through 授权, edits it, disables / enables it and resets
//   its password behind confirmations; then the new user logs in (forced change) and its left menu shows
//   exactly the granted menu. Screenshots at 1366×768 and 3840×2160 (devicePixelRatio 2) go to out/.
//
//   node tests/browser/users.test.mjs
// Env: IVD_SERVER (server binary), IVD_WEB (web folder), IVD_KEEP=1 keeps the temporary folder.
// Prints "N passed, N failed" last; exits non-zero on any failure.
import path from 'node:path';
import {
  check, sleep, outDir, launchPersistent, launch, collectPageErrors, state, items, findItem, labelText, isChecked,
  waitFor, waitItem, waitIdle, waitScreen, clickItem, typeInto, choose, login, changePassword, leftMenu, logout,
  runBrowserTest, messageOf, screenshot, openApp,
} from './lib.mjs';

const ADMIN = 'admin_34';
const ADMIN_PASSWORD = 'Anhui2024pass';
const NEW_USER = 'wuhu_review';
const NEW_USER_PASSWORD = 'Wuhu2024pass';
const SLOW_FRAME_MS = 90000;  // a 4K frame in software GL can take seconds on a loaded machine

// Usernames of the rows of the user table, from their 编辑 links ("编辑##users.edit.NAME").
async function tableRows(page) {
  return (await items(page)).filter((i) => /##users\.edit\./.test(i.label)).map((i) => i.label.split('##users.edit.')[1]);
}

async function query(page, username) {
  await typeInto(page, 'users.q.username', username);
  await clickItem(page, 'users.search');
  await sleep(100);
  await waitIdle(page);
  return tableRows(page);
}

// Ticks exactly the wanted menus of a dialog's checkboxes (prefix "users.grant.menu."): clicks each
// box in the wrong state once and waits for the app to show it flipped.
async function tickOnly(page, prefix, wanted) {
  const boxes = () => items(page).then((list) => list.filter((i) => i.label.includes('##' + prefix)));
  const keyOf = (b) => b.label.split('##' + prefix)[1];
  for (const box of await boxes()) {
    if (isChecked(box) === wanted.includes(keyOf(box))) continue;
    const id = box.label.split('##')[1];
    await clickItem(page, id);
    await waitFor(page, `checkbox ${id} to flip`, async () => isChecked(findItem(await items(page), id)) !== isChecked(box), 3000);
  }
  return boxes();
}

runBrowserTest(async ({ tmp, server, keep }) => {
  const browser = keep(await launchPersistent(tmp));
  const { page, pageErrors, captcha } = await openApp(browser, server);

  // 1. the province admin logs in: forced password change first
  let s = await login(page, server, captcha, ADMIN, '123456');
  check('first login of admin_34 forces the password change', s.screen === 'change_password', JSON.stringify(s));
  await changePassword(page, '123456', ADMIN_PASSWORD);
  s = await login(page, server, captcha, ADMIN, ADMIN_PASSWORD);
  check('admin_34 logs in with the new password and holds 用户管理', s.screen === 'main' && s.menus.includes('sys.users'),
        JSON.stringify(s));

  // 2. 用户管理 opens on the first page of the users in the province
  await clickItem(page, 'menu.sys.users');
  await waitItem(page, 'users.search');
  await waitIdle(page);
  let rows = await tableRows(page);
  const total = await messageOf(page, 'users.total');
  check('selecting 用户管理 shows the screen with the first page of users', rows.length >= 7 && /^共 \d+ 条$/.test(total),
        `${rows} / ${total}`);
  // At 1366×768 the pager stays in view and the table scrolls: the wheel brings up the rest of the page.
  {
    const table = findItem(await items(page), 'users.edit.' + rows[0]);
    await page.mouse.move(table.x, table.y);
    await page.mouse.wheel(0, 400);
    await sleep(150);
    await waitIdle(page);
    const more = await tableRows(page);
    const all = new Set([...rows, ...more]);
    check('the table scrolls to the 10 users of the page, the pager in view', all.size === 10 &&
          findItem(await items(page), 'users.next').y + findItem(await items(page), 'users.next').h <= 768, `${[...all]}`);
    rows = [...all];
  }
  check('the list holds no user outside the province admin\'s scope', rows.every((u) => u !== ADMIN && !/^admin/.test(u) &&
        !/^city_(?!34)/.test(u)), String(rows));
  check('the pager shows page 1 of several', /^第 1 \/ \d+ 页$/.test(await messageOf(page, 'users.page')) &&
        !/第 1 \/ 1 页/.test(await messageOf(page, 'users.page')), await messageOf(page, 'users.page'));
  await clickItem(page, 'users.next');
  await sleep(100);
  await waitIdle(page);
  const rows2 = await tableRows(page);
  check('下一页 shows the next page', /^第 2 \//.test(await messageOf(page, 'users.page')) && rows2.length > 0 &&
        rows2.every((u) => !rows.includes(u)), `${rows2}`);

  // 3. query by username
  rows = await query(page, 'city_34');
  check('the query by username lists the Anhui city admins and 省本级 account',
        rows.length === 4 && rows.every((u) => u.startsWith('city_34')) && rows.includes('city_340200') &&
        rows.includes('city_340099'), String(rows));
  check('共 N 条 counts the matching users', (await messageOf(page, 'users.total')) === '共 4 条', await messageOf(page, 'users.total'));
  await screenshot(page, 'users.png', SLOW_FRAME_MS);

  // 4. 新增: a city admin for 芜湖市 through the region picker
  await clickItem(page, 'users.add');
  await waitItem(page, 'users.form.username');
  await typeInto(page, 'users.form.username', NEW_USER);
  await typeInto(page, 'users.form.name', '芜湖市医保局审核员');
  await typeInto(page, 'users.form.phone', '13912345678');
  await choose(page, 'users.form.type', 'admin');
  await clickItem(page, 'users.form.region.city');
  await waitItem(page, 'users.form.region.city.340200');
  const cityOptions = (await items(page)).filter((i) => i.label.includes('##users.form.region.city.')).map((i) => i.label.split('##users.form.region.city.')[1]);
  // (the options in view: the list scrolls further down to 省本级 340099)
  check('the region picker offers the cities of the admin\'s province only, not the province itself',
        cityOptions.length >= 10 && cityOptions.includes('340200') && cityOptions.every((c) => c.startsWith('34')) &&
        !cityOptions.includes('340000'), String(cityOptions));
  await clickItem(page, 'users.form.region.city.340200');
  await waitItem(page, 'users.form.menu.ivd.review');
  await waitIdle(page);
  const grantable = (await items(page)).filter((i) => i.label.includes('##users.form.menu.'));
  const grantableKeys = grantable.map((i) => i.label.split('##users.form.menu.')[1]);
  check('the add dialog offers the menus a city admin may be granted, all ticked',
        grantableKeys.includes('ivd.review') && grantableKeys.includes('sys.users') && !grantableKeys.includes('ivd.config') &&
        !grantableKeys.includes('supply.view') && grantable.every(isChecked), String(grantableKeys));
  await screenshot(page, 'users-add.png', SLOW_FRAME_MS);
  await clickItem(page, 'users.form.ok');
  const notice = await waitFor(page, 'notice after adding', async () => {
    const m = await messageOf(page, 'users.notice');
    return m && !(await state(page)).busy ? m : null;
  });
  check('新增 creates the user and says so', notice.includes(NEW_USER) && !findItem(await items(page), 'users.form.ok'), notice);

  // 5. a refusal: the same username again is refused by the server, the message at the field
  await clickItem(page, 'users.add');
  await typeInto(page, 'users.form.username', NEW_USER);
  await typeInto(page, 'users.form.name', '重复用户');
  await typeInto(page, 'users.form.phone', '13912345679');
  await choose(page, 'users.form.type', 'admin');
  await choose(page, 'users.form.region.city', '340200');
  await waitItem(page, 'users.form.menu.ivd.review');
  await clickItem(page, 'users.form.ok');
  const dup = await waitFor(page, 'the refusal at the username field', () => messageOf(page, 'users.form.error.username'))
    .catch(() => null);
  check('a duplicate username is refused with the message at the username field',
        dup === `用户名“${NEW_USER}”已存在` && findItem(await items(page), 'users.form.ok'), String(dup));
  await screenshot(page, 'users-duplicate.png', SLOW_FRAME_MS);
  // A wrong phone number is refused at its field too (core's rule, the server's message).
  await typeInto(page, 'users.form.username', 'wuhu_review2');
  await typeInto(page, 'users.form.phone', '12345');
  await clickItem(page, 'users.form.ok');
  const phone = await waitFor(page, 'the refusal at the phone field', () => messageOf(page, 'users.form.error.phone')).catch(() => null);
  check('a wrong mobile number is refused at the phone field', phone && phone.includes('手机号码'), String(phone));
  await clickItem(page, 'users.form.cancel');
  await waitFor(page, 'the dialog to close', async () => !findItem(await items(page), 'users.form.ok'));

  // 6. query the new user, then 授权: only 报量项目审核
  rows = await query(page, NEW_USER);
  check('the new user is found by the query', rows.length === 1 && rows[0] === NEW_USER, String(rows));
  await clickItem(page, `users.grant.${NEW_USER}`);
  await waitItem(page, 'users.grant.menu.ivd.review');
  await waitIdle(page);
  const before = (await items(page)).filter((i) => i.label.includes('##users.grant.menu.'));
  check('授权 lists the grantable menus with the held ones ticked', before.length === grantableKeys.length && before.every(isChecked),
        JSON.stringify(before.map((b) => [b.label, isChecked(b)])));
  const after = await tickOnly(page, 'users.grant.menu.', ['ivd.review']);
  check('only 报量项目审核 stays ticked', after.filter(isChecked).length === 1 &&
        isChecked(after.find((b) => b.label.endsWith('.ivd.review'))));
  await screenshot(page, 'users-grant.png', SLOW_FRAME_MS);
  await clickItem(page, 'users.grant.ok');
  const granted = await waitFor(page, 'notice after 授权', async () => {
    const m = await messageOf(page, 'users.notice');
    return m && m.includes('授权') && !(await state(page)).busy ? m : null;
  });
  check('授权 is saved', granted === `已更新用户“${NEW_USER}”的授权`, granted);

  // 7. 编辑: the username is read-only, the name changes
  await clickItem(page, `users.edit.${NEW_USER}`);
  await waitItem(page, 'users.form.username_fixed');
  check('编辑 shows the username as not editable', Boolean(findItem(await items(page), 'users.form.username_fixed')));
  await typeInto(page, 'users.form.name', '芜湖审核员');
  await clickItem(page, 'users.form.ok');
  const edited = await waitFor(page, 'notice after 编辑', async () => {
    const m = await messageOf(page, 'users.notice');
    return m && m.includes('修改') && !(await state(page)).busy ? m : null;
  });
  check('编辑 saves the change', edited === `已保存用户“${NEW_USER}”的修改`, edited);

  // 8. 停用 / 启用 / 重置密码, each after a confirmation
  await clickItem(page, `users.disable.${NEW_USER}`);
  await waitItem(page, 'users.confirm.ok');
  await screenshot(page, 'users-confirm.png', SLOW_FRAME_MS);
  await clickItem(page, 'users.confirm.ok');
  await waitItem(page, `users.enable.${NEW_USER}`);
  check('停用 after confirmation marks the user 已停用', (await messageOf(page, `users.status.${NEW_USER}`)) === '已停用');
  await clickItem(page, `users.enable.${NEW_USER}`);
  await clickItem(page, 'users.confirm.ok');
  await waitItem(page, `users.disable.${NEW_USER}`);
  check('启用 after confirmation makes it 正常 again', (await messageOf(page, `users.status.${NEW_USER}`)) === '正常');
  await clickItem(page, `users.reset_password.${NEW_USER}`);
  await clickItem(page, 'users.confirm.cancel');
  await waitFor(page, 'the confirmation to close', async () => !findItem(await items(page), 'users.confirm.ok'), 3000)
    .catch(() => null);
  await waitIdle(page);
  const afterCancel = { dialog: Boolean(findItem(await items(page), 'users.confirm.ok')),
    notice: await messageOf(page, 'users.notice'), busy: (await state(page)).busy };
  check('取消 closes the confirmation without doing anything', !afterCancel.dialog && !afterCancel.notice && !afterCancel.busy,
        JSON.stringify(afterCancel));
  await clickItem(page, `users.reset_password.${NEW_USER}`);
  await clickItem(page, 'users.confirm.ok');
  const reset = await waitFor(page, 'notice after 重置密码', async () => {
    const m = await messageOf(page, 'users.notice');
    return m && m.includes('重置') ? m : null;
  });
  check('重置密码 after confirmation', reset.includes(NEW_USER), reset);

  // 9. English labels
  await clickItem(page, 'lang.en');
  await waitFor(page, 'English labels', async () => labelText(findItem(await items(page), 'users.search')) === 'Search');
  check('the screen follows the English switch', (await messageOf(page, 'users.total')) === '1 in total', await messageOf(page, 'users.total'));
  await screenshot(page, 'users-en.png', SLOW_FRAME_MS);
  await clickItem(page, 'lang.zh');
  await waitFor(page, 'Chinese labels', async () => labelText(findItem(await items(page), 'users.search')) === '查询');

  // 10. 3840×2160: the same session in a 1920×1080 window at devicePixelRatio 2
  {
    const token = await page.evaluate(() => sessionStorage.getItem('ivd.session_token'));
    const b4k = keep(await launch());
    const ctx = await b4k.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 });
    const p4 = await ctx.newPage();
    const errors4 = collectPageErrors(p4);
    await p4.addInitScript((t) => sessionStorage.setItem('ivd.session_token', t), token);
    await p4.goto(server.base + '/');
    await waitScreen(p4, 'main', 30000);
    await clickItem(p4, 'menu.sys.users');
    await waitItem(p4, 'users.search');
    await waitIdle(p4, 90000);
    const s4 = await state(p4);
    const rows4 = await tableRows(p4);
    const pager = findItem(await items(p4), 'users.next');
    check('4K: the screen lays out at devicePixelRatio 2 with the pager in view', s4.scale === 2 && rows4.length === 10 &&
          pager && pager.y + pager.h <= 1080, JSON.stringify({ scale: s4.scale, rows: rows4.length, pager }));
    await screenshot(p4, 'users-4k.png', SLOW_FRAME_MS);
    await p4.screenshot({ path: path.join(outDir, 'users-4k-detail.png'), clip: { x: 228, y: 56, width: 700, height: 360 } });
    await clickItem(p4, 'users.add');
    await choose(p4, 'users.form.type', 'hospital');
    await typeInto(p4, 'users.form.institution', '芜湖');
    await sleep(100);
    await waitIdle(p4, 90000);  // the answer to the last keystroke's search is in
    const hospitals = (await items(p4)).filter((i) => i.label.includes('##users.form.institution.opt.'));
    check('the institution picker finds hospitals by name, in the province only', hospitals.length > 0 &&
          hospitals.every((h) => h.label.includes('芜湖') && h.label.split('.opt.')[1].startsWith('H3402')),
          hospitals.map((h) => h.label).join(', '));
    await screenshot(p4, 'users-add-4k.png', SLOW_FRAME_MS);
    await typeInto(p4, 'users.form.institution', '不存在的医院');
    await sleep(100);
    await waitIdle(p4, 90000);
    const none = await messageOf(p4, 'users.form.institution.none');
    check('a missing institution says so, next to the hint to have it imported', none === '没有找到匹配的机构', String(none));
    check('4K page without errors', errors4.length === 0, errors4.join(' | '));
    await ctx.close();
  }

  // 11. the new user logs in (forced change) and sees exactly the granted menu
  await logout(page);
  s = await login(page, server, captcha, NEW_USER, '123456');
  check('the new user must change the initial password first', s.screen === 'change_password', JSON.stringify(s));
  await changePassword(page, '123456', NEW_USER_PASSWORD);
  s = await login(page, server, captcha, NEW_USER, NEW_USER_PASSWORD);
  const menu = await leftMenu(page);
  check('the new user\'s left menu shows exactly the granted 报量项目审核',
        s.screen === 'main' && JSON.stringify(menu) === '["ivd.review"]' && JSON.stringify(s.menus) === '["ivd.review"]',
        JSON.stringify({ screen: s.screen, menu, menus: s.menus }));
  check('its account is bound to 芜湖市 (shown in the account menu)', s.institution_name === '芜湖市', JSON.stringify(s));
  await screenshot(page, 'users-new-user.png', SLOW_FRAME_MS);
  check('no page errors', pageErrors.length === 0, pageErrors.join(' | '));
});
