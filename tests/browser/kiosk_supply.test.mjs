// Browser test of supply-feedback drafts offline (issue 12 §2): a hospital edits a draft while the
// server cannot be reached; 保存 keeps it in the browser (the list shows it from the copy), 保存并提交
// is disabled with the reason, and the draft reaches the server once the line is back.
//
//   node tests/browser/kiosk_supply.test.mjs
// Env: IVD_SERVER (server binary), IVD_WEB (web folder), IVD_KEEP=1 keeps the temporary folder.
import {
  check, launchPersistent, openApp, firstLogin, clickItem, waitExposed, messageOf, runBrowserTest, screenshot,
  api, apiLogin, waitFor, waitItem, settle, typeInto, reveal, hasItem,
} from './lib.mjs';
import { waitContains } from './kiosk_lib.mjs';

const HOSPITAL = 'H34010000001';  // the demo's feedback in every status, drafts among them
const PASSWORD = 'Supply2024pass';
const TEXT = '离线修改：配送企业仍未恢复供货';

runBrowserTest(async ({ tmp, server, keep }) => {
  const browser = keep(await launchPersistent(tmp));
  const { page, pageErrors, captcha } = await openApp(browser, server);
  const s = await firstLogin(page, server, captcha, HOSPITAL, PASSWORD);
  check('the hospital logs in', s.screen === 'main', JSON.stringify(s));
  await waitFor(page, 'offline copy stored', () => page.evaluate(() => window.__kioskStoredAt || null), 30000).catch(() => null);
  const token = (await apiLogin(server, HOSPITAL, PASSWORD)).token;
  const draft = (await api(server, token, 'GET', '/supply/feedback?status=draft&page=1&page_size=50')).body.items
    .find((r) => r.actions.includes('edit'));
  check('a draft to edit', Boolean(draft));

  await page.context().setOffline(true);
  await page.evaluate((id) => { location.hash = `#/supply.feedback?id=${id}&view=edit`; }, draft.id);
  await waitItem(page, 'supply.form.save', 20000);
  await waitExposed(page, 'supply.form.serial_value', draft.serial, 15000);
  check('offline, the draft opens from the copy', (await messageOf(page, 'supply.form.serial_value')) === draft.serial);
  check('保存并提交 is disabled with the reason', await waitContains(page, 'supply.form.needs_server', '需要连接服务器'),
        await messageOf(page, 'supply.form.needs_server'));
  await reveal(page, 'supply.form.description');
  await typeInto(page, 'supply.form.description', TEXT);
  await settle(page);
  await clickItem(page, 'supply.form.save');
  check('保存 keeps the draft on this computer', await waitContains(page, 'supply.notice', '已暂存在本机', 15000),
        await messageOf(page, 'supply.notice'));
  check('one change waits', await waitExposed(page, 'kiosk.link', '离线 · 1 项未同步'), await messageOf(page, 'kiosk.link'));
  await screenshot(page, 'kiosk_supply_offline.png');
  // The detail, read from the copy, shows the change.
  await page.evaluate((id) => { location.hash = `#/supply.feedback?id=${id}&view=detail`; }, draft.id);
  check('the detail read offline shows the edited text', await waitExposed(page, 'supply.detail.description', TEXT, 15000),
        await messageOf(page, 'supply.detail.description'));
  check('the server does not have it yet',
        (await api(server, token, 'GET', `/supply/feedback/${draft.id}`)).body.description !== TEXT);

  await page.context().setOffline(false);
  const synced = await waitFor(page, 'synced', async () => ((await messageOf(page, 'kiosk.link')) === '在线' ? true : null), 30000)
    .catch(() => false);
  check('back online the draft is sent (在线, nothing left)', synced, await messageOf(page, 'kiosk.link'));
  const stored = (await api(server, token, 'GET', `/supply/feedback/${draft.id}`)).body;
  check('the server holds the draft edited offline, still 待提交', stored.description === TEXT && stored.status === 'draft',
        JSON.stringify({ d: stored.description, s: stored.status }));
  check('its revision moved by one', stored.revision === draft.revision + 1, `${draft.revision} -> ${stored.revision}`);
  check('no refusal left in the list', !(await hasItem(page, 'kiosk.outbox.0')));
  check('no page errors', pageErrors.length === 0, pageErrors.join('\n'));
});
