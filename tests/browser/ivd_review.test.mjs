// Browser end-to-end test of 报量项目审核 (menu ivd.review), through the real UI in Debian's Chromium on
// the demo database (`server init --demo`):
//   * the city admin of 合肥市 (city_340100) picks the project and sees its hospitals with the counts by
//     status; a count filters the list; it rejects a submitted sheet, first without a reason (refused in
//     the dialog), then with one (审核不通过); approves another; tries 提交 while hospitals are not approved
//     and sees them named in the dialog, one click showing that hospital;
//   * the province admin admin_34 sees its cities, drills into 合肥市 (read-only), uploads the stamped
//     summary as a PDF through the browser's file chooser and tries 提交, which names the cities that
//     block it.
// The demo has no 已提交 sheet in 合肥市: the city's 审核撤回 of two approved ones prepares them (API).
// Screenshots at 1366×768 go to out/.
//
//   node tests/browser/ivd_review.test.mjs
// Env: IVD_SERVER, IVD_WEB, IVD_KEEP=1 (see lib.mjs). Prints "N passed, N failed" last.
import { execFileSync } from 'node:child_process';
import {
  check, launchPersistent, items, findItem, waitItem, clickItem, typeInto, login, logout, runBrowserTest, messageOf,
  keysWith, settle, screenshot, pickFile, api, apiLogin, apiSession, openApp,
} from './lib.mjs';

const CITY = 'city_340100';
const PROVINCE = 'admin_34';
const PASSWORD = 'Review2024pass';

// ---- the UI -------------------------------------------------------------------------------------------
// Every key of a scrolling table: the keys in view, then again after each turn of the wheel over the
// table (the list scrolls, its header and the pager stay).
async function allKeys(page, prefix) {
  const seen = new Set(await keysWith(page, prefix));
  const first = (await items(page)).find((i) => i.visible && i.label.includes('##' + prefix));
  if (!first) return [...seen];
  await page.mouse.move(first.x, first.y + first.h / 2);
  for (let i = 0, still = 0; i < 60 && still < 2; i++) {
    await page.mouse.wheel(0, 100);
    await settle(page);
    const before = seen.size;
    for (const k of await keysWith(page, prefix)) seen.add(k);
    still = seen.size === before ? still + 1 : 0;
  }
  await page.mouse.wheel(0, -10000);  // back to the first row
  await settle(page);
  return [...seen];
}
// The smallest PDF the server accepts as one (it judges by the content: %PDF-).
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

