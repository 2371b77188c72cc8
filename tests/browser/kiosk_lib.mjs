// Helpers of the kiosk (offline) browser tests: stopping the server and starting it again on the same
// port and database, so the page's origin (and its IndexedDB) stays the same.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import {
  serverBin, webDir, waitHttp, sleep, waitFor, messageOf, typeInto, clickItem, state, items, findItem,
} from './lib.mjs';

// The server of runBrowserTest stopped (SIGTERM) and gone: the port refuses connections.
export async function stopServer(server) {
  server.stop();
  for (let i = 0; i < 100; i++) {
    try { await fetch(server.base + '/'); } catch { return; }
    await sleep(100);
  }
  throw new Error('the server still answers after SIGTERM');
}

// A new server process on the same database and port; server.stop() stops it from now on.
export async function restartServer(tmp, server) {
  const port = new URL(server.base).port;
  const proc = spawn(serverBin, ['serve', '--db', path.join(tmp, 'ivd.db'), '--host', '127.0.0.1', '--port', port,
                                 '--web', webDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = fs.createWriteStream(path.join(tmp, 'server2.log'), { flags: 'a' });
  proc.stdout.pipe(log); proc.stderr.pipe(log);
  if (!await waitHttp(server.base + '/', 15000)) throw new Error('the restarted server did not answer within 15 s');
  server.stop = () => proc.kill('SIGTERM');
}

// Waits until the item's exposed text contains `part`: true, or false when it did not within ms.
export async function waitContains(page, key, part, ms = 10000) {
  return waitFor(page, `${key} containing "${part}"`, async () => ((await messageOf(page, key)) || '').includes(part), ms)
    .then(() => true, () => false);
}

// Logs in through the offline form (no captcha) and waits until the attempt is over: every attempt with
// a record on the browser writes the record again (failure count, wait), then shows the main screen or
// a refusal under the form. Returns the refusal's text ('' when it opened).
export async function offlineLogin(page, username, password) {
  await typeInto(page, 'login.username', username);
  await typeInto(page, 'login.password', password);
  const writes = await page.evaluate(() => window.__unlockWrites || 0);
  await clickItem(page, 'login.submit');
  let error = '';
  await waitFor(page, 'offline login answered', async () => {
    if ((await page.evaluate(() => window.__unlockWrites || 0)) === writes) return false;
    const s = await state(page);
    if (s.screen === 'main' && !s.busy) return true;
    const list = await items(page);
    const submit = findItem(list, 'login.submit');
    const e = findItem(list, 'login.error');
    if (submit && !submit.label.startsWith('正在') && e) {
      error = e.label.split('##')[0];
      return true;
    }
    return false;
  }, 20000);
  await sleep(100);
  return error;
}
