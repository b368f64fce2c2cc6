// SPDX-License-Identifier: GPL-2.0-or-later
// Plain Node.js `http` static server for the lab page (no npm modules).
// Node's defaults are kept on purpose: keepAliveTimeout = 5000 ms, so every response says
// "Connection: keep-alive" + "Keep-Alive: timeout=5" and the server closes a connection
// that stays idle for about 5 s after a response (the server sends the first FIN).
// Usage: node lab-node-static.js ROOT PORT [HOST]
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');

const [root, port, host = '127.0.0.1'] = process.argv.slice(2);
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.png': 'image/png',
                '.wav': 'audio/wav' };

const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p === '/') p = '/index.html';
  const file = path.join(root, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) { res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('not found\n'); return; }
    const headers = { 'Content-Type': types[path.extname(file)] || 'application/octet-stream',
                      'Last-Modified': st.mtime.toUTCString(), 'Accept-Ranges': 'bytes' };
    const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || '');
    if (m && (m[1] !== '' || m[2] !== '')) {
      let start = m[1] === '' ? st.size - Number(m[2]) : Number(m[1]);
      let end = m[1] === '' || m[2] === '' ? st.size - 1 : Math.min(Number(m[2]), st.size - 1);
      if (start < 0) start = 0;
      if (start > end || start >= st.size) {
        res.writeHead(416, { 'Content-Range': `bytes */${st.size}` }); res.end(); return;
      }
      headers['Content-Range'] = `bytes ${start}-${end}/${st.size}`;
      headers['Content-Length'] = end - start + 1;
      res.writeHead(206, headers);
      fs.createReadStream(file, { start, end }).pipe(res);
    } else {
      headers['Content-Length'] = st.size;
      res.writeHead(200, headers);
      fs.createReadStream(file).pipe(res);
    }
  });
});
server.listen(Number(port), host, () => console.error(`node ${process.version} serving ${root} on ${host}:${port}, keepAliveTimeout=${server.keepAliveTimeout} ms`));
