#!/usr/bin/env node
// Reference check of the working-day calendar (issue 10 §3, §7): core's answers, from the data that
// scripts/make_work_calendar.mjs converted at build time, against chinese-days' OWN functions
// (isWorkday, findWorkday), which count from the package's built-in holiday arrangement rather than
// from the data file the conversion reads. For every day from 2000 to 2030 (the package's years plus
// years it does not cover, where both fall back to weekends) it compares, in each build given:
//   * is-workday, and the 5th working day after the day (the supply deadline), day by day;
//   * the years core reports as covered with the years chinese-days holds any holiday or 调休 in.
// One check per build and year, plus the covered years per build. Prints "N passed, N failed".
//
//   node tests/calendar/check_chinese_days.mjs [NATIVE_BUILD_DIR] [WASM_BUILD_DIR]
//        (default build/native build/wasm; each must hold calendar_answers, or calendar_answers.js)
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.TZ = 'Asia/Shanghai';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const { isWorkday, findWorkday } = require('chinese-days');

const FIRST_YEAR = 2000, LAST_YEAR = 2030;
const from = `${FIRST_YEAR}-01-01`, to = `${LAST_YEAR}-12-31`;
const builds = process.argv.slice(2).length ? process.argv.slice(2) : ['build/native', 'build/wasm'];

const tmp = mkdtempSync(join(tmpdir(), 'calendar-check-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
let passed = 0, failed = 0;
const fail = (what) => { failed++; console.log(`FAIL ${what}`); };

// ---- the reference: chinese-days' own functions, day by day
const pad = (n) => String(n).padStart(2, '0');
const days = [];
for (let t = Date.UTC(FIRST_YEAR, 0, 1); t <= Date.UTC(LAST_YEAR, 11, 31); t += 86400000) {
  const d = new Date(t);
  days.push(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
}
const reference = new Map();
const announced = new Set();  // years in which some day differs from the weekend rule
for (const day of days) {
  const work = isWorkday(day);
  reference.set(day, { work, deadline: findWorkday(5, day) });
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  if (work !== (wd >= 1 && wd <= 5)) announced.add(Number(day.slice(0, 4)));
}
// The reference must know the 调休 at all, or the check proves nothing.
if (!isWorkday('2025-10-11') || isWorkday('2025-10-08') || findWorkday(5, '2025-09-30') !== '2025-10-14') {
  fail('chinese-days itself does not give the known 2025 国庆 days (package broken?)');
}

// ---- each build's answers
function answers(dir) {
  const native = join(dir, 'calendar_answers'), wasm = join(dir, 'calendar_answers.js');
  if (existsSync(join(dir, 'CMakeCache.txt'))) {
    try {
      execFileSync('cmake', ['--build', dir, '--target', 'calendar_answers', '-j2'], { stdio: 'pipe' });
    } catch (e) {
      return { error: `could not build calendar_answers in ${dir}: ${String(e.stdout || e.message).slice(-2000)}` };
    }
  }
  let cmd, args;
  if (existsSync(wasm)) [cmd, args] = [process.execPath, ['--no-experimental-fetch', wasm, from, to]];
  else if (existsSync(native)) [cmd, args] = [native, [from, to]];
  else return { error: `no calendar_answers in ${dir}` };
  // Into a file, not a pipe: emscripten's stdout writes to a pipe are asynchronous and the end of a
  // long output is lost when the wasm program exits.
  const outFile = join(tmp, `answers-${builds.indexOf(dir)}.txt`);
  const fd = openSync(outFile, 'w');
  try {
    execFileSync(cmd, args, { stdio: ['ignore', fd, 'pipe'] });
    return { text: readFileSync(outFile, 'utf8') };
  } catch (e) {
    return { error: `calendar_answers in ${dir} failed: ${e.message}` };
  } finally {
    closeSync(fd);
  }
}

for (const dir of builds) {
  const got = answers(dir);
  if (got.error) {
    fail(got.error);
    continue;
  }
  const lines = got.text.trim().split('\n');
  const covered = lines.shift().split(' ').slice(1).map(Number).filter((y) => y >= FIRST_YEAR && y <= LAST_YEAR);
  const expectedYears = [...announced].sort((a, b) => a - b);
  if (JSON.stringify(covered) === JSON.stringify(expectedYears)) passed++;
  else fail(`${dir}: covered years ${covered.join(' ')}; chinese-days has ${expectedYears.join(' ')}`);

  const byYear = new Map();  // year -> list of mismatches
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) byYear.set(y, []);
  if (lines.length !== days.length) fail(`${dir}: ${lines.length} days answered, ${days.length} asked`);
  for (const line of lines) {
    const [day, work, deadline] = line.split(' ');
    const ref = reference.get(day);
    const year = Number(day.slice(0, 4));
    if (!ref) {
      fail(`${dir}: unexpected line "${line}"`);
      continue;
    }
    if ((work === '1') !== ref.work) byYear.get(year).push(`${day}: core says ${work === '1' ? 'working day' : 'day off'}, chinese-days ${ref.work ? 'working day' : 'day off'}`);
    if (deadline !== ref.deadline) byYear.get(year).push(`${day}: 5th working day after: core ${deadline}, chinese-days ${ref.deadline}`);
  }
  for (const [year, problems] of byYear) {
    if (problems.length === 0) { passed++; continue; }
    fail(`${dir} ${year}: ${problems.length} differences, e.g. ${problems.slice(0, 3).join('; ')}`);
  }
  console.log(`${dir}: ${lines.length} days ${from}..${to} compared; covered ${covered[0]}-${covered[covered.length - 1]}`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
