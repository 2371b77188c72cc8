// Browser end-to-end test of the 导出列表 (menu exports), through the real UI in Debian's Chromium on the
// real server with the demo data set:
//   the super admin starts 汇总数据导出 on 全国报量数据 (a background job), is told it is in the 导出列表 and
//   follows the link there; the list shows the job, refreshes itself until it is 已完成 (green) with its
//   progress at 100 %, and 下载 saves the CSV under its Chinese name with the BOM and the exact header.
//   A job that fails shows 失败 (red) with its reason and no 下载; 删除 asks first and removes the row.
//   Another admin of a province cannot download the super admin's file (the refusal of a missing id).
//   Finally every demo role opens each of its menus: none shows the 功能正在建设中 placeholder.
//   Screenshots of the list at 1366×768 and at 1280×720 with 150 % zoom in out/.
//
//   node tests/browser/exports.test.mjs
// Env: IVD_SERVER (server binary), IVD_WEB (web folder), IVD_KEEP=1 keeps the temporary folder.
// Prints "N passed, N failed" last; exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import {
  check, sleep, launchPersistent, collectPageErrors, state, items, findItem, labelText, waitFor, waitItem, waitIdle,
  clickItem, choose, login, logout, runBrowserTest, messageOf, hasItem, keysWith, waitExposed, settle, screenshot,
  openApp, api, apiSession, launch,
} from './lib.mjs';

const PASSWORD = 'Exports2026pass';
const PROJECT = '1';  // the demo IVD project
const HEADER = '省份,大项,小项,生产企业,注册证,上年度采购总数量,下年度采购总数量';

async function openMenu(page, menu) {
  await clickItem(page, 'menu.' + menu);
  await settle(page);
}

