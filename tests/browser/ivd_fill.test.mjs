// Browser end-to-end test of 报量项目管理 for a hospital (menu ivd.fill), through the real UI in Debian's
// Chromium, on a fresh demo database:
//   the city admin of 合肥市 rejects the (approved) sheet of 合肥市第一人民医院 through the API (审核撤回,
//   审核不通过 with a reason), so the hospital may correct it; the hospital's sheet is prepared through the
//   API (暂存): a line changed beyond the threshold without 增降幅说明, a 注册证 saying 否 without its
//   在用仪器说明文件, no 承诺书, no 联系方式. Then H34010000001 logs in (forced password change), opens
//   its project list (status 审核不通过), 审核状态查看 shows the reject reason and the history, the 提交 page
//   lists exactly what is missing (from core's rules), a line item jumps to the sheet at that cell, a PNG
//   as 承诺书 is refused at the 承诺书 slot, a PDF is uploaded through the file chooser with visible
//   progress and attached (its file id on the sheet), the 在用仪器说明文件 too; a bad phone is refused at
//   the field and the error goes when corrected; 提交 behind a confirmation gives 已提交 with its event.
//   填报数据导出 and a stored file download under their Chinese names. Screenshots at 1366×768 in out/.
//
//   node tests/browser/ivd_fill.test.mjs
// Env: IVD_SERVER, IVD_WEB, IVD_KEEP=1 (see lib.mjs). Prints "N passed, N failed" last.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import {
  check, sleep, launchPersistent, state, items, findItem, labelText, waitFor, waitItem, waitIdle, clickItem, typeInto,
  login, changePassword, runBrowserTest, messageOf, hasItem, keysWith, screenshot, pickFile, api, apiLogin,
  apiSession, openApp,
} from './lib.mjs';

const HOSPITAL = 'H34010000001';
const HOSPITAL_NAME = '合肥市第一人民医院';
const PASSWORD = 'Hefei2024pass';
const CITY = 'city_340100';
const REASON = '上年度采购总数量与实际不符，请核对后重新提交';

function pdfBytes(kb) {
  const head = Buffer.from('%PDF-1.4\n% test document\n');
  return Buffer.concat([head, Buffer.alloc(kb * 1024 - head.length, 0x20), Buffer.from('\n%%EOF\n')]);
}
const PNG = Buffer.from('89504E470D0A1A0A0000000D49484452000000010000000108060000001F15C4890000000D4944415478DA63F8CFC0F01F0005000201A5F4E2D90000000049454E44AE426082', 'hex');

