// Browser end-to-end test of the super admin's IVD screens, through the real UI in Debian's Chromium, on
// a fresh demo database (`server init --demo`), user `admin`:
//   报量项目配置: the list and its query; 新增 with a time-order mistake (the error at its field), then
//   corrected and saved; 统一配置 of the running demo project shows the threshold locked; catalog import
//   of a bad CSV shows the per-row report, a good one the counts;
//   全国报量数据: 查询, drill-down province → city → hospital → sheet and back (browser Back when the URL
//   hash is wired, else the breadcrumbs); 撤回 with an empty reason refused in the dialog, with a reason
//   done and the province shows 已撤回. Screenshots at 1366×768 go to out/.
//
//   node tests/browser/ivd_admin.test.mjs
// Env: IVD_SERVER (server binary), IVD_WEB (web folder), IVD_KEEP=1 keeps the temporary folder.
// Prints "N passed, N failed" last; exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  check, outDir, launchPersistent, items, findItem, labelText, waitItem, clickItem, typeInto, choose, runBrowserTest,
  messageOf, settle, screenshot, pickFile, openApp, firstLogin,
} from './lib.mjs';

const ADMIN = 'admin';
const PASSWORD = 'Admin2024pass';

async function labelsMatching(page, re) { return (await items(page)).filter((i) => i.visible && re.test(i.label)); }

// Writes `text` to out/<name> and picks it through the browser's file picker opened by clicking `key`;
// false when no picker opened (the browser half of file_io is not there).
async function pickCsv(page, key, name, text) {
  const file = path.join(outDir, name);
  fs.writeFileSync(file, text);
  return pickFile(page, key, file, { timeout: 4000, optional: true });
}

