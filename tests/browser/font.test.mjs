// Browser end-to-end test of the UI font, through the real UI in Debian's Chromium:
//   the real server on a fresh demo database; the page waits only for the core font file and fetches
//   the extension files (font-common.ttf, font-ext.ttf, font-rare.otf) after the first frame. The test
//   holds those back, logs in as admin, creates three users (API) whose names hold name characters
//   outside GB2312 and an Extension A character, opens 用户管理 and finds their rows: with only the core
//   file two different names draw the same missing-glyph marks. Then it lets the extension files
//   through: the app merges them into the same font and the characters it had already drawn as missing
//   now render (the font's cache of missing glyphs is discarded): the cells differ from before and from
//   each other. Last, it types such a name into the add-user dialog through the hidden IME text field
//   and checks it shows.
//
//   node tests/browser/font.test.mjs
// Env: IVD_SERVER (server binary), IVD_WEB (web folder), IVD_KEEP=1 keeps the temporary folder.
// Prints "N passed, N failed" last; exits non-zero on any failure.
import fs from 'node:fs';
import path from 'node:path';
import {
  check, sleep, outDir, launchPersistent, state, items, findItem, waitFor, waitItem, waitIdle, clickItem, typeInto,
  runBrowserTest, openApp, firstLogin,
} from './lib.mjs';

const ADMIN_PASSWORD = 'Admin2024pass';
// Name characters outside GB2312 (in the main font's extension file) and Extension A ones (rare file).
const NAME_A = '玥堃喆昇赟珺祎镕䶮';   // 䶮 U+4DAE
const NAME_B = '堉琮璟瑄昀晟钰翀㐀';   // 㐀 U+3400
const NAME_C = '旻暐曌琇琰瑢璠瑭䴉';   // row 3: the same row background as row 1
const EXTRA_FILES = ['/font-common.ttf', '/font-ext.ttf', '/font-rare.otf'];

// What the UI font can draw of text: {files, not_in_font, not_rendered} (web/platform/ui_font.hpp).
async function probe(page, text) {
  return page.evaluate((s) => {
    const n = Module.lengthBytesUTF8(s) + 1;
    const p = Module._malloc(n);
    Module.stringToUTF8(s, p, n);
    const r = JSON.parse(Module.UTF8ToString(Module._app_test_font_probe_json(p)));
    Module._free(p);
    return r;
  }, text);
}

