#!/usr/bin/node
// SPDX-License-Identifier: GPL-2.0-or-later
// Drive a running headless Chromium through the DevTools protocol (no npm modules; works
// with Debian 12's Node 18 as well as Node 20: a minimal WebSocket client over net).
//
// Usage: cdp-drive.js USER_DATA_DIR ACTION...
//   nav:URL     navigate the first tab to URL (like typing it in the address bar)
//   reload      reload the tab (like pressing F5: the page is revalidated from the cache)
//   wait:SEC    do nothing for SEC seconds (fractions allowed)
//   close       close the browser (Browser.close, like closing the window)
// Chromium must have been started with --remote-debugging-port=0 and that user data dir:
// it writes the port it picked into USER_DATA_DIR/DevToolsActivePort.
// Each action is logged to stderr with the seconds since the driver started.
'use strict';
const net = require('net');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const t0 = Date.now();
const log = (m) => process.stderr.write(`[cdp +${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function devtoolsAddress(dir) {
  const f = path.join(dir, 'DevToolsActivePort');
  for (let i = 0; i < 200; i++) {
    try {
      const [port, wsPath] = fs.readFileSync(f, 'utf8').split('\n');
      if (port && wsPath) return { port: Number(port), wsPath: wsPath.trim() };
    } catch (e) { /* not written yet */ }
    await sleep(100);
  }
  throw new Error('Chromium did not write ' + f);
}

function wsConnect(port, wsPath) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const key = crypto.randomBytes(16).toString('base64');
    let buf = Buffer.alloc(0);
    let open = false;
    let frag = [];
    const ws = { onmessage: null, onclose: null, send(text) {
      const payload = Buffer.from(text, 'utf8');
      const mask = crypto.randomBytes(4);
      let head;
      if (payload.length < 126) head = Buffer.from([0x81, 0x80 | payload.length]);
      else if (payload.length < 65536) { head = Buffer.alloc(4); head[0] = 0x81; head[1] = 0x80 | 126; head.writeUInt16BE(payload.length, 2); }
      else { head = Buffer.alloc(10); head[0] = 0x81; head[1] = 0x80 | 127; head.writeBigUInt64BE(BigInt(payload.length), 2); }
      const masked = Buffer.alloc(payload.length);
      for (let i = 0; i < payload.length; i++) masked[i] = payload[i] ^ mask[i & 3];
      sock.write(Buffer.concat([head, mask, masked]));
    }, end() { sock.destroy(); } };
    sock.on('connect', () => {
      sock.write(`GET ${wsPath} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    sock.on('error', (e) => { if (!open) reject(e); else if (ws.onclose) ws.onclose(e); });
    sock.on('close', () => { if (ws.onclose) ws.onclose(); });
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (!open) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.slice(0, end).toString();
        if (!/^HTTP\/1\.1 101/.test(head)) { reject(new Error('websocket upgrade refused: ' + head)); return; }
        buf = buf.slice(end + 4);
        open = true;
        resolve(ws);
      }
      for (;;) {
        if (buf.length < 2) return;
        const fin = buf[0] & 0x80, op = buf[0] & 0x0f;
        let len = buf[1] & 0x7f, off = 2;
        if (len === 126) { if (buf.length < 4) return; len = buf.readUInt16BE(2); off = 4; }
        else if (len === 127) { if (buf.length < 10) return; len = Number(buf.readBigUInt64BE(2)); off = 10; }
        if (buf[1] & 0x80) off += 4; // servers do not mask, but be safe
        if (buf.length < off + len) return;
        const payload = buf.slice(off, off + len);
        buf = buf.slice(off + len);
        if (op === 0x8) { sock.destroy(); return; }
        if (op === 0x1 || op === 0x2 || op === 0x0) {
          frag.push(payload);
          if (fin) { const msg = Buffer.concat(frag).toString('utf8'); frag = []; if (ws.onmessage) ws.onmessage(msg); }
        }
      }
    });
  });
}

async function main() {
  const [dir, ...actions] = process.argv.slice(2);
  if (!dir) { console.error('usage: cdp-drive.js USER_DATA_DIR ACTION...'); process.exit(2); }
  const { port, wsPath } = await devtoolsAddress(dir);
  const ws = await wsConnect(port, wsPath);
  let nextId = 1;
  const pending = new Map();
  let closed = false;
  ws.onclose = () => { closed = true; for (const [, p] of pending) p.resolve({}); pending.clear(); };
  ws.onmessage = (text) => {
    const m = JSON.parse(text);
    if (m.id && pending.has(m.id)) {
      const p = pending.get(m.id); pending.delete(m.id);
      if (m.error) p.reject(new Error(JSON.stringify(m.error))); else p.resolve(m.result);
    }
  };
  const call = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    if (closed) { resolve({}); return; }
    const id = nextId++;
    pending.set(id, { resolve, reject });
    ws.send(JSON.stringify(sessionId ? { id, method, params, sessionId } : { id, method, params }));
  });

  const { targetInfos } = await call('Target.getTargets');
  let page = targetInfos.find((t) => t.type === 'page');
  if (!page) {
    const { targetId } = await call('Target.createTarget', { url: 'about:blank' });
    page = { targetId };
  }
  const { sessionId } = await call('Target.attachToTarget', { targetId: page.targetId, flatten: true });
  await call('Page.enable', {}, sessionId);

  for (const a of actions) {
    if (a.startsWith('nav:')) {
      const url = a.slice(4);
      log('navigate ' + url);
      await call('Page.navigate', { url }, sessionId);
    } else if (a === 'reload') {
      log('reload (F5)');
      await call('Page.reload', { ignoreCache: false }, sessionId);
    } else if (a.startsWith('wait:')) {
      log('wait ' + a.slice(5) + ' s');
      await sleep(Number(a.slice(5)) * 1000);
    } else if (a === 'close') {
      log('close the browser');
      await call('Browser.close');
      await sleep(200);
    } else {
      throw new Error('unknown action ' + a);
    }
  }
  log('done');
  ws.end();
}

main().catch((e) => { log('error: ' + e.message); process.exit(1); });
