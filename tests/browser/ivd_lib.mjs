// Helpers of the IVD browser tests (ivd_*.test.mjs): the hospital's sheet driven by keyboard, as a clerk
// moves (a click on the line's 流水号, then Tab to the column), and its cells read from the test ids.
import { items, findItem, labelText, waitFor, clickItem, waitIdle } from './lib.mjs';

// The finding state of a cell ("error" / "warning" / ""), or undefined when the cell is not drawn.
export async function cellState(page, serial, column) {
  return labelText(findItem(await items(page), `sheet.cell.${serial}.${column}`));
}
// Waits until the cell's state is `want`: true, or false when it was not within ms.
export async function waitCell(page, serial, column, want, ms = 5000) {
  try {
    await waitFor(page, `cell ${serial}.${column} = "${want}"`, async () => (await cellState(page, serial, column)) === want, ms);
    return true;
  } catch { return false; }
}
// Serials of the rows drawn, top to bottom.
export async function drawnSerials(page) {
  const list = (await items(page)).filter((i) => i.visible && /##sheet\.cell\..+\.serial$/.test(i.label));
  list.sort((a, b) => a.y - b.y);
  return list.map((i) => i.label.split('##sheet.cell.')[1].replace(/\.serial$/, ''));
}
// The cursor onto a cell by keyboard: a click on the line's 流水号, then Tab to the column (the table
// scrolls the cell into view); typeCell then replaces the cell's text by `text` (empty: clears it).
export const TABS = { last_year: 1, demand: 2, instrument: 3, change_note: 4 };
export async function gotoCell(page, serial, column) {
  await clickItem(page, `sheet.cell.${serial}.serial`);
  for (let i = 0; i < TABS[column]; ++i) await page.keyboard.press('Tab');
  await waitIdle(page);
}
export async function typeCell(page, serial, column, text) {
  // On a busy machine a click can land while the table still moves; then the cursor is placed again.
  const editing = () => page.evaluate(() =>
    window.__appState.want_text_input && document.activeElement && document.activeElement.id === 'text-input');
  for (let attempt = 1; ; ++attempt) {
    await gotoCell(page, serial, column);
    const ok = await waitFor(page, `editor of ${serial}.${column}`, editing).catch((e) => { if (attempt >= 3) throw e; return false; });
    if (ok) break;
  }
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text, { delay: 5 });
}