runBrowserTest(async ({ tmp, server, keep }) => {
  // Prepare: two 已提交 sheets in 合肥市 (审核撤回 of two approved ones), the project id.
  const cityToken = await apiSession(server, CITY, PASSWORD);
  const provToken = await apiSession(server, PROVINCE, PASSWORD);
  const projects = await api(server, cityToken, 'GET', '/ivd/projects?page=1&page_size=10');
  const pid = projects.body.items[0].id;
  const base = `/ivd/projects/${pid}/cities/340100/hospitals`;
  const approved = (await api(server, cityToken, 'GET', base + '?status=approved&page=1&page_size=50')).body.items;
  for (const h of approved.slice(0, 2)) {
    const r = await api(server, cityToken, 'POST', `/ivd/projects/${pid}/hospitals/${h.hospital_id}/review/withdraw`, { revision: h.revision });
    if (r.status !== 200) throw new Error('prepare: ' + JSON.stringify(r.body));
  }
  const list = (await api(server, cityToken, 'GET', base + '?page=1&page_size=50')).body;
  const submitted = list.items.filter((h) => h.status === 'submitted');
  check('prepared: 合肥市 has two 已提交 sheets', submitted.length === 2, JSON.stringify(list.counts));
  await api(server, cityToken, 'POST', '/auth/logout', {});
  await api(server, provToken, 'POST', '/auth/logout', {});

  const browser = keep(await launchPersistent(tmp));
  const { page, pageErrors, captcha } = await openApp(browser, server);

  // 1. the city admin: project list, then its hospitals with counts by status
  let s = await login(page, server, captcha, CITY, PASSWORD);
  check('city_340100 logs in and holds 报量项目审核', s.screen === 'main' && s.menus.includes('ivd.review'), JSON.stringify(s));
  await clickItem(page, 'menu.ivd.review');
  await waitItem(page, `review.project.open.${pid}`);
  await clickItem(page, `review.project.open.${pid}`);
  await waitItem(page, 'review.count.submitted');
  await settle(page);
  const chip = async (status) => messageOf(page, `review.count.${status}`);
  check('the counts by status match the city list', (await chip('submitted')) === '已提交 2' &&
        (await chip('approved')) === `审核通过 ${list.counts.approved}` && (await chip('all')) === `全部 ${list.items.length}`,
        `${await chip('submitted')} / ${await chip('approved')} / ${await chip('all')}`);
  check('the city report shows its status', (await messageOf(page, 'review.city.status')) === '待提交',
        await messageOf(page, 'review.city.status'));
  await screenshot(page, 'ivd_review_city.png');
  let codes = await allKeys(page, 'review.h.status.');
  check('the table lists every hospital of the city', codes.length === list.items.length &&
        (await messageOf(page, 'review.h.total')) === `共 ${list.items.length} 条`, String(codes));

  await clickItem(page, 'review.count.submitted');
  await settle(page);
  codes = await keysWith(page, 'review.h.status.');
  check('a click on 已提交 2 shows the two submitted hospitals only',
        codes.length === 2 && codes.every((c) => submitted.some((h) => h.hospital_code === c)), String(codes));
  const [a, b] = submitted.map((h) => h.hospital_code);
  check('a submitted hospital offers 审核通过, 审核不通过 and 取消上报, not 审核撤回',
        !!findItem(await items(page), `review.h.approve.${a}`) && !!findItem(await items(page), `review.h.reject.${a}`) &&
        !!findItem(await items(page), `review.h.exclude.${a}`) && !findItem(await items(page), `review.h.withdraw_review.${a}`));

  // 2. 审核不通过 without a reason: refused in the dialog; with a reason it goes through
  await clickItem(page, `review.h.reject.${a}`);
  await waitItem(page, 'review.action.ok');
  await clickItem(page, 'review.action.ok');
  await waitItem(page, 'review.action.reason.error');
  check('审核不通过 with an empty reason is refused at the reason field',
        /原因/.test(await messageOf(page, 'review.action.reason.error')), await messageOf(page, 'review.action.reason.error'));
  await typeInto(page, 'review.action.reason', '上年度采购数量与记录不符');
  await clickItem(page, 'review.action.ok');
  await waitItem(page, 'review.notice');
  await settle(page);
  check('the notice names the rejected hospital', /已审核不通过/.test(await messageOf(page, 'review.notice')),
        await messageOf(page, 'review.notice'));
  await clickItem(page, 'review.count.rejected');
  await settle(page);
  check('the rejected sheet is 审核不通过', (await messageOf(page, `review.h.status.${a}`)) === '审核不通过',
        await messageOf(page, `review.h.status.${a}`));

  // 3. 审核通过 of the other one, behind a confirmation. Meanwhile someone else changes the row (API:
  //    审核不通过 then 审核撤回): the first 确定 is refused as stale in the dialog, the row reloads, the
  //    second goes through.
  await clickItem(page, 'review.count.submitted');
  await settle(page);
  await clickItem(page, `review.h.approve.${b}`);
  await waitItem(page, 'review.action.ok');
  {
    const t = (await apiLogin(server, CITY, PASSWORD)).token;
    const hb = submitted[1];
    const r1 = await api(server, t, 'POST', `/ivd/projects/${pid}/hospitals/${hb.hospital_id}/review`, { revision: hb.revision, decision: 'reject', reason: '另一窗口' });
    await api(server, t, 'POST', `/ivd/projects/${pid}/hospitals/${hb.hospital_id}/review/withdraw`, { revision: r1.body.revision });
  }
  await clickItem(page, 'review.action.ok');
  await waitItem(page, 'review.action.error');
  await settle(page);
  check('a stale row is refused in the dialog and reloaded', /已重新加载/.test(await messageOf(page, 'review.action.error')),
        await messageOf(page, 'review.action.error'));
  await clickItem(page, 'review.action.ok');
  await waitItem(page, 'review.notice');
  await clickItem(page, 'review.count.approved');
  await settle(page);
  check('the approved sheet is 审核通过', (await messageOf(page, `review.h.status.${b}`)) === '审核通过',
        await messageOf(page, `review.h.status.${b}`));
  check('an approved sheet offers 审核撤回', !!findItem(await items(page), `review.h.withdraw_review.${b}`));

  // 查看 opens the sheet read-only (its own route); the trail leads back
  await clickItem(page, `review.h.view.${b}`);
  await waitItem(page, 'review.trail.project');
  await settle(page);
  const inSheet = !findItem(await items(page), 'review.city.submit') && !findItem(await items(page), `review.h.status.${b}`);
  await clickItem(page, 'review.trail.project');
  await waitItem(page, 'review.city.events');
  check('查看 opens the hospital\'s sheet in place of the list and the trail leads back to the list', inSheet);
  // 历史记录 of the city report
  await clickItem(page, 'review.city.events');
  await waitItem(page, 'review.events.close');
  await settle(page);
  check('历史记录 opens the city report\'s history', !findItem(await items(page), 'review.error'));
  await clickItem(page, 'review.events.close');
  await settle(page);

  // 4. 提交 while hospitals are not approved: the dialog names them
  await clickItem(page, 'review.city.submit');
  await waitItem(page, 'review.submit.ok');
  await clickItem(page, 'review.submit.ok');
  await waitItem(page, 'review.submit.error');
  await settle(page);
  const blocking = await keysWith(page, 'review.blocking.');
  const notApproved = (await api(server, (await apiLogin(server, CITY, PASSWORD)).token, 'GET', base + '?page=1&page_size=50'))
    .body.items.filter((h) => h.status !== 'approved' && h.status !== 'not_required');
  check('提交 is refused and the dialog names every hospital not approved',
        blocking.length === notApproved.length && notApproved.every((h) => blocking.includes(h.hospital_code)) &&
        blocking.includes(a), `${blocking} vs ${notApproved.map((h) => h.hospital_code)}`);
  check('the refusal says why', /未审核通过/.test(await messageOf(page, 'review.submit.error')), await messageOf(page, 'review.submit.error'));
  await screenshot(page, 'ivd_review_city_blocking.png');
  await clickItem(page, `review.blocking.${a}`);
  await settle(page);
  codes = await keysWith(page, 'review.h.status.');
  check('a click on a blocking hospital shows it in the list', codes.length === 1 && codes[0] === a, String(codes));

  // 5. the province admin: cities, drill-down, summary upload, 提交 naming the blocking cities
  await logout(page);
  s = await login(page, server, captcha, PROVINCE, PASSWORD);
  await clickItem(page, 'menu.ivd.review');
  await clickItem(page, `review.project.open.${pid}`);
  await waitItem(page, 'review.c.status.340100');
  await settle(page);
  await screenshot(page, 'ivd_review_province.png');
  const hefei = await messageOf(page, 'review.c.status.340100');
  const cities = await allKeys(page, 'review.c.status.');
  check('admin_34 sees the cities of 安徽省 with their status', cities.length === 17 && cities.every((c) => c.startsWith('34')) &&
        hefei === '待提交', `${cities} / ${hefei}`);
  check('the province report shows its status', (await messageOf(page, 'review.prov.status')) === '待提交',
        await messageOf(page, 'review.prov.status'));
  // 汇总数据导出: the province's PDF by 注册证, read back with pdftotext
  {
    const dl = page.waitForEvent('download', { timeout: 30000 });
    await clickItem(page, 'review.prov.export');
    const d = await dl;
    check('汇总数据导出 saves <省份>_<项目>_汇总数据.pdf', d.suggestedFilename().startsWith('安徽省_') &&
          d.suggestedFilename().endsWith('_汇总数据.pdf'), d.suggestedFilename());
    const text = execFileSync('pdftotext', ['-raw', await d.path(), '-']).toString('utf8').replace(/\s+/g, '');
    check('the summary PDF names the province and has the stamp block', text.includes('省份：安徽省') && text.includes('单位盖章'),
          text.slice(0, 120));
  }
  await clickItem(page, 'review.c.view.340100');
  await waitItem(page, `review.h.status.${a}`);
  await settle(page);
  check('the drill-down shows 合肥市\'s hospitals read-only', (await messageOf(page, `review.h.status.${a}`)) === '审核不通过' &&
        (await keysWith(page, 'review.h.approve.')).length === 0 && (await keysWith(page, 'review.h.withdraw_review.')).length === 0 &&
        !findItem(await items(page), 'review.city.submit'));
  await clickItem(page, 'review.trail.project');
  await waitItem(page, 'review.prov.upload');
  await settle(page);

  const picked = await pickFile(page, 'review.prov.upload', { name: '安徽省汇总数据.pdf', mimeType: 'application/pdf', buffer: PDF },
                                { optional: true });
  check('上传文件 opens the browser\'s file chooser', picked);
  if (picked) {
    await waitItem(page, 'review.prov.summary_name', 15000);
    check('the uploaded summary shows its name', (await messageOf(page, 'review.prov.summary_name')) === '安徽省汇总数据.pdf',
          await messageOf(page, 'review.prov.summary_name'));
  }
  await clickItem(page, 'review.prov.submit');
  await waitItem(page, 'review.submit.ok');
  await clickItem(page, 'review.submit.ok');
  await waitItem(page, 'review.submit.error');
  await settle(page);
  const blockingCities = await allKeys(page, 'review.blocking.');
  check('提交 is refused and the dialog names every city not approved',
        blockingCities.length === cities.length && blockingCities.includes('340100') &&
        (await messageOf(page, 'review.submit.error')) === `还有 ${cities.length} 个市级（含省本级）未审核通过，不能提交`,
        `${blockingCities} / ${await messageOf(page, 'review.submit.error')}`);
  await screenshot(page, 'ivd_review_province_blocking.png');
  await clickItem(page, 'review.blocking.340100');
  await waitItem(page, `review.h.status.${a}`);
  check('a click on a blocking city opens its hospitals', !!findItem(await items(page), `review.h.status.${b}`));

  // 6. after a national 撤回 the province reads why (北京市 has submitted in the demo)
  {
    const superToken = await apiSession(server, 'admin', PASSWORD);
    const prov = (await api(server, superToken, 'GET', `/ivd/projects/${pid}/provinces?name=北京`)).body.items[0];
    const w = await api(server, superToken, 'POST', `/ivd/projects/${pid}/provinces/${prov.province_code}/withdraw`, { revision: prov.revision, reason: '汇总数据未盖章，请重新上传' });
    check('prepared: the nation withdraws 北京市', w.status === 200, JSON.stringify(w.body));
    await apiSession(server, 'admin_11', PASSWORD);
  }
  await logout(page);
  await login(page, server, captcha, 'admin_11', PASSWORD);
  await clickItem(page, 'menu.ivd.review');
  await clickItem(page, `review.project.open.${pid}`);
  await waitItem(page, 'review.prov.withdraw_reason');
  await settle(page);
  check('the province sees the national withdraw reason and its status',
        (await messageOf(page, 'review.prov.withdraw_reason')) === '汇总数据未盖章，请重新上传' &&
        /已撤回/.test(await messageOf(page, 'review.prov.status')), await messageOf(page, 'review.prov.status'));
  await screenshot(page, 'ivd_review_province_withdrawn.png');
  // The smallest supported window: the table and the buttons stay in view.
  await page.setViewportSize({ width: 1280, height: 720 });
  await settle(page);
  await screenshot(page, 'ivd_review_province_1280.png');
  {
    const submit = findItem(await items(page), 'review.prov.submit');
    const detail = findItem(await items(page), 'review.c.view.110100');
    check('at 1280×720 提交 and the rows\' 详情 stay inside the window',
          submit && detail && submit.x + submit.w <= 1280 && detail.y + detail.h <= 720, JSON.stringify({ submit, detail }));
  }

  check('no page errors', pageErrors.length === 0, pageErrors.join(' | '));
});