runBrowserTest(async ({ tmp, server, keep }) => {
  // ---- the city rejects the hospital's sheet (so it may be corrected) ----------------------------
  const cityToken = await apiSession(server, CITY, 'Hefei2024city');
  const projects = await api(server, cityToken, 'GET', '/ivd/projects');
  const project = projects.body.items[0];
  const pid = project.id;
  const hospitals = await api(server, cityToken, 'GET', `/ivd/projects/${pid}/cities/340100/hospitals?page_size=100`);
  const hosp = hospitals.body.items.find((h) => h.hospital_code === HOSPITAL);
  let r = await api(server, cityToken, 'POST', `/ivd/projects/${pid}/hospitals/${hosp.hospital_id}/review/withdraw`, { revision: hosp.revision });
  r = await api(server, cityToken, 'POST', `/ivd/projects/${pid}/hospitals/${hosp.hospital_id}/review`, { revision: r.body.revision, decision: 'reject', reason: REASON });
  check('setup: the city rejects the sheet of 合肥市第一人民医院', r.status === 200 && r.body.status === 'rejected', JSON.stringify(r.body));

  // ---- the hospital logs in: forced password change -------------------------------------------------
  const browser = keep(await launchPersistent(tmp));
  const { page, pageErrors, captcha } = await openApp(browser, server);
  let s = await login(page, server, captcha, HOSPITAL, '123456');
  check('first login of the hospital forces the password change', s.screen === 'change_password', JSON.stringify(s));
  await changePassword(page, '123456', PASSWORD);

  // ---- the sheet is prepared through the API (暂存) ----------------------------------------------------
  const token = (await apiLogin(server, HOSPITAL, PASSWORD)).token;
  const filled = await api(server, token, 'GET', `/ivd/projects/${pid}/sheet/lines?filled_only=1&page_size=500`);
  const usedCerts = new Set(filled.body.items.map((l) => l.certificate));
  const lineA = filled.body.items[0];
  const catalog = await api(server, token, 'GET', `/ivd/projects/${pid}/catalog?page_size=500`);
  const fresh = catalog.body.items.find((c) => c.certificate && !usedCerts.has(c.certificate) &&
    catalog.body.items.filter((x) => x.certificate === c.certificate).length === 1);
  let sheet = await api(server, token, 'GET', `/ivd/projects/${pid}/sheet`);
  r = await api(server, token, 'POST', `/ivd/projects/${pid}/sheet/draft`, {
    revision: sheet.body.revision,
    contact_phone: '', commitment_letter: null,
    lines: [
      { serial: lineA.serial, last_year: '100', demand: '200', instrument: lineA.instrument || '是', change_note: '' },
      { serial: fresh.serial, last_year: '0', demand: '50', instrument: '否', change_note: '首次采购' },
    ],
  });
  check('setup: the sheet is prepared (暂存 through the API)', r.status === 200, JSON.stringify(r.body).slice(0, 300));

  s = await login(page, server, captcha, HOSPITAL, PASSWORD);
  check('the hospital logs in with its new password', s.screen === 'main', JSON.stringify(s));

  // ---- the project list ---------------------------------------------------------------------------
  await clickItem(page, 'menu.ivd.fill');
  await waitItem(page, `fill.sheet_status.${pid}`);
  await waitIdle(page);
  check('the project list shows the project', (await messageOf(page, 'fill.total')) === '共 1 个报量项目',
    await messageOf(page, 'fill.total'));
  check('the list shows the sheet status 审核不通过', (await messageOf(page, `fill.sheet_status.${pid}`)) === '审核不通过',
    await messageOf(page, `fill.sheet_status.${pid}`));
  check('填报, 提交, 审核状态查看 and 填报数据导出 are offered',
    await hasItem(page, `fill.fill.${pid}`) && await hasItem(page, `fill.submit.${pid}`) &&
    await hasItem(page, `fill.status.${pid}`) && await hasItem(page, `fill.export.${pid}`));
  await typeInto(page, 'fill.q.name', '不存在的项目');
  await clickItem(page, 'fill.search');
  await waitItem(page, 'fill.empty');
  check('a query by name that matches nothing shows the empty list', (await messageOf(page, 'fill.total')) === '共 0 个报量项目');
  await clickItem(page, 'fill.reset');
  await waitItem(page, `fill.sheet_status.${pid}`);
  await screenshot(page, 'ivd_fill_list.png');

  // 填报数据导出: the PDF by 注册证 (to sign and stamp) under its Chinese name, read back with pdftotext
  {
    const dl = page.waitForEvent('download', { timeout: 20000 });
    await clickItem(page, `fill.export.${pid}`);
    const d = await dl;
    const want = `${HOSPITAL_NAME}_${project.name}_填报数据.pdf`;
    check('填报数据导出 is saved as <医院名>_<项目名>_填报数据.pdf', d.suggestedFilename() === want, d.suggestedFilename());
    const bytes = fs.readFileSync(await d.path());
    const text = execFileSync('pdftotext', ['-raw', await d.path(), '-']).toString('utf8').replace(/\s+/g, '');
    check('the export is a PDF holding the hospital, the lines and the 合计', bytes.subarray(0, 5).toString() === '%PDF-' &&
      text.includes(HOSPITAL_NAME) && text.includes(lineA.serial) && text.includes('合计') && text.includes('院长签字'));
  }
  // 承诺书模板: a PDF with the hospital's name filled in
  {
    const dl = page.waitForEvent('download', { timeout: 20000 });
    await clickItem(page, `fill.commitment.${pid}`);
    const d = await dl;
    check('承诺书模板 is saved as a PDF', d.suggestedFilename().endsWith('承诺书.pdf'), d.suggestedFilename());
    const text = execFileSync('pdftotext', ['-raw', await d.path(), '-']).toString('utf8').replace(/\s+/g, '');
    check('承诺书模板 names the hospital', text.includes(HOSPITAL_NAME.replace(/\s+/g, '')), text.slice(0, 80));
  }

  // ---- 审核状态查看: the reject reason and the history ------------------------------------------------
  await clickItem(page, `fill.status.${pid}`);
  await waitItem(page, 'fill.status.current');
  await waitIdle(page);
  check('审核状态查看 shows 审核不通过', (await messageOf(page, 'fill.status.current')) === '审核不通过');
  check('审核状态查看 shows the reject reason', (await messageOf(page, 'fill.status.reject_reason')) === REASON,
    await messageOf(page, 'fill.status.reject_reason'));
  {
    const events = (await items(page)).filter((i) => /##fill\.event\./.test(i.label)).map(labelText);
    check('the history lists 暂存, 提交, 审核通过, 审核撤回 and 审核不通过',
      ['暂存', '提交', '审核通过', '审核撤回', '审核不通过'].every((a) => events.includes(a)), JSON.stringify(events));
  }
  await screenshot(page, 'ivd_fill_status_rejected.png');
  await clickItem(page, 'fill.back');

  // ---- the 提交 page: what is missing ------------------------------------------------------------
  await clickItem(page, `fill.submit.${pid}`);
  await waitItem(page, 'fill.missing.title');
  await waitIdle(page);
  const missing = await keysWith(page, 'fill.missing.');
  const wantMissing = ['contact_phone', 'commitment_letter', `doc.${fresh.certificate}`, `line.${lineA.serial}.change_note`];
  check('the 提交 page lists the missing phone, 承诺书, 在用仪器说明文件 and 增降幅说明',
    wantMissing.every((k) => missing.includes(k)), JSON.stringify(missing));
  check('nothing else is listed (contact name and 采购需求量附件 are there)',
    !missing.includes('contact_name') && !missing.includes('demand_attachment'), JSON.stringify(missing));
  check('the line item names its 流水号 and the threshold rule',
    /流水号 .*增降幅说明/.test(await messageOf(page, `fill.missing.line.${lineA.serial}.change_note`)));
  await screenshot(page, 'ivd_fill_submit_missing.png');

  // a line item jumps to the sheet at that cell
  await clickItem(page, `fill.goto.line.${lineA.serial}.change_note`);
  await waitItem(page, 'fill.sheet.focus');
  check('the line item opens the sheet at its cell', (await messageOf(page, 'fill.sheet.focus')) === `${lineA.serial}:change_note`,
    await messageOf(page, 'fill.sheet.focus'));
  check('the sheet view has its header', (await messageOf(page, 'fill.header.view')) === '填报');
  await waitFor(page, 'the sheet cursor', async () => (await messageOf(page, 'sheet.cursor')) === `${lineA.serial}.change_note`, 10000)
    .catch(() => {});
  check('the sheet\'s cursor is on that line\'s 增降幅说明 cell', (await messageOf(page, 'sheet.cursor')) === `${lineA.serial}.change_note`,
    await messageOf(page, 'sheet.cursor'));
  await screenshot(page, 'ivd_fill_sheet.png');
  await clickItem(page, 'fill.back');
  await clickItem(page, `fill.submit.${pid}`);
  await waitItem(page, 'fill.missing.title');

  // a field item focuses its field
  await clickItem(page, 'fill.goto.contact_phone');
  await waitFor(page, 'focus in the phone field', () => page.evaluate(() => window.__appState.want_text_input));
  check('the phone item focuses the phone field', (await state(page)).want_text_input);

  // ---- uploads -------------------------------------------------------------------------------------
  // a PNG as 承诺书: stored, but refused when attached, at the 承诺书 slot
  await pickFile(page, 'fill.commitment.upload', { name: '承诺书.png', mimeType: 'image/png', buffer: PNG });
  await waitItem(page, 'fill.commitment.error');
  check('a non-PDF 承诺书 is refused at the 承诺书 slot', /PDF/.test(await messageOf(page, 'fill.commitment.error')),
    await messageOf(page, 'fill.commitment.error'));

  // a PDF, on a slow line: the progress shows
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
  const progress = new Set();
  await pickFile(page, 'fill.commitment.upload', { name: '承诺书.pdf', mimeType: 'application/pdf', buffer: pdfBytes(600) });
  await waitFor(page, 'the upload to finish', async () => {
    const list = await items(page);
    const p = findItem(list, 'fill.commitment.progress');
    if (p) progress.add(labelText(p));
    return labelText(findItem(list, 'fill.commitment.file')) === '承诺书.pdf';
  }, 30000);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const seen = [...progress].map(Number);
  check('the upload shows its progress while the bytes go up', seen.length >= 2 && seen.some((v) => v > 0 && v < 100),
    JSON.stringify(seen));
  sheet = await api(server, token, 'GET', `/ivd/projects/${pid}/sheet`);
  check('the uploaded PDF is attached as the 承诺书 (its file id on the sheet)',
    sheet.body.commitment_letter_file && sheet.body.commitment_letter_file.name === '承诺书.pdf' &&
    sheet.body.commitment_letter === sheet.body.commitment_letter_file.id, JSON.stringify(sheet.body.commitment_letter_file));
  await waitIdle(page);
  check('the 承诺书 item is gone from the list', !(await hasItem(page, 'fill.missing.commitment_letter')));
  check('the refusal at the 承诺书 slot went with the accepted file', !(await hasItem(page, 'fill.commitment.error')));

  // the 在用仪器说明文件 of the certificate that says 否
  await pickFile(page, `fill.doc.${fresh.certificate}.upload`, { name: '在用仪器说明.pdf', mimeType: 'application/pdf', buffer: pdfBytes(4) });
  await waitFor(page, 'the document to be attached', async () =>
    labelText(findItem(await items(page), `fill.doc.${fresh.certificate}.file`)) === '在用仪器说明.pdf', 15000);
  await waitIdle(page);
  check('the 在用仪器说明文件 item is gone once uploaded', !(await hasItem(page, `fill.missing.doc.${fresh.certificate}`)));

  // a stored file downloads under its own name
  {
    const dl = page.waitForEvent('download', { timeout: 10000 });
    await clickItem(page, 'fill.commitment.file');
    const d = await dl;
    check('the stored 承诺书 downloads as 承诺书.pdf', d.suggestedFilename() === '承诺书.pdf', d.suggestedFilename());
    check('the download holds the uploaded bytes', fs.readFileSync(await d.path()).length === pdfBytes(600).length);
  }

  // ---- the phone: refused at the field until it is right -----------------------------------------------
  await typeInto(page, 'fill.phone', '12345');
  await clickItem(page, 'fill.contact');
  await waitItem(page, 'fill.phone.error');
  check('a malformed phone is marked at its field', /格式/.test(await messageOf(page, 'fill.phone.error')),
    await messageOf(page, 'fill.phone.error'));
  await typeInto(page, 'fill.phone', '0551-12345678');
  await clickItem(page, 'fill.contact');
  await waitIdle(page);
  check('the phone error disappears when corrected', !(await hasItem(page, 'fill.phone.error')));
  check('the phone item is gone from the list', !(await hasItem(page, 'fill.missing.contact_phone')));

  // 提交 while a line still lacks its 增降幅说明: refused, the finding stays listed
  await clickItem(page, 'fill.submit');
  await clickItem(page, 'fill.confirm.ok');
  await waitItem(page, 'fill.submit.error');
  check('提交 is refused while a line lacks its 增降幅说明', /.+/.test(await messageOf(page, 'fill.submit.error')),
    await messageOf(page, 'fill.submit.error'));
  check('the refused line stays in the list', await hasItem(page, `fill.missing.line.${lineA.serial}.change_note`));

  // the line is corrected (the sheet's part, through the API here); the page shows it after a visit
  sheet = await api(server, token, 'GET', `/ivd/projects/${pid}/sheet`);
  r = await api(server, token, 'POST', `/ivd/projects/${pid}/sheet/draft`, { revision: sheet.body.revision, lines: [{ serial: lineA.serial, change_note: '新院区开业，检测量增加' }] });
  check('setup: the 增降幅说明 is filled (API)', r.status === 200);
  await clickItem(page, 'fill.back');
  await clickItem(page, `fill.submit.${pid}`);
  await waitItem(page, 'fill.missing.none');
  check('the typed phone is still there after leaving the page (not yet saved)',
    !(await hasItem(page, 'fill.missing.contact_phone')));
  check('nothing is missing any more', /可以提交/.test(await messageOf(page, 'fill.missing.none')));
  await screenshot(page, 'ivd_fill_submit_ready.png');

  // 提交 with its confirmation: cancel first, then confirm
  await clickItem(page, 'fill.submit');
  await waitItem(page, 'fill.confirm.ok');
  await screenshot(page, 'ivd_fill_submit_confirm.png');
  await clickItem(page, 'fill.confirm.cancel');
  await sleep(200);
  sheet = await api(server, token, 'GET', `/ivd/projects/${pid}/sheet`);
  check('取消 in the confirmation submits nothing', sheet.body.status === 'rejected', sheet.body.status);
  await typeInto(page, 'fill.phone', '0551-12345678');
  await clickItem(page, 'fill.submit');
  await clickItem(page, 'fill.confirm.ok');
  await waitItem(page, 'fill.status.current');
  await waitFor(page, 'status 已提交', async () => (await messageOf(page, 'fill.status.current')) === '已提交', 10000);
  check('after 提交 the status view shows 已提交', (await messageOf(page, 'fill.status.current')) === '已提交');
  {
    const events = (await items(page)).filter((i) => /##fill\.event\./.test(i.label)).map(labelText);
    check('the history ends with the new 提交', events[0] === '提交' && events.filter((e) => e === '提交').length >= 2,
      JSON.stringify(events));
  }
  sheet = await api(server, token, 'GET', `/ivd/projects/${pid}/sheet`);
  check('the server has the sheet submitted with the phone typed', sheet.body.status === 'submitted' &&
    sheet.body.contact_phone === '0551-12345678', `${sheet.body.status} ${sheet.body.contact_phone}`);
  await screenshot(page, 'ivd_fill_status_submitted.png');

  // the list: 提交 is no longer offered for a submitted sheet
  await clickItem(page, 'fill.back');
  await waitFor(page, 'list status', async () => (await messageOf(page, `fill.sheet_status.${pid}`)) === '已提交');
  check('the list shows 已提交 and 提交 is disabled', await hasItem(page, `fill.submit.${pid}.disabled`));

  check('no page errors', pageErrors.length === 0, pageErrors.join(' | '));
});
