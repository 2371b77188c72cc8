// Browser end-to-end test of the hospital's IVD sheet (issue 9 §2-§4), through the real UI in Debian's
// Chromium on the demo data set (`server init --demo`, the 执行中 project):
//   the hospital H34010000003 (a sheet in 暂存) logs in (forced password change) and opens its sheet by
//   deep link (#/ivd.fill?view=sheet&project=1); types a quantity that is no number and sees the error
//   at the cell, fixes it, types a demand far beyond the threshold and sees the warning with the change
//   percentage; sets 是否有在用仪器 for a whole 注册证 group from the cell's menu; pastes a TSV block
//   (full-width digits, thousands separators, one bad cell listed as refused); reloads before 暂存 and
//   finds every typed cell again (IndexedDB working copy); 暂存 and reads the values back from the
//   server; copies a selected rectangle as TSV. Screenshot at 1366×768 to out/.
//
//   node tests/browser/ivd_sheet.test.mjs
// Env: IVD_SERVER (server binary), IVD_WEB (web folder), IVD_KEEP=1 keeps the temporary folder.
// Prints "N passed, N failed" last; exits non-zero on any failure.
import {
  check, sleep, launchPersistent, items, findItem, waitItem, waitIdle, clickItem, runBrowserTest, messageOf,
  screenshot, openApp, waitFirstFrame, firstLogin, waitFor,
} from './lib.mjs';
import { cellState, waitCell, gotoCell, typeCell, drawnSerials } from './ivd_lib.mjs';

const HOSPITAL = 'H34010000003';
const PASSWORD = 'Hefei2024pass';
const PROJECT = 1;  // the demo's 执行中 project
const SHEET_HASH = `#/ivd.fill?view=sheet&project=${PROJECT}`;

// The server's view of a line (through the API, with the page's session token).
async function serverLine(page, serial) {
  return page.evaluate(async ({ pid, serial }) => {
    const token = sessionStorage.getItem('ivd.session_token');
    const r = await fetch(`/api/v1/ivd/projects/${pid}/sheet/lines?serial=${encodeURIComponent(serial)}`,
                          { headers: { 'X-Session-Token': token } });
    const j = await r.json();
    return (j.items || []).find((l) => l.serial === serial) || null;
  }, { pid: PROJECT, serial });
}

async function openSheet(page, server) {
  await page.goto(server.base + '/' + SHEET_HASH, { waitUntil: 'domcontentloaded' });
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitFirstFrame(page);
  await waitItem(page, 'sheet.status', 20000);
  await waitIdle(page);
}

