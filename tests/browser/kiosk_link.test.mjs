// Browser test of the connection badge (issue 12, step 1): the top bar shows 在线 while the server
// answers, 离线 as soon as a request finds it gone, and 在线 again by itself once it is back (the app asks
// again every few seconds); the request the clerk made while offline shows the refusal where it was
// made, and nothing else breaks.
//
//   node tests/browser/kiosk_link.test.mjs
// Env: IVD_SERVER (server binary), IVD_WEB (web folder), IVD_KEEP=1 keeps the temporary folder.
import {
  check, launchPersistent, openApp, firstLogin, clickItem, waitExposed, messageOf, runBrowserTest, screenshot, leftMenu, sleep,
} from './lib.mjs';
import { stopServer, restartServer } from './kiosk_lib.mjs';

runBrowserTest(async ({ tmp, server, keep }) => {
  const browser = keep(await launchPersistent(tmp));
  const { page, pageErrors, captcha } = await openApp(browser, server);
  const s = await firstLogin(page, server, captcha, 'H34010000001', 'Kiosk2024pass');
  check('hospital logged in', s.screen === 'main', JSON.stringify(s));
  check('top bar shows 在线', await waitExposed(page, 'kiosk.link', '在线'), await messageOf(page, 'kiosk.link'));
  await screenshot(page, 'kiosk_link_online.png');

  await stopServer(server);
  // Any request now finds the server gone: open another menu.
  const menus = await leftMenu(page);
  check('hospital has menus', menus.length > 0, menus.join(','));
  await clickItem(page, 'menu.' + menus[0]);
  check('top bar shows 离线 after a request failed', await waitExposed(page, 'kiosk.link', '离线'),
        await messageOf(page, 'kiosk.link'));
  await screenshot(page, 'kiosk_link_offline.png');
  // It stays offline while the server is down (the probes fail too).
  await sleep(4000);
  check('still 离线 while the server is down', (await messageOf(page, 'kiosk.link')) === '离线');

  await restartServer(tmp, server);
  check('在线 again without a click once the server is back', await waitExposed(page, 'kiosk.link', '在线', 10000),
        await messageOf(page, 'kiosk.link'));
  // English follows the language switch.
  await clickItem(page, 'lang.en');
  check('English badge', await waitExposed(page, 'kiosk.link', 'Online'), await messageOf(page, 'kiosk.link'));
  await clickItem(page, 'lang.zh');
  check('no page errors', pageErrors.length === 0, pageErrors.join('\n'));
});
