// Browser end-to-end test of the whole IVD chain, every step through the real UI in Debian's Chromium,
// on the demo data set (`server init --demo`, the 执行中 project), in 上海市 (province 310000):
//   1. the hospital H31010000004 (上海市传染病医院, nothing filled yet) opens its sheet from 报量项目管理,
//      types a quantity that is no number (an error at the cell) and corrects it, pastes a TSV block,
//      reloads midway and finds its input, sets 是否有在用仪器 per 注册证 group, 暂存s, fills contact and
//      phone, attaches 承诺书 and 采购需求量附件 through the file chooser, and submits;
//   2. the city admin city_310100 rejects the sheet with a reason; the hospital reads the reason on its
//      首页, follows the link to the sheet, corrects a line, 暂存s and submits again;
//   3. the city approves the sheet and submits the city report;
//   4. the province admin admin_31 approves 上海市, uploads the stamped summary and submits the province;
//   5. the super admin queries 全国报量数据, sees the totals (equal to the API's), withdraws 上海市 with a
//      reason; the province reads the reason and submits again.
// Setup through the API, so that one hospital decides the chain: the other hospitals of 上海 that are not
// yet approved are 取消上报 by their city, the 省本级 report is submitted and approved, and every account
// has changed its initial password. A screenshot of each role's main screen goes to out/.
//
//   node tests/browser/ivd_chain.test.mjs
// Env: IVD_SERVER, IVD_WEB, IVD_KEEP=1 (see lib.mjs). Prints "N passed, N failed" last.
import {
  check, launchPersistent, items, labelText, waitItem, clickItem, typeInto, login, logout, runBrowserTest, messageOf,
  hasItem, keysWith, waitExposed, settle, screenshot, pickFile, api, apiSession, openApp,
} from './lib.mjs';
import { cellState, waitCell, gotoCell, typeCell, drawnSerials } from './ivd_lib.mjs';

const PROJECT = 1;  // the demo's 执行中 project
const PROVINCE = '310000';
const CITY = '310100';
const PROVINCE_LEVEL = '310099';
const HOSPITAL = 'H31010000004';
const PASSWORD = 'Chain2024pass';
const REJECT_REASON = '上年度采购总数量与采购记录不符，请核实后重新提交';
const WITHDRAW_REASON = '汇总数据未加盖公章，请重新上传后提交';

// ---- the API, for the setup and for reading back what the UI did ----------------------------------------
async function cityHospitals(server, token, city) {
  return (await api(server, token, 'GET', `/ivd/projects/${PROJECT}/cities/${city}/hospitals?page=1&page_size=500`)).body;
}
// 取消上报 of every hospital of the city not yet approved (but `keep`).
async function excludeOthers(server, token, city, keep) {
  for (const h of (await cityHospitals(server, token, city)).items) {
    if (h.hospital_code === keep || h.status === 'approved' || h.status === 'not_required') continue;
    const r = await api(server, token, 'POST', `/ivd/projects/${PROJECT}/hospitals/${h.hospital_id}/exclude`, { revision: h.revision });
    if (r.status !== 200) throw new Error(`exclude ${h.hospital_code}: ${JSON.stringify(r.body)}`);
  }
}