runBrowserTest(async ({ tmp, server, keep }) => {
  const browser = keep(await launchPersistent(tmp));
  const { page, pageErrors, captcha } = await openApp(browser, server);
  let s = await firstLogin(page, server, captcha, ADMIN, PASSWORD);
  check('admin logs in', s.screen === 'main', JSON.stringify(s));

  // ---- 报量项目配置: list and query ------------------------------------------------------------
  await clickItem(page, 'menu.ivd.config');
  await waitItem(page, 'config.total');
  await settle(page);
  const demoRows = await labelsMatching(page, /##config\.configure\.\d+$/);
  check('the project list shows the demo project', demoRows.length === 1, String(demoRows.length));
  const demoId = demoRows.length ? demoRows[0].label.split('##config.configure.')[1] : '1';
  check('the demo project is 执行中', labelText(findItem(await items(page), `config.status.${demoId}`)) === '执行中',
    await messageOf(page, `config.status.${demoId}`));
  await typeInto(page, 'config.q.name', '不存在的项目');
  await clickItem(page, 'config.search');
  await settle(page);
  check('a query with no match shows 共 0 条 and the empty message',
    (await messageOf(page, 'config.total')) === '共 0 条' && Boolean(findItem(await items(page), 'config.empty')),
    await messageOf(page, 'config.total'));
  await typeInto(page, 'config.q.name', '');
  await choose(page, 'config.q.status', 'running');
  await clickItem(page, 'config.search');
  await settle(page);
  check('query by status 执行中 finds the demo project', (await messageOf(page, 'config.total')) === '共 1 条',
    await messageOf(page, 'config.total'));
  await clickItem(page, 'config.reset');
  await settle(page);
  await screenshot(page, 'ivd_admin_config_list.png');

  // ---- 新增: a time-order mistake at its field, then saved -------------------------------------
  await clickItem(page, 'config.add');
  await waitItem(page, 'config.form.name');
  await clickItem(page, 'config.form.ok');
  await settle(page);
  const required = await labelsMatching(page, /##config\.form\.error\./);
  check('an empty form shows every missing field at once', required.length >= 7, required.map((i) => i.label).join(' | '));
  await typeInto(page, 'config.form.name', '2027年度体外诊断试剂报量');
  check('a corrected field loses its error', !findItem(await items(page), 'config.form.error.name'));
  await typeInto(page, 'config.form.year', '2027');
  await typeInto(page, 'config.form.threshold_percent', '30');
  await typeInto(page, 'config.form.fill_start', '2027-03-01 08:00');
  await typeInto(page, 'config.form.fill_end', '2027-02-01 08:00');  // before the start: refused
  await typeInto(page, 'config.form.city_review_end', '2027-04-01 08:00');
  await typeInto(page, 'config.form.province_review_end', '2027-05-01 08:00');
  await clickItem(page, 'config.form.provinces.all');
  check('the 温馨提示 of the time configuration shows', /温馨提示/.test(await messageOf(page, 'config.form.time_rule') || ''));
  await screenshot(page, 'ivd_admin_config_add.png');
  await clickItem(page, 'config.form.ok');
  await settle(page);
  const orderErr = await messageOf(page, 'config.form.error.fill_end');
  check('the time-order mistake shows at 填报结束时间', Boolean(orderErr) && /填报结束时间/.test(orderErr), orderErr);
  await screenshot(page, 'ivd_admin_config_time_order.png');
  await typeInto(page, 'config.form.fill_end', '2027-03-20 08:00');
  check('the time error disappears when the time is corrected', !findItem(await items(page), 'config.form.error.fill_end'));
  await clickItem(page, 'config.form.ok');
  await waitItem(page, 'config.notice');
  await settle(page);
  check('新增 succeeds and the list shows both projects',
    /2027年度/.test(await messageOf(page, 'config.notice')) && (await messageOf(page, 'config.total')) === '共 2 条',
    `${await messageOf(page, 'config.notice')} / ${await messageOf(page, 'config.total')}`);

  // ---- 统一配置 of the running project: threshold locked ---------------------------------------
  await clickItem(page, `config.configure.${demoId}`);
  await waitItem(page, 'config.form.name');
  await settle(page);
  check('统一配置 of the running project shows the threshold locked with the reason',
    /需求量阈值不可以修改/.test(await messageOf(page, 'config.form.threshold_locked') || ''));
  await screenshot(page, 'ivd_admin_config_configure.png');
  await clickItem(page, 'config.form.cancel');
  await settle(page);

  // ---- the project page: catalog, import, events ----------------------------------------------
  await clickItem(page, `config.open.${demoId}`);
  await waitItem(page, 'config.cat.total');
  await settle(page);
  check('the catalog of the demo project has 2,000 rows', (await messageOf(page, 'config.cat.total')) === '共 2000 条',
    await messageOf(page, 'config.cat.total'));
  const header = '流水号,大项,小项,产品名称,规格/包装,注册证,生产企业\n';
  const picked = await pickCsv(page, 'config.project.import', 'bad_catalog.csv',
    header + ',生化,肝功能,缺流水号的试剂,1盒,国械注准TEST1,测试生物\nT900002,,肝功能,缺大项的试剂,1盒,国械注准TEST2,测试生物\n');
  check('导入 opens the browser\'s file picker', picked);
  {
    await waitItem(page, 'config.import.issue_count');
    await settle(page);
    const issues = await labelsMatching(page, /##config\.import\.issue\.\d+$/);
    check('a bad CSV shows the per-row report with line and column', issues.length === 2 &&
      /^2\|流水号\|/.test(labelText(issues[0])) && /^3\|大项\|/.test(labelText(issues[1])), issues.map(labelText).join(' ; '));
    await screenshot(page, 'ivd_admin_import_report.png');
    await clickItem(page, 'config.import.close');
    await settle(page);
    await pickCsv(page, 'config.project.import', 'good_catalog.csv',
      header + 'T900001,生化,肝功能,新增测试试剂盒,2×50ml,国械注准TEST1,测试生物\n');
    await waitItem(page, 'config.project.notice');
    const notice = await messageOf(page, 'config.project.notice');
    check('a good CSV imports and shows the counts', /新增 1 条/.test(notice || ''), notice);
    await settle(page);
    check('the catalog now has 2,001 rows', (await messageOf(page, 'config.cat.total')) === '共 2001 条',
      await messageOf(page, 'config.cat.total'));
  }
  {
    // 目录下载 as CSV (made in the browser) and as XLSX (made by the server): both hold the 2,001 rows.
    let dl = page.waitForEvent('download', { timeout: 15000 });
    await clickItem(page, 'config.project.download');
    const csv = fs.readFileSync(await (await dl).path(), 'utf8');
    check('目录下载 CSV holds every row with the imported one', csv.split('\n').filter((l) => l.trim()).length === 2002 &&
      csv.includes('T900001'));
    dl = page.waitForEvent('download', { timeout: 30000 });
    await clickItem(page, 'config.project.download_xlsx');
    const d = await dl;
    const rows = execFileSync('/usr/bin/python3', ['-c',
      'import sys,openpyxl\nws=openpyxl.load_workbook(open(sys.argv[1],"rb"),read_only=True).active\n' +
      'rows=[r for r in ws.iter_rows(values_only=True) if any(c is not None for c in r)]\n' +
      'print(len(rows)); print(any("T900001" in [str(c) for c in r] for r in rows))', await d.path()],
      { encoding: 'utf8' }).trim().split('\n');
    check('目录下载 XLSX opens and holds the header and 2,001 rows', /\.xlsx$/.test(d.suggestedFilename()) &&
      rows[0] === '2002' && rows[1] === 'True', d.suggestedFilename() + ' ' + rows.join(' '));
  }
  await typeInto(page, 'config.cat.serial', 'T9');
  await clickItem(page, 'config.cat.search');
  await settle(page);
  check('the catalog query narrows the table', (await messageOf(page, 'config.cat.total')) === '共 1 条',
    await messageOf(page, 'config.cat.total'));
  await screenshot(page, 'ivd_admin_project.png');
  await clickItem(page, 'config.tab.events');
  await settle(page);
  const events = await labelsMatching(page, /##config\.event\.\d+$/);
  check('the event history lists the project events', events.some((e) => labelText(e) === 'create'),
    events.map(labelText).join(','));
  await clickItem(page, 'config.back');
  await waitItem(page, 'config.total');

  // ---- 全国报量数据 ------------------------------------------------------------------------------
  await clickItem(page, 'menu.ivd.national');
  await waitItem(page, 'national.empty');
  await settle(page);
  check('the national list is empty until 查询', /查询/.test(await messageOf(page, 'national.empty') || ''));
  await choose(page, 'national.q.project', demoId);
  await clickItem(page, 'national.search');
  await waitItem(page, 'national.totals');
  await settle(page);
  const provinces = await labelsMatching(page, /##national\.status\.\d+$/);
  check('查询 lists the participating provinces with national totals', provinces.length >= 10 &&
    /医疗机构 [\d,]+ 家 · 上年度采购总数量 [1-9]/.test(await messageOf(page, 'national.totals')), `${provinces.length} ${await messageOf(page, 'national.totals')}`);
  await screenshot(page, 'ivd_admin_national.png');
  const submitted = provinces.find((p) => labelText(p) === '已提交');
  const prov = submitted ? submitted.label.split('##national.status.')[1] : '';
  check('a province is 已提交', Boolean(prov));

  await clickItem(page, `national.detail.${prov}`);
  await waitItem(page, 'national.province.status');
  await settle(page);
  const cities = await labelsMatching(page, /##national\.city\.\d+$/);
  check('详情 lists the cities of the province', cities.length > 0, String(cities.length));
  await screenshot(page, 'ivd_admin_national_cities.png');
  const city = cities[0].label.split('##national.city.')[1];
  await clickItem(page, `national.city.${city}`);
  await waitItem(page, 'national.city.status');
  await settle(page);
  const hospitals = await labelsMatching(page, /##national\.hospital\.\d+$/);
  check('the city lists its hospitals', hospitals.length > 0, String(hospitals.length));
  await screenshot(page, 'ivd_admin_national_hospitals.png');
  const hid = hospitals[0].label.split('##national.hospital.')[1];
  await clickItem(page, `national.hospital.${hid}`);
  await waitItem(page, 'national.crumb.hospital');
  await settle(page);
  check('查看 opens the hospital sheet under the breadcrumbs', Boolean(findItem(await items(page), 'national.crumb.city')));
  await screenshot(page, 'ivd_admin_national_sheet.png');
  const hash = await page.evaluate(() => location.hash);
  check('the hospital sheet has its own address (URL hash)', /view=sheet/.test(hash), hash);
  await page.goBack();
  await waitItem(page, 'national.city.status');
  check('browser Back returns to the hospital list', Boolean(findItem(await items(page), `national.hospital.${hid}`)));
  await page.goBack();
  await waitItem(page, 'national.province.status');
  check('browser Back again returns to the city list', Boolean(findItem(await items(page), `national.city.${city}`)));
  await clickItem(page, `national.city.${city}`);
  await waitItem(page, 'national.city.status');
  await clickItem(page, 'national.crumb.province');
  await waitItem(page, 'national.province.status');
  check('the province breadcrumb returns to the city list', Boolean(findItem(await items(page), `national.city.${city}`)));
  await clickItem(page, 'national.crumb.nation');
  await waitItem(page, 'national.totals');
  await settle(page);

  // ---- 撤回 ------------------------------------------------------------------------------------
  await clickItem(page, `national.withdraw.${prov}`);
  await waitItem(page, 'national.withdraw.reason');
  await clickItem(page, 'national.withdraw.ok');
  await waitItem(page, 'national.withdraw.error.reason');
  check('撤回 with an empty reason is refused in the dialog',
    Boolean(await messageOf(page, 'national.withdraw.error.reason')), await messageOf(page, 'national.withdraw.error.reason'));
  await screenshot(page, 'ivd_admin_withdraw_refused.png');
  await typeInto(page, 'national.withdraw.reason', '注册证汇总数据有误，请核实后重新提交');
  check('the reason error disappears once a reason is typed', !findItem(await items(page), 'national.withdraw.error.reason'));
  await clickItem(page, 'national.withdraw.ok');
  await waitItem(page, 'national.notice');
  await settle(page);
  check('撤回 with a reason succeeds and the province shows 已撤回',
    /已撤回/.test(await messageOf(page, `national.status.${prov}`) || ''), await messageOf(page, `national.status.${prov}`));
  check('no 撤回 is offered for the withdrawn province', !findItem(await items(page), `national.withdraw.${prov}`));
  await screenshot(page, 'ivd_admin_withdrawn.png');

  check('no page errors', pageErrors.length === 0, pageErrors.join(' | '));
});
