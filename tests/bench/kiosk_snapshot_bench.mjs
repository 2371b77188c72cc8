// Kiosk benchmark (issue 12): the offline snapshot of a hospital on the demo data set, taken from the
// real server. Prints its size (raw database file and base64 on the wire) and the time to answer it.
//
//   node tests/bench/kiosk_snapshot_bench.mjs [username=H34010000001]
// Env: IVD_SERVER (server binary).
import { tempDir, removeTemp, startRealServer, apiSession, api } from '../browser/lib.mjs';

const user = process.argv[2] || 'H34010000001';
const tmp = tempDir();
const server = await startRealServer(tmp, { demo: true });
try {
  const token = await apiSession(server, user, 'Kiosk2024pass');
  const times = [];
  let last;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    last = await api(server, token, 'GET', '/offline/snapshot');
    times.push(performance.now() - t0);
    if (last.status !== 200) throw new Error(`snapshot: ${last.status} ${JSON.stringify(last.body)}`);
  }
  times.sort((a, b) => a - b);
  const wire = JSON.stringify(last.body).length;
  console.log(`snapshot of ${user}: database ${(last.body.bytes / 1024).toFixed(1)} KiB, answer ${(wire / 1024).toFixed(1)} KiB, ` +
              `median ${times[2].toFixed(1)} ms (of 5)`);
} finally {
  server.stop();
  removeTemp(tmp);
}