// ---- the UI ---------------------------------------------------------------------------------------------
function pdf(name) {
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`) };
}

async function waitSheet(page) {
  await waitItem(page, 'sheet.status', 20000);
  await settle(page);
}

// 报量项目审核 of the project, from the left menu.
async function openReview(page) {
  await clickItem(page, 'menu.ivd.review');
  await clickItem(page, `review.project.open.${PROJECT}`);
}
async function reviewAction(page, key, reason) {
  await clickItem(page, key);
  await waitItem(page, 'review.action.ok');
  if (reason) await typeInto(page, 'review.action.reason', reason);
  await clickItem(page, 'review.action.ok');
  await waitItem(page, 'review.notice');
  await settle(page);
}
async function submitReport(page, key) {
  await clickItem(page, key);
  await clickItem(page, 'review.submit.ok');
  await settle(page);
}

runBrowserTest(async ({ tmp, server, keep }) => {
  // ---- setup (API) --------------------------------------------------------------------------------
  const tokens = {};
  for (const u of [HOSPITAL, `city_${CITY}`, `city_${PROVINCE_LEVEL}`, 'admin_31', 'admin']) tokens[u] = await apiSession(server, u, PASSWORD);
  await excludeOthers(server, tokens[`city_${CITY}`], CITY, HOSPITAL);
  await excludeOthers(server, tokens[`city_${PROVINCE_LEVEL}`], PROVINCE_LEVEL, '');
  {
    const pl = await cityHospitals(server, tokens[`city_${PROVINCE_LEVEL}`], PROVINCE_LEVEL);
    let r = await api(server, tokens[`city_${PROVINCE_LEVEL}`], 'POST', `/ivd/projects/${PROJECT}/cities/${PROVINCE_LEVEL}/submit`, { revision: pl.city.revision });
    if (r.status !== 200) throw new Error('setup: 省本级 submit: ' + JSON.stringify(r.body));
    r = await api(server, tokens.admin_31, 'POST', `/ivd/projects/${PROJECT}/cities/${PROVINCE_LEVEL}/review`, { revision: r.body.revision, decision: 'approve', reason: '' });
    if (r.status !== 200) throw new Error('setup: 省本级 approve: ' + JSON.stringify(r.body));
  }
  const before = await cityHospitals(server, tokens[`city_${CITY}`], CITY);
  const mine = before.items.find((h) => h.hospital_code === HOSPITAL);
  check('setup: in 上海市 only 上海市传染病医院 is left to decide (未填报), the 省本级 report is approved',
    mine && mine.status === 'not_filled' &&
    before.items.every((h) => h === mine || h.status === 'approved' || h.status === 'not_required'), JSON.stringify(before.counts));

  const browser = keep(await launchPersistent(tmp));
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  const { page, pageErrors, captcha } = await openApp(browser, server);

  // ---- 1. the hospital fills and submits --------------------------------------------------------------
  let s = await login(page, server, captcha, HOSPITAL, PASSWORD);
  check('1. the hospital logs in', s.screen === 'main', JSON.stringify(s));
  await clickItem(page, 'menu.ivd.fill');
  await waitExposed(page, `fill.sheet_status.${PROJECT}`, '未填报');
  check('报量项目管理 lists the project as 未填报', (await messageOf(page, `fill.sheet_status.${PROJECT}`)) === '未填报',
    await messageOf(page, `fill.sheet_status.${PROJECT}`));
  await clickItem(page, `fill.fill.${PROJECT}`);
  await waitSheet(page);
  const [a, b, c] = await drawnSerials(page);
  check('the sheet shows the catalog lines', Boolean(a && b && c));

  // a violation at the cell, then corrected
  await typeCell(page, a, 'last_year', '100');
  await typeCell(page, a, 'demand', '9O');  // a letter O for a zero
  check('a demand that is no number is an error at its cell, as it is typed', await waitCell(page, a, 'demand', 'error'));
  check('the rule bar counts it', Number(await messageOf(page, 'sheet.count.R-QTY-FORMAT')) >= 1);
  await screenshot(page, 'ivd_chain_hospital_error.png');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('5', { delay: 5 });  // 95: within the 30 % threshold
  check('the error disappears when the cell is corrected', await waitCell(page, a, 'demand', ''));

  // a TSV block pasted at b's 上年度采购总数量 (full-width digits and a thousands separator)
  await gotoCell(page, b, 'last_year');
  await page.evaluate((t) => navigator.clipboard.writeText(t), '１，２００\t1,250\r\n300\t310\r\n');
  await page.keyboard.press('Control+V');
  await settle(page);
  check('the pasted block refuses nothing', !(await hasItem(page, 'sheet.paste.refused')) ||
    (await messageOf(page, 'sheet.paste.refused')) === '0', await messageOf(page, 'sheet.paste.refused'));
  if (await hasItem(page, 'sheet.paste.close')) await clickItem(page, 'sheet.paste.close');
  const typed = Number(await messageOf(page, 'sheet.status'));
  check('the status line counts the changed cells', typed >= 6, String(typed));

  // reload midway: the input is still there
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitSheet(page);
  check('after a reload midway the route is the sheet and every changed cell is back',
    (await page.evaluate(() => location.hash)).includes('view=sheet') && Number(await messageOf(page, 'sheet.status')) === typed,
    `${await page.evaluate(() => location.hash)} ${await messageOf(page, 'sheet.status')}`);

  // 是否有在用仪器 = 是 for the 注册证 group of each filled line
  for (const serial of [a, b, c]) {
    await gotoCell(page, serial, 'instrument');
    await clickItem(page, `sheet.cell.${serial}.instrument`);
    await clickItem(page, 'sheet.group.yes');
    await settle(page);
  }
  check('no filled line lacks its instrument answer', await waitCell(page, a, 'instrument', '') &&
    await waitCell(page, b, 'instrument', '') && await waitCell(page, c, 'instrument', ''));
  await clickItem(page, 'sheet.save');
  await waitItem(page, 'sheet.saved', 10000);
  check('暂存 leaves nothing unsaved', (await messageOf(page, 'sheet.status')) === '0', await messageOf(page, 'sheet.status'));
  await screenshot(page, 'ivd_chain_hospital_sheet.png');

  // the 提交 page: contact, phone, 承诺书, 采购需求量附件
  await clickItem(page, 'fill.back');
  await clickItem(page, `fill.submit.${PROJECT}`);
  await waitItem(page, 'fill.missing.title');
  await settle(page);
  const missing = await keysWith(page, 'fill.missing.');
  check('the 提交 page lists contact, phone, 承诺书 and 采购需求量附件, and no line',
    ['contact_name', 'contact_phone', 'commitment_letter', 'demand_attachment'].every((k) => missing.includes(k)) &&
    !missing.some((k) => k.startsWith('line.')), JSON.stringify(missing));
  await typeInto(page, 'fill.contact', '王玥');
  await typeInto(page, 'fill.phone', '021-64001234');
  await pickFile(page, 'fill.commitment.upload', pdf('承诺书.pdf'));
  await waitExposed(page, 'fill.commitment.file', '承诺书.pdf', 15000);
  await pickFile(page, 'fill.demand_attachment.upload', pdf('采购需求量附件.pdf'));
  await waitExposed(page, 'fill.demand_attachment.file', '采购需求量附件.pdf', 15000);
  check('nothing is missing any more', await waitExposed(page, 'fill.missing.none', /可以提交/),
    JSON.stringify(await keysWith(page, 'fill.missing.')));
  await clickItem(page, 'fill.submit');
  await clickItem(page, 'fill.confirm.ok');
  check('提交 shows the status 已提交', await waitExposed(page, 'fill.status.current', '已提交'),
    await messageOf(page, 'fill.status.current'));
  let sheet = (await api(server, tokens[HOSPITAL], 'GET', `/ivd/projects/${PROJECT}/sheet`)).body;
  check('the server holds the submitted sheet with contact, phone and both files',
    sheet.status === 'submitted' && sheet.contact_name === '王玥' && sheet.contact_phone === '021-64001234' &&
    sheet.commitment_letter > 0 && sheet.demand_attachment > 0, JSON.stringify(sheet).slice(0, 400));
  {
    const lines = (await api(server, tokens[HOSPITAL], 'GET', `/ivd/projects/${PROJECT}/sheet/lines?filled_only=1&page_size=50`)).body.items;
    const byS = Object.fromEntries(lines.map((l) => [l.serial, l]));
    check('the server holds the typed and the pasted lines, normalised',
      lines.length === 3 && byS[a].last_year === '100' && byS[a].demand === '95' && byS[b].last_year === '1200' &&
      byS[b].demand === '1250' && byS[c].last_year === '300' && byS[c].demand === '310', JSON.stringify(lines.map((l) => [l.serial, l.last_year, l.demand])));
  }
  await logout(page);

  // ---- 2. the city rejects; the hospital reads why on 首页, corrects and submits again -------------------------
  s = await login(page, server, captcha, `city_${CITY}`, PASSWORD);
  check('2. the city admin logs in', s.screen === 'main', JSON.stringify(s));
  await openReview(page);
  await waitItem(page, 'review.count.submitted');
  await clickItem(page, 'review.count.submitted');
  await settle(page);
  check('the city sees the submitted sheet', (await messageOf(page, `review.h.status.${HOSPITAL}`)) === '已提交',
    await messageOf(page, `review.h.status.${HOSPITAL}`));
  await screenshot(page, 'ivd_chain_city.png');
  await reviewAction(page, `review.h.reject.${HOSPITAL}`, REJECT_REASON);
  sheet = (await api(server, tokens[HOSPITAL], 'GET', `/ivd/projects/${PROJECT}/sheet`)).body;
  check('审核不通过 with the reason is on the server', sheet.status === 'rejected', sheet.status);
  await logout(page);

  s = await login(page, server, captcha, HOSPITAL, PASSWORD);
  check('the hospital sees the reject reason on its 首页',
    await waitExposed(page, `home.reason.${PROJECT}.fix_sheet`, new RegExp(REJECT_REASON)), await messageOf(page, `home.reason.${PROJECT}.fix_sheet`));
  await screenshot(page, 'ivd_chain_hospital_home.png');
  await clickItem(page, `home.open.${PROJECT}.fix_sheet`);
  await waitSheet(page);
  await typeCell(page, a, 'last_year', '90');  // 90 → 95: within the threshold
  await page.keyboard.press('Enter');
  await settle(page);
  await clickItem(page, 'sheet.save');
  await waitItem(page, 'sheet.saved', 10000);
  await clickItem(page, 'fill.back');
  await clickItem(page, `fill.submit.${PROJECT}`);
  await waitItem(page, 'fill.missing.none');
  await clickItem(page, 'fill.submit');
  await clickItem(page, 'fill.confirm.ok');
  check('the corrected sheet is submitted again', await waitExposed(page, 'fill.status.current', '已提交'),
    await messageOf(page, 'fill.status.current'));
  {
    const events = (await items(page)).filter((i) => /##fill\.event\./.test(i.label)).map(labelText);
    check('the history shows 提交, 审核不通过 and 提交 again', events.filter((e) => e === '提交').length === 2 &&
      events.includes('审核不通过'), JSON.stringify(events));
  }
  {
    const la = (await api(server, tokens[HOSPITAL], 'GET', `/ivd/projects/${PROJECT}/sheet/lines?serial=${a}`)).body.items[0];
    check('the server holds the corrected line', la && la.last_year === '90' && la.demand === '95', JSON.stringify(la));
  }
  await logout(page);

  // ---- 3. the city approves and submits ---------------------------------------------------------------------
  s = await login(page, server, captcha, `city_${CITY}`, PASSWORD);
  await openReview(page);
  await waitItem(page, 'review.count.submitted');
  await clickItem(page, 'review.count.submitted');
  await settle(page);
  await reviewAction(page, `review.h.approve.${HOSPITAL}`);
  check('3. the city approves: 审核通过', (await api(server, tokens[HOSPITAL], 'GET', `/ivd/projects/${PROJECT}/sheet`)).body.status === 'approved');
  await submitReport(page, 'review.city.submit');
  check('the city report is submitted', await waitExposed(page, 'review.city.status', '已提交'), await messageOf(page, 'review.city.status'));
  await logout(page);

  // ---- 4. the province approves the city, uploads the stamped summary and submits ---------------------------
  s = await login(page, server, captcha, 'admin_31', PASSWORD);
  await openReview(page);
  await waitItem(page, `review.c.status.${CITY}`);
  await settle(page);
  check('4. the province sees 上海市 submitted', (await messageOf(page, `review.c.status.${CITY}`)) === '已提交',
    await messageOf(page, `review.c.status.${CITY}`));
  await reviewAction(page, `review.c.approve.${CITY}`);
  check('the city is approved', await waitExposed(page, `review.c.status.${CITY}`, '审核通过'), await messageOf(page, `review.c.status.${CITY}`));
  await pickFile(page, 'review.prov.upload', pdf('上海市汇总数据（盖章）.pdf'));
  check('the stamped summary is uploaded', await waitExposed(page, 'review.prov.summary_name', '上海市汇总数据（盖章）.pdf', 15000));
  await screenshot(page, 'ivd_chain_province.png');
  await submitReport(page, 'review.prov.submit');
  check('the province report is submitted', await waitExposed(page, 'review.prov.status', '已提交'), await messageOf(page, 'review.prov.status'));
  await logout(page);

  // ---- 5. the super admin sees the totals and withdraws; the province submits again -----------------------------
  s = await login(page, server, captcha, 'admin', PASSWORD);
  await clickItem(page, 'menu.ivd.national');
  await clickItem(page, 'national.search');
  await waitItem(page, 'national.totals');
  await settle(page);
  const national = (await api(server, tokens.admin, 'GET', `/ivd/projects/${PROJECT}/provinces?page_size=100`)).body;
  const totalsText = await messageOf(page, 'national.totals');
  const fmt = (n) => Number(n).toLocaleString('en-US');
  check('5. 全国报量数据 shows the national totals of the API', totalsText.includes(fmt(national.national.hospital_count)) &&
    totalsText.includes(fmt(national.national.last_year_total)) && totalsText.includes(fmt(national.national.demand_total)),
    `${totalsText} vs ${JSON.stringify(national.national)}`);
  check('上海市 is listed as submitted', /已提交/.test(await messageOf(page, `national.status.${PROVINCE}`) || ''),
    await messageOf(page, `national.status.${PROVINCE}`));
  await screenshot(page, 'ivd_chain_national.png');
  await clickItem(page, `national.withdraw.${PROVINCE}`);
  await typeInto(page, 'national.withdraw.reason', WITHDRAW_REASON);
  await clickItem(page, 'national.withdraw.ok');
  await waitItem(page, 'national.notice');
  check('撤回 with a reason: 上海市 is withdrawn', await waitExposed(page, `national.status.${PROVINCE}`, /已撤回/),
    await messageOf(page, `national.status.${PROVINCE}`));
  await logout(page);

  s = await login(page, server, captcha, 'admin_31', PASSWORD);
  await openReview(page);
  check('the province reads the withdraw reason', await waitExposed(page, 'review.prov.withdraw_reason', WITHDRAW_REASON),
    await messageOf(page, 'review.prov.withdraw_reason'));
  await submitReport(page, 'review.prov.submit');
  check('the province submits again', await waitExposed(page, 'review.prov.status', '已提交'), await messageOf(page, 'review.prov.status'));
  const prov = (await api(server, tokens.admin, 'GET', `/ivd/projects/${PROJECT}/provinces?name=上海`)).body.items[0];
  check('the server holds 上海市 submitted', prov && prov.status === 'submitted', JSON.stringify(prov));
  const events = (await api(server, tokens.admin, 'GET', `/ivd/projects/${PROJECT}/provinces/${PROVINCE}/events`)).body.events;
  check('the province history holds 提交, 撤回 with its reason, and 提交 again',
    events.some((e) => e.action === 'withdraw' && e.reason === WITHDRAW_REASON) &&
    events.filter((e) => e.action === 'submit').length >= 2, JSON.stringify(events.map((e) => e.action)));

  check('no page errors', pageErrors.length === 0, pageErrors.join(' | '));
});