runBrowserTest(async ({ tmp, server, keep }) => {
  // Sessions through the API first (the forced change of the initial password), so the UI logs in once.
  const tokens = {};
  for (const u of ['admin', 'admin_34', 'city_340100', 'city_340099', 'H34010000001', 'E440300001'])
    tokens[u] = await apiSession(server, u, PASSWORD);

  const browser = keep(await launchPersistent(tmp));
  const { page, pageErrors, captcha } = await openApp(browser, server);
  let s = await login(page, server, captcha, 'admin', PASSWORD);
  check('the super admin logs in and holds 导出列表', s.screen === 'main' && s.menus.includes('exports'), JSON.stringify(s.menus));

  // ==== 1. 全国报量数据: 汇总数据导出 starts a job ==========================================================
  await openMenu(page, 'ivd.national');
  await choose(page, 'national.q.project', PROJECT);
  await clickItem(page, 'national.search');
  await waitItem(page, 'national.totals');
  await clickItem(page, 'national.export');
  const started = await waitExposed(page, 'national.notice', /已开始生成.*导出列表/);
  check('汇总数据导出 tells the clerk the file is being made in the 导出列表', started, await messageOf(page, 'national.notice'));
  await waitItem(page, 'national.go_exports');
  await clickItem(page, 'national.go_exports');
  await waitItem(page, 'exports.total');
  s = await state(page);
  check('the link opens the 导出列表 on its route', /exports/.test(s.route || ''), JSON.stringify(s.route));

  // ==== 2. the list refreshes itself until 已完成; 下载 saves the CSV =====================================
  const jobKeys = await waitFor(page, 'a job row', async () => {
    const k = await keysWith(page, 'exports.status.');
    return k.length ? k : null;
  });
  const id = jobKeys[0];
  const firstStatus = await messageOf(page, 'exports.status.' + id);
  check('the job is listed as 生成中 or already 已完成', ['生成中', '已完成'].includes(firstStatus), firstStatus);
  const done = await waitExposed(page, 'exports.status.' + id, '已完成', 20000);  // no click on 刷新
  check('the list refreshes by itself until the job is 已完成', done, await messageOf(page, 'exports.status.' + id));
  check('a finished job shows green and 100 %', (await messageOf(page, 'exports.tone.' + id)) === '2' &&
        (await messageOf(page, 'exports.progress.' + id)) === '100');
  check('its name is the kind and the project', /全国汇总数据导出（CSV）（2026年度省际联盟体外诊断试剂报量）/.test(
        await messageOf(page, 'exports.name.' + id) || ''), await messageOf(page, 'exports.name.' + id));
  {
    const dl = page.waitForEvent('download', { timeout: 15000 });
    await clickItem(page, 'exports.download.' + id);
    const d = await dl;
    const name = d.suggestedFilename();
    const bytes = fs.readFileSync(await d.path());
    const text = bytes.toString('utf8');
    check('下载 saves the file under its Chinese name', name === '2026年度省际联盟体外诊断试剂报量_全国汇总数据.csv', name);
    check('the CSV has the BOM and exactly the header', bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF &&
          text.slice(1).startsWith(HEADER + '\r\n'), text.slice(0, 80));
    const rows = await api(server, tokens.admin, 'GET', `/ivd/projects/${PROJECT}/certificates`);
    check('the CSV has one record per province × 注册证 of the API', text.trim().split('\r\n').length === rows.body.items.length + 1,
          `${text.trim().split('\r\n').length} vs ${rows.body.items.length}`);
    await waitExposed(page, 'exports.notice', /已下载/);
  }
  await screenshot(page, 'exports_list.png');

  // ==== 2b. the same as XLSX: a second job; the file opens in a spreadsheet reader with the API's totals =====
  {
    await openMenu(page, 'ivd.national');
    await choose(page, 'national.q.project', PROJECT);
    await clickItem(page, 'national.search');
    await waitItem(page, 'national.totals');
    await clickItem(page, 'national.export.xlsx');
    await waitExposed(page, 'national.notice', /已开始生成.*导出列表/);
    await clickItem(page, 'national.go_exports');
    const xid = await waitFor(page, 'the XLSX job row', async () =>
      (await keysWith(page, 'exports.status.')).find((k) => k !== id) || null);
    check('the XLSX job becomes 已完成', await waitExposed(page, 'exports.status.' + xid, '已完成', 30000),
          await messageOf(page, 'exports.status.' + xid));
    const dl = page.waitForEvent('download', { timeout: 15000 });
    await clickItem(page, 'exports.download.' + xid);
    const d = await dl;
    const out = execFileSync('/usr/bin/python3', ['-c',
      'import sys,openpyxl\nws=openpyxl.load_workbook(open(sys.argv[1],"rb"),read_only=True).active\n' +
      'rows=list(ws.iter_rows(values_only=True))\nprint(",".join(rows[0]))\n' +
      'print(len(rows)-1, sum(r[5] for r in rows[1:]), sum(r[6] for r in rows[1:]))', await d.path()],
      { encoding: 'utf8' }).trim().split('\n');
    const rows = (await api(server, tokens.admin, 'GET', `/ivd/projects/${PROJECT}/certificates`)).body.items;
    const want = `${rows.length} ${rows.reduce((a, r) => a + r.last_year_total, 0)} ${rows.reduce((a, r) => a + r.demand_total, 0)}`;
    check('the XLSX has the header and the rows and totals of the API', /\.xlsx$/.test(d.suggestedFilename()) &&
          out[0] === HEADER && out[1] === want, `${d.suggestedFilename()} ${out.join(' | ')} vs ${want}`);
  }

  // ==== 3. owner only ========================================================================================
  {
    const other = await api(server, tokens.admin_34, 'GET', `/exports/${id}/download`);
    const none = await api(server, tokens.admin_34, 'GET', `/exports/999999/download`);
    check('another admin gets the refusal of a missing id for the file', other.status === 404 &&
          JSON.stringify(other.body) === JSON.stringify(none.body), JSON.stringify(other.body));
    const own = await fetch(`${server.base}/api/v1/exports/${id}/download`, { headers: { 'X-Session-Token': tokens.admin } });
    check('the owner downloads it with a UTF-8 Content-Disposition', own.status === 200 &&
          /filename\*=UTF-8''2026%E5%B9%B4/.test(own.headers.get('content-disposition') || ''), own.headers.get('content-disposition'));
  }

  // ==== 4. a failing job: 失败 with its reason, no 下载; 删除 asks first =================================
  {
    const bad = await api(server, tokens.admin, 'POST', '/exports', { kind: 'ivd.national.xlsx', params: { project_id: 999999 }, title: '失败示例' });
    check('a second kind is accepted as a job', bad.status === 200, JSON.stringify(bad.body));
    const badId = String(bad.body.id);
    await waitFor(page, 'the job to fail', async () => (await api(server, tokens.admin, 'GET', `/exports/${badId}`)).body.status === 'failed', 15000);
    await clickItem(page, 'exports.refresh');
    await settle(page);
    const failed = await waitExposed(page, 'exports.status.' + badId, '失败');
    check('the failed job shows 失败 in red', failed && (await messageOf(page, 'exports.tone.' + badId)) === '3');
    // The producer's refusal (the project does not exist), as the data route would give it.
    const missing = await api(server, tokens.admin, 'GET', '/ivd/projects/999999');
    check('the failure reason is shown', (await messageOf(page, 'exports.reason.' + badId)) === missing.body.message_zh,
          await messageOf(page, 'exports.reason.' + badId) + ' / ' + missing.body.message_zh);
    check('a failed job offers no 下载', (await messageOf(page, 'exports.can_download.' + badId)) === '0' &&
          (await messageOf(page, 'exports.can_download.' + id)) === '1');
    await screenshot(page, 'exports_list_failed.png');
    await clickItem(page, 'exports.delete.' + badId);
    await waitItem(page, 'exports.delete.ok');
    check('删除 asks for confirmation first', await hasItem(page, 'exports.delete.cancel'));
    await clickItem(page, 'exports.delete.ok');
    await waitExposed(page, 'exports.notice', /已删除/);
    await settle(page);
    check('删除 removes the row', !(await hasItem(page, 'exports.status.' + badId)) && await hasItem(page, 'exports.status.' + id));
    const gone = await api(server, tokens.admin, 'GET', `/exports/${badId}`);
    check('the deleted job is gone on the server', gone.status === 404);
  }

  // ==== 4b. 1280×720 at 150 % zoom: the whole row and the pager stay in view ==============================
  {
    const token = await page.evaluate(() => sessionStorage.getItem('ivd.session_token'));
    const bz = keep(await launch());
    const ctx = await bz.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1.5 });
    const pz = await ctx.newPage();
    await pz.addInitScript((t) => sessionStorage.setItem('ivd.session_token', t), token);
    await pz.goto(server.base + '/#exports');
    await waitFor(pz, 'the 导出列表 at 150 %', async () => (await state(pz)).screen === 'main', 30000);
    await clickItem(pz, 'menu.exports');
    await waitItem(pz, 'exports.download.' + id);
    await waitIdle(pz, 60000);
    const list = await items(pz);
    const del = findItem(list, 'exports.delete.' + id), next = findItem(list, 'exports.next');
    check('150 %: the row\'s 删除 and the pager are inside the window', del && next && del.x + del.w <= 1280 &&
          next.y + next.h <= 720, JSON.stringify({ del, next }));
    await screenshot(pz, 'exports_list_150.png', 60000);
  }
  await logout(page);

  // ==== 5. no menu of any role shows 功能正在建设中 =========================================================
  for (const u of ['admin', 'admin_34', 'city_340100', 'city_340099', 'H34010000001', 'E440300001']) {
    s = await login(page, server, captcha, u, PASSWORD);
    const placeholders = [];
    for (const m of s.menus) {
      await openMenu(page, m);
      await sleep(200);
      if (await hasItem(page, 'main.placeholder')) placeholders.push(m);
    }
    check(`${u}: none of its ${s.menus.length} menus shows 功能正在建设中`, s.menus.length > 0 && placeholders.length === 0,
          `${s.menus} / placeholders: ${placeholders}`);
    await logout(page);
  }
  check('no page errors', pageErrors.length === 0, pageErrors.join('\n'));
});
