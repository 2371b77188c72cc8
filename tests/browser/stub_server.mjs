// A stand-in for the real server while developing the web app: serves a web folder (precompressed
// variants, CSP like the real server) and fakes the /api/v1/auth routes with one account
// admin / 123456 (forced change). The captcha answer is always "TEST".
//   node tests/browser/stub_server.mjs --web build/wasm/webroot --port 8090
// The browser test itself runs against the real server (login.test.mjs); --stub switches it here.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.ttf': 'font/ttf', '.png': 'image/png' };
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'";

// A small PNG (stripes) so the client has a real picture to decode.
function png(w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) { const o = y * (w * 3 + 1) + 1 + x * 3; const s = ((x >> 3) + (y >> 3)) & 1; raw[o] = s ? 200 : 240; raw[o + 1] = s ? 220 : 240; raw[o + 2] = 250; }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export function startStub({ web, port = 0 }) {
  const state = { password: '123456', mustChange: true, sessions: new Set(), captchas: new Map() };
  const user = () => ({ id: 1, username: 'admin', name: '系统管理员', user_type: 'admin', role: 'super_admin', region_code: '000000',
    institution_name: '国家医疗保障局', menus: ['sys.users', 'ivd.config', 'ivd.national', 'exports'], must_change_password: state.mustChange });
  const err = (res, status, code, zh, en, field) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify({ code, message_zh: zh, message_en: en, field })); };
  const ok = (res, body) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      if (url.pathname.startsWith('/api/v1/')) {
        const p = url.pathname.slice(7);
        const j = body ? JSON.parse(body) : {};
        const token = req.headers['x-session-token'];
        if (p === '/auth/captcha') { const id = crypto.randomUUID(); state.captchas.set(id, 'TEST'); return ok(res, { captcha_id: id, image_png_base64: png(120, 40).toString('base64') }); }
        if (p === '/auth/login') {
          const answer = state.captchas.get(j.captcha_id); state.captchas.delete(j.captcha_id);
          if (!answer || String(j.captcha).toUpperCase() !== answer) return err(res, 400, 'auth.captcha_invalid', '验证码错误，请重新输入', 'Wrong captcha', 'captcha');
          if (j.username !== 'admin' || j.password !== state.password) return err(res, 401, 'auth.bad_credentials', '用户名或密码错误', 'Wrong username or password');
          const t = crypto.randomUUID(); state.sessions.add(t);
          return ok(res, { token: t, must_change_password: state.mustChange, user: user() });
        }
        if (!state.sessions.has(token)) return err(res, 401, 'auth.not_logged_in', '未登录或登录已失效', 'Not logged in');
        if (p === '/auth/me') return ok(res, { user: user() });
        if (p === '/auth/logout') { state.sessions.delete(token); return ok(res, {}); }
        if (p === '/auth/change-password') {
          if (j.old_password !== state.password) return err(res, 400, 'auth.old_password_wrong', '原密码错误', 'The current password is wrong', 'old_password');
          if (j.new_password.length < 8) return err(res, 400, 'auth.password_too_short', '新密码至少需要 8 个字符', 'Too short', 'new_password');
          if (!/[A-Za-z]/.test(j.new_password) || !/[0-9]/.test(j.new_password)) return err(res, 400, 'auth.password_too_weak', '新密码必须同时包含字母和数字', 'Needs letters and digits', 'new_password');
          state.password = j.new_password; state.mustChange = false; state.sessions.delete(token);
          return ok(res, { logged_out: true });
        }
        return err(res, 404, 'route.not_found', '接口不存在', 'No such API route');
      }
      let file = path.join(web, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
      if (!fs.existsSync(file)) { res.writeHead(404); return res.end('not found'); }
      const headers = { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache' };
      const ae = req.headers['accept-encoding'] || '';
      if (/\bbr\b/.test(ae) && fs.existsSync(file + '.br')) { file += '.br'; headers['Content-Encoding'] = 'br'; }
      else if (/\bgzip\b/.test(ae) && fs.existsSync(file + '.gz')) { file += '.gz'; headers['Content-Encoding'] = 'gzip'; }
      res.writeHead(200, headers);
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, port: server.address().port, state })));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
  const { port } = await startStub({ web: arg('--web', 'build/wasm/webroot'), port: Number(arg('--port', 8090)) });
  console.log(`stub serving http://127.0.0.1:${port}`);
}