runBrowserTest(async ({ tmp, server, keep }) => {
  const browser = keep(await launchPersistent(tmp));
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  const { page, pageErrors, captcha } = await openApp(browser, server);
  let s = await firstLogin(page, server, captcha, HOSPITAL, PASSWORD);
  check('the hospital logs in', s.screen === 'main', JSON.stringify(s));

  // 1. the sheet opens by deep link, every line in one table
  const t0 = Date.now();
  await openSheet(page, server);
  console.log(`  (sheet open after reload: ${Date.now() - t0} ms)`);
  check('the sheet shows its status line (editable)', (await messageOf(page, 'sheet.status')) === '0',
        await messageOf(page, 'sheet.status'));
  const serials = await drawnSerials(page);
  check('the table draws only the visible rows (virtualised)', serials.length > 5 && serials.length < 60,
        String(serials.length));
  const [a, b, c] = serials;

  // 2. a quantity that is no number: error at the cell in the frame it was typed
  await typeCell(page, a, 'last_year', '100');
  await typeCell(page, a, 'demand', '12x');
  check('a demand that is no number is marked as an error at its cell',
        await waitCell(page, a, 'demand', 'error') === true);
  const cnt = await messageOf(page, 'sheet.count.R-QTY-FORMAT');
  check('the rule bar counts R-QTY-FORMAT', Number(cnt) >= 1, String(cnt));
  // fixed: the error disappears
  await page.keyboard.press('Backspace');
  check('the error disappears when the cell is corrected', await waitCell(page, a, 'demand', '') === true);
  // far beyond the threshold: R-THRESHOLD (a warning in a draft) at the change column
  await page.keyboard.type('0000', { delay: 5 });  // 120000 against 100 last year
  check('the rule bar counts R-THRESHOLD', Number(await messageOf(page, 'sheet.count.R-THRESHOLD')) >= 1);
  await page.keyboard.press('Tab');  // onto 是否有在用仪器: the change column scrolls into view
  await waitIdle(page);
  check('a demand change beyond the threshold is marked at the change column',
        await waitCell(page, a, 'change', 'warning') === true, await cellState(page, a, 'change'));
  // the tooltip with the message and the percentage
  const changeCell = findItem(await items(page), `sheet.cell.${a}.change`);
  await page.mouse.move(changeCell.x + changeCell.w / 2, changeCell.y + changeCell.h / 2);
  await sleep(700);
  await page.mouse.move(changeCell.x + changeCell.w / 2 + 1, changeCell.y + changeCell.h / 2);
  await waitIdle(page);
  await screenshot(page, 'ivd_sheet_finding.png').catch(() => {});

  // 3. 是否有在用仪器 for the whole 注册证 group from the cell's menu
  await gotoCell(page, a, 'instrument');
  await clickItem(page, `sheet.cell.${a}.instrument`);
  await clickItem(page, 'sheet.group.yes');
  check('the instrument cell no longer misses its value', await waitCell(page, a, 'instrument', '') === true,
        await cellState(page, a, 'instrument'));

  // 4. paste a TSV block at b's 上年度 cell: full-width digits and separators normalised, one bad cell refused
  await gotoCell(page, b, 'last_year');
  await page.evaluate((t) => navigator.clipboard.writeText(t), '１，２００\t1,300\r\n50\t9.5\r\n');
  await page.keyboard.press('Control+V');
  await waitItem(page, 'sheet.paste.refused');
  check('the refused pasted cell is listed', (await messageOf(page, 'sheet.paste.refused')) === '1',
        await messageOf(page, 'sheet.paste.refused'));
  await clickItem(page, 'sheet.paste.close');
  const changed = Number(await messageOf(page, 'sheet.status'));
  check('the status line counts the changed cells', changed >= 5, String(changed));

  // 5. reload before 暂存: the working copy comes back from browser storage
  await openSheet(page, server);
  check('after a reload the changed cells are still there', Number(await messageOf(page, 'sheet.status')) === changed,
        await messageOf(page, 'sheet.status'));
  await gotoCell(page, a, 'instrument');
  check('after a reload the finding is still at its cell', await waitCell(page, a, 'change', 'warning') === true);

  // 6. 暂存 and read back from the server
  await clickItem(page, 'sheet.save');
  await waitItem(page, 'sheet.saved', 10000);
  check('暂存 leaves no unsaved change', (await messageOf(page, 'sheet.status')) === '0', await messageOf(page, 'sheet.status'));
  const la = await serverLine(page, a), lb = await serverLine(page, b), lc = await serverLine(page, c);
  check('the server holds the typed quantities', la && la.last_year === '100' && la.demand === '120000', JSON.stringify(la));
  check('the server holds 是 for the 注册证 group', la && la.instrument === '是', JSON.stringify(la));
  check('the pasted block was normalised', lb && lb.last_year === '1200' && lb.demand === '1300', JSON.stringify(lb));
  check('the pasted row below took its valid cell', lc && lc.last_year === '50', JSON.stringify(lc));
  // a reload after 暂存 finds the server's values and nothing unsaved
  await openSheet(page, server);
  check('after 暂存 and a reload nothing is unsaved', (await messageOf(page, 'sheet.status')) === '0');

  // 7. copy a rectangle (shift+click) as TSV
  await gotoCell(page, a, 'last_year');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+C');
  // The copy reaches the clipboard in a later frame; on a busy machine that can take a while.
  const want = '100\t120000\r\n1200\t1300\r\n';
  const readClipboard = () => page.evaluate(() => navigator.clipboard.readText());
  const copied = await waitFor(page, 'copied rectangle', async () => ((await readClipboard()) === want ? want : null), 5000)
    .catch(readClipboard);
  check('Ctrl+C copies the selected rectangle as TSV', copied === want, JSON.stringify(copied));

  await screenshot(page, 'ivd_sheet_1366.png');
  check('no page errors', pageErrors.length === 0, pageErrors.join(' | '));
});