// The rectangle of the 姓名 cell of a user's row. Table headers publish no rectangles: the stretch
// columns (weights 1.2 1.0 1.0 1.6 1.0 0.6, users_screen.cpp) run from the table's left edge to the
// status column, whose text starts 13 px after its cell padding of 12 px.
async function nameCell(page, username) {
  const list = await items(page);
  const table = list.find((i) => i.visible && /##users\.table_[0-9A-F]+$/.test(i.label));
  const status = findItem(list, 'users.status.' + username);
  if (!table || !status) throw new Error(`no 姓名 cell for ${username}`);
  const unit = (status.x - 25 - table.x) / 6.4 * (6.4 / 5.8);
  return { x: Math.round(table.x + 1.2 * unit + 2), y: Math.round(status.y - 2), width: Math.round(unit - 4),
           height: Math.round(status.h + 4) };
}

async function crop(page, rect) {
  await page.mouse.move(2, 760);  // no hover highlight, no tooltip
  await sleep(100);
  await waitIdle(page);
  return page.screenshot({ clip: rect });
}

runBrowserTest(async ({ tmp, server, keep }) => {
  const browser = keep(await launchPersistent(tmp));
  const { page, pageErrors, captcha } = await openApp(browser, server, { goto: false });
  const encodings = {};
  page.on('response', async (r) => {
    const name = new URL(r.url()).pathname;
    if (name.startsWith('/font')) encodings[name] = (await r.allHeaders())['content-encoding'] || '';
  });
  // Hold the extension font files back until released.
  let release;
  const released = new Promise((r) => { release = r; });
  const requested = [];
  for (const f of EXTRA_FILES) {
    await page.route('**' + f, async (route) => { requested.push(f); await released; await route.continue(); });
  }

  await page.goto(server.base + '/', { waitUntil: 'domcontentloaded' });
  const s0 = await waitFor(page, 'first interactive frame', async () => { const s = await state(page); return s.firstFrameMs !== null ? s : null; }, 30000);
  check('the first frame needs only the core font file', s0.font_files === 1, JSON.stringify(s0));
  await waitFor(page, 'the extension files requested after the first frame', async () => requested.length >= 1, 5000);

  let s = await firstLogin(page, server, captcha, 'admin', ADMIN_PASSWORD);
  check('admin logs in and holds 用户管理', s.screen === 'main' && s.menus.includes('sys.users'), JSON.stringify(s));

  // Two users with such names, added through the API with the tab's session.
  for (const [username, name] of [['font_a', NAME_A], ['font_b', NAME_B], ['font_c', NAME_C]]) {
    const reply = await page.evaluate(async ([username, name]) => {
      const r = await fetch('/api/v1/users', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Session-Token': sessionStorage.getItem('ivd.session_token') },
        body: JSON.stringify({ username, name, phone: '13800000000', user_type: 'admin', region_code: '340200', menus: ['ivd.review'] }),
      });
      return { status: r.status, body: await r.text() };
    }, [username, name]);
    check(`user ${username} (${name}) is added`, reply.status === 200, JSON.stringify(reply));
  }

  await clickItem(page, 'menu.sys.users');
  await waitItem(page, 'users.search');
  await typeInto(page, 'users.q.username', 'font_');
  await clickItem(page, 'users.search');
  await sleep(100);
  await waitIdle(page);
  await waitItem(page, 'users.edit.font_c');

  // Before the extension files: the characters are not in the font, both cells show the same boxes.
  let p = await probe(page, NAME_A + NAME_B + NAME_C);
  check('with the core file only, none of the name characters is in the font',
        p.files === 1 && [...p.not_in_font].length === 27 && [...p.not_rendered].length === 27, JSON.stringify(p));
  const cellA = await nameCell(page, 'font_a');
  const cellB = await nameCell(page, 'font_b');
  const cellC = await nameCell(page, 'font_c');
  const beforeA = await crop(page, cellA);
  const beforeB = await crop(page, cellB);
  const beforeC = await crop(page, cellC);
  await page.screenshot({ path: path.join(outDir, 'font-before.png') });
  check('before: two different names draw the same missing-glyph marks', cellA.width === cellC.width && beforeA.equals(beforeC),
        `${JSON.stringify(cellA)} ${JSON.stringify(cellC)}`);

  // The extension files arrive: merged into the font, the rows redraw with the real glyphs.
  release();
  await waitFor(page, 'extension font files merged', async () => (await state(page)).font_files === 1 + EXTRA_FILES.length, 30000);
  await page.mouse.move(5, 5);  // a frame: the screen redraws with the merged font
  await waitIdle(page);
  p = await probe(page, NAME_A + NAME_B + NAME_C);
  check('after the extension files: every name character is in the font', p.files === 1 + EXTRA_FILES.length && p.not_in_font === '',
        JSON.stringify(p));
  check('characters drawn as missing before are drawn now (missing-glyph cache discarded)', p.not_rendered === '',
        JSON.stringify(p));
  const afterA = await crop(page, cellA);
  const afterB = await crop(page, cellB);
  const afterC = await crop(page, cellC);
  check('after: the name cells show glyphs instead of missing-glyph marks',
        !afterA.equals(beforeA) && !afterB.equals(beforeB) && !afterC.equals(beforeC));
  check('after: different names draw differently', !afterA.equals(afterC));
  fs.writeFileSync(path.join(outDir, 'font-cell-before.png'), beforeA);
  fs.writeFileSync(path.join(outDir, 'font-cell-after.png'), afterA);
  await page.screenshot({ path: path.join(outDir, 'font-users.png') });
  const st = await state(page);
  console.log(`first frame ${st.firstFrameMs.toFixed(0)} ms; extension files arrived ${JSON.stringify(st.extraFontsMs)} (held back by the test)`);
  check('all font files are served compressed', ['/font.ttf', ...EXTRA_FILES].every((f) => encodings[f]), JSON.stringify(encodings));

  // Coverage: every CJK Unified Ideograph but the newest and Extension A as far as the fonts go.
  let uro = '', extA = '';
  for (let c = 0x4E00; c <= 0x9FEF; c += 7) uro += String.fromCodePoint(c);
  for (let c = 0x3400; c <= 0x4DB5; c += 3) extA += String.fromCodePoint(c);
  const pu = await probe(page, uro);
  const pa = await probe(page, extA);
  check('CJK Unified Ideographs U+4E00–U+9FEF are in the font (every 7th checked)', pu.not_in_font === '', pu.not_in_font);
  check('Extension A U+3400–U+4DB5 is in the font (every 3rd checked)', pa.not_in_font === '', pa.not_in_font);

  // Typing such a name: the hidden text field (IME path) into the add-user dialog's 姓名.
  await clickItem(page, 'users.add');
  await waitItem(page, 'users.form.name');
  await typeInto(page, 'users.form.name', NAME_A);
  await waitIdle(page);
  s = await state(page);
  check('a name typed into the dialog arrives whole', s.active_text === NAME_A, JSON.stringify(s.active_text));
  const field = findItem(await items(page), 'users.form.name');
  const typed = await page.screenshot({ clip: { x: field.x, y: field.y, width: field.w, height: field.h } });
  fs.writeFileSync(path.join(outDir, 'font-typed.png'), typed);
  await typeInto(page, 'users.form.name', '□□□□□□□□□');
  await waitIdle(page);
  const boxes = await page.screenshot({ clip: { x: field.x, y: field.y, width: field.w, height: field.h } });
  check('the typed name shows glyphs, not boxes', !typed.equals(boxes));
  await typeInto(page, 'users.form.name', NAME_A);
  await waitIdle(page);
  await page.screenshot({ path: path.join(outDir, 'font-dialog.png') });
  check('no page errors', pageErrors.length === 0, pageErrors.join(' | '));
});
