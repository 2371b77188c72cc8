// Browser end-to-end test of the account flow, through the real UI in Debian's Chromium:
//   start the real server (fresh database), load the app, time the first interactive frame,
//   screenshot the login page (1366×768 and 3840×2160), log in as admin with the initial password,
//   pass the forced password change, log in again, check the frame (account menu with the institution
//   name, the super admin's menus), check the tab idles at ~0 frames, log out with confirmation.
// Widgets are found by the rectangles the app publishes from Dear ImGui's item hooks
// (window.__imguiItems, labels like "##login.username"); clicks and keys are real input events.
//
//   node tests/browser/login.test.mjs            # real server: build/native/server, app: build/wasm/webroot
// Env: IVD_SERVER (server binary), IVD_WEB (web folder), IVD_KEEP=1 keeps the temporary folder.
// Prints "N passed, N failed" last; exits non-zero on any failure.
import path from 'node:path';
import {
  check, sleep, outDir, launchPersistent, launch, collectPageErrors, trackCaptcha, state, items, findItem, waitFor,
  waitItem, waitScreen, settledItem, clickItem, typeInto, runBrowserTest,
} from './lib.mjs';

const NEW_PASSWORD = 'Ivd2024pass';

// ---- the test ---------------------------------------------------------------------------------------
runBrowserTest(async ({ tmp, server, keep }) => {
  const browser = keep(await launchPersistent(tmp));
  const page = browser.pages()[0] || await browser.newPage();
  const pageErrors = collectPageErrors(page);
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  const captcha = trackCaptcha(page);
  const transfer = {};
  page.on('response', async (r) => {
    const name = new URL(r.url()).pathname;
    if (name.startsWith('/api/')) return;
    try {
      const sizes = await r.request().sizes();
      transfer[name] = { bytes: sizes.responseBodySize, encoding: (await r.allHeaders())['content-encoding'] || '' };
    } catch { /* ignore */ }
  });

  // 1. load and first interactive frame
  const t0 = Date.now();
  await page.goto(server.base + '/', { waitUntil: 'domcontentloaded' });
  const s0 = await waitFor(page, 'first interactive frame', async () => { const s = await state(page); return s.firstFrameMs !== null ? s : null; }, 30000);
  const wall = Date.now() - t0;
  console.log(`first interactive frame: ${s0.firstFrameMs.toFixed(0)} ms after navigation start (font loaded at ` +
              `${s0.fontMs?.toFixed(0)} ms, wasm ready at ${s0.runtimeMs?.toFixed(0)} ms; ${wall} ms wall clock incl. test polling)`);
  check('app starts on the login screen', s0.screen === 'login', JSON.stringify(s0));
  await waitItem(page, 'login.username');
  await waitFor(page, 'captcha picture', async () => captcha.id && !(await state(page)).busy);
  await sleep(300);
  await page.screenshot({ path: path.join(outDir, 'login.png') });
  const total = Object.entries(transfer).reduce((a, [, v]) => a + (v.bytes > 0 ? v.bytes : 0), 0);
  console.log('transfer (compressed body bytes): ' + Object.entries(transfer).map(([k, v]) => `${k} ${v.bytes}${v.encoding ? ' ' + v.encoding : ''}`).join(', ') + ` = ${total}`);
  check('CSP allows everything the app loads', (await page.evaluate(() => window.__cspViolations)).length === 0,
        JSON.stringify(await page.evaluate(() => window.__cspViolations)));
  check('the wasm and font are served compressed', ['/app.wasm', '/font.ttf'].every((f) => transfer[f] && transfer[f].encoding),
        JSON.stringify(transfer));

  // 4K-ish screenshot: 1920×1080 CSS pixels at devicePixelRatio 2 = 3840×2160 device pixels.
  {
    const b4k = await launch();
    try {
      const ctx = await b4k.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 });
      const page4k = await ctx.newPage();
      await page4k.goto(server.base + '/');
      await waitFor(page4k, '4K first frame', async () => (await state(page4k)).firstFrameMs !== null, 30000);
      await waitFor(page4k, '4K captcha', async () => !(await state(page4k)).busy);
      await sleep(300);
      const s4 = await state(page4k);
      await page4k.screenshot({ path: path.join(outDir, 'login-4k.png') });
      // A detail at full device resolution, to judge text sharpness.
      await page4k.screenshot({ path: path.join(outDir, 'login-4k-detail.png'), clip: { x: 760, y: 330, width: 400, height: 220 } });
      const dims = await page4k.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
      check('HiDPI: the canvas backing store is CSS size × devicePixelRatio', dims[0] === 3840 && dims[1] === 2160 && s4.scale === 2,
            `${dims} scale ${s4.scale}`);
    } finally {
      await b4k.close();
    }
  }

  // Text input: IME composition (what a Chinese input method sends), clipboard paste and copy.
  {
    const cdp = await browser.newCDPSession(page);
    await clickItem(page, 'login.username');
    await waitFor(page, 'hidden text field focused', () => page.evaluate(() => document.activeElement.id === 'text-input'));
    await cdp.send('Input.imeSetComposition', { text: 'guan', selectionStart: 4, selectionEnd: 4 });
    await cdp.send('Input.imeSetComposition', { text: '管理', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: '管理员' });
    await page.keyboard.type('01');
    const t1 = await waitFor(page, 'IME text', async () => { const s = await state(page); return s.active_text === '管理员01' ? s : null; }, 3000)
      .catch(async () => state(page));
    check('IME composition commits its text once (no pinyin leaks)', t1.active_text === '管理员01', JSON.stringify(t1.active_text));

    await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    // The copy reaches the clipboard in a later frame; on a busy machine that can take a while.
    const readClipboard = () => page.evaluate(() => navigator.clipboard.readText()).catch((e) => 'error: ' + e);
    const copied = await waitFor(page, 'copied text', async () => { const t = await readClipboard(); return t === '管理员01' ? t : null; }, 5000)
      .catch(readClipboard);
    check('Ctrl+C copies the field text to the clipboard', copied === '管理员01', JSON.stringify(copied));
    await page.evaluate(() => navigator.clipboard.writeText('粘贴ABC')).catch(() => {});
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    const t2 = await waitFor(page, 'pasted text', async () => { const s = await state(page); return s.active_text === '粘贴ABC' ? s : null; }, 3000)
      .catch(async () => state(page));
    check('Ctrl+V pastes the clipboard text', t2.active_text === '粘贴ABC', JSON.stringify(t2.active_text));
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await cdp.detach();
  }

  // Language switch and window resizing.
  {
    await clickItem(page, 'lang.en');
    const en = await waitFor(page, 'English labels', async () => findItem(await items(page), 'login.submit')?.label.startsWith('Sign in') && state(page));
    check('the English switch relabels the UI', en.lang === 'en');
    await clickItem(page, 'lang.zh');
    await waitFor(page, 'Chinese labels', async () => findItem(await items(page), 'login.submit')?.label.startsWith('登录'));
    await page.setViewportSize({ width: 1024, height: 640 });
    const dims = await waitFor(page, 'canvas follows the window', () => page.evaluate(() => {
      const c = document.getElementById('canvas');
      return c.width === 1024 && c.height === 640 ? [c.width, c.height] : null;
    }), 5000).catch(() => null);
    const btn = dims && await settledItem(page, 'login.submit');
    check('the canvas and layout follow a window resize', dims && btn && btn.x >= 0 && btn.x + btn.w <= 1024 && btn.y + btn.h <= 640,
          JSON.stringify({ dims, btn }));
    await page.screenshot({ path: path.join(outDir, 'login-1024.png') });
    await page.setViewportSize({ width: 1366, height: 768 });
    await waitFor(page, 'canvas back at 1366×768', () => page.evaluate(() => document.getElementById('canvas').width === 1366));
  }

  // 1b. the API client destroyed with a request in flight (test hook app_test_renew_api_client): the
  //     request's reply finds the client gone and is dropped; the new client gets its own reply.
  {
    const probe = async () => JSON.parse(await page.evaluate(() => Module.UTF8ToString(Module._app_test_client_probe_json())));
    const errorsBefore = pageErrors.length;
    const before = captcha.id;
    await page.evaluate(() => Module._app_test_renew_api_client());
    const p = await waitFor(page, 'the new client\'s replies', async () => { const r = await probe(); return r.new_statuses.length >= r.expected ? r : null; });
    await waitFor(page, 'a new captcha after the client was replaced', async () => captcha.id !== before && !(await state(page)).busy);
    await sleep(500);
    const after = await probe();
    check('requests in flight when their client is destroyed never reach a handler', after.old_handlers_ran === 0, JSON.stringify(after));
    check('the new client gets each of its own replies once (401 for /auth/me without a session)',
          after.new_statuses.length === after.expected && after.new_statuses.every((s) => s === 401), JSON.stringify(after));
    check('no page error after destroying the client with a request in flight', pageErrors.length === errorsBefore,
          pageErrors.slice(errorsBefore).join(' | '));
  }

  // 2. a wrong captcha is refused and a new picture is loaded
  const firstCaptcha = captcha.id;
  await typeInto(page, 'login.username', 'admin');
  await typeInto(page, 'login.password', '123456');
  await typeInto(page, 'login.captcha', 'zzzz');
  await page.keyboard.press('Enter');
  await waitFor(page, 'new captcha after a refusal', async () => captcha.id !== firstCaptcha && !(await state(page)).busy);
  check('a wrong captcha keeps the login screen', (await state(page)).screen === 'login');
  await settledItem(page, 'login.submit');
  await page.screenshot({ path: path.join(outDir, 'login-error.png') });

  // 3. admin / 123456 -> forced password change
  await typeInto(page, 'login.password', '123456');
  await typeInto(page, 'login.captcha', server.captchaAnswer(captcha.id));
  await clickItem(page, 'login.submit');
  const s1 = await waitScreen(page, 'change_password').catch(async (e) => { console.log(JSON.stringify(await state(page))); throw e; });
  check('first login of admin forces the password change', s1.username === 'admin');
  await waitItem(page, 'pwd.old');
  await page.screenshot({ path: path.join(outDir, 'change-password.png') });

  // a weak password is refused by the server's policy, with the message shown
  await typeInto(page, 'pwd.old', '123456');
  await typeInto(page, 'pwd.new', 'abcdefgh');
  await typeInto(page, 'pwd.confirm', 'abcdefgh');
  await clickItem(page, 'pwd.submit');
  await sleep(200);
  await waitFor(page, 'policy refusal', async () => !(await state(page)).busy);
  check('a password without digits is refused', (await state(page)).screen === 'change_password' && !findItem(await items(page), 'pwd.back_to_login'));

  await typeInto(page, 'pwd.new', NEW_PASSWORD);
  await typeInto(page, 'pwd.confirm', NEW_PASSWORD);
  await page.keyboard.press('Enter');
  await waitItem(page, 'pwd.back_to_login');
  check('the password change succeeds and shows the notice', true);
  await clickItem(page, 'pwd.back_to_login');
  await waitScreen(page, 'login');
  check('after the change the app is back at login', true);

  // 4. log in with the new password
  await waitFor(page, 'captcha', async () => captcha.id && !(await state(page)).busy);
  await typeInto(page, 'login.username', 'admin');
  await typeInto(page, 'login.password', NEW_PASSWORD);
  await typeInto(page, 'login.captcha', server.captchaAnswer(captcha.id));
  await page.keyboard.press('Enter');
  const s2 = await waitScreen(page, 'main');
  check('login with the new password opens the main frame', s2.username === 'admin');
  const list = await items(page);
  const account = findItem(list, 'account.menu');
  check('the account menu shows the institution name', account && s2.institution_name &&
        account.label === s2.institution_name + '##account.menu', JSON.stringify({ account, inst: s2.institution_name }));
  const menuItems = list.filter((i) => /##menu\.(?!home)/.test(i.label)).map((i) => i.label.split('##menu.')[1]);
  check('the left menu lists exactly the menus the user holds', menuItems.length > 0 &&
        JSON.stringify([...menuItems].sort()) === JSON.stringify([...s2.menus].sort()), `${menuItems} vs ${s2.menus}`);
  const superMenus = ['sys.users', 'ivd.config', 'ivd.national', 'exports'];
  check('the super admin holds the national menus', superMenus.every((m) => s2.menus.includes(m)), String(s2.menus));
  const zhTitles = { 'sys.users': '用户管理', 'ivd.config': '报量项目配置', 'ivd.review': '报量项目审核', 'ivd.national': '全国报量数据',
    'ivd.fill': '报量项目管理', 'supply.feedback': '中选药品供应问题反馈', 'supply.view': '中选药品供应问题反馈查看', exports: '导出列表' };
  check('menus carry their Chinese labels', list.filter((i) => /##menu\.(?!home)/.test(i.label))
    .every((i) => i.label === zhTitles[i.label.split('##menu.')[1]] + '##menu.' + i.label.split('##menu.')[1]));
  await page.reload();
  const sr = await waitScreen(page, 'main', 30000).catch(async () => state(page));
  check('a reload keeps the session of this tab', sr.screen === 'main' && sr.username === 'admin', JSON.stringify(sr));
  await clickItem(page, 'menu.' + menuItems[0]);
  await sleep(200);
  await page.mouse.move(700, 500);
  await sleep(400);
  await page.screenshot({ path: path.join(outDir, 'main.png') });

  // 5. idle: no input for a while -> (almost) no frames drawn
  await sleep(1000);
  const f0 = (await state(page)).frames;
  const raf = await page.evaluate(() => new Promise((resolve) => {
    // rAF keeps running in the page regardless; what matters is whether the app drew frames.
    const start = performance.now();
    setTimeout(() => resolve(performance.now() - start), 2000);
  }));
  const s3 = await state(page);
  console.log(`idle: ${s3.frames - f0} frames drawn in ${raf.toFixed(0)} ms without input (main loop paused: ${s3.paused})`);
  check('an idle tab draws (almost) no frames', s3.frames - f0 <= 2 && s3.paused, `${s3.frames - f0} frames`);

  // 6. account menu -> 退出系统 -> confirm
  const token = await page.evaluate(() => sessionStorage.getItem('ivd.session_token'));
  await clickItem(page, 'account.menu');
  await clickItem(page, 'account.logout');
  await waitItem(page, 'logout.ok');
  await sleep(200);
  await page.screenshot({ path: path.join(outDir, 'logout-confirm.png') });
  check('logout asks for confirmation', (await state(page)).screen === 'main');
  await clickItem(page, 'logout.ok');
  await waitScreen(page, 'login');
  check('confirmed logout returns to the login screen', true);
  const me = await fetch(server.base + '/api/v1/auth/me', { headers: { 'X-Session-Token': token || '' } });
  check('the session ends on the server', token && me.status === 401, `token ${token ? 'set' : 'missing'}, status ${me.status}`);
  check('no page errors', pageErrors.length === 0, pageErrors.join(' | '));
}, { demo: false });
