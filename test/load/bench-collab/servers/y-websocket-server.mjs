// The y-websocket reference server (y-websocket 1.5.4's bin/utils.js setupWSConnection on `ws`), in memory,
// set up as its own bin/server.js does. Usage: node y-websocket-server.mjs <port>
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { WebSocketServer } from 'ws';

const { setupWSConnection } = createRequire(import.meta.url)('y-websocket/bin/utils');
const port = Number(process.argv[2]);

const http = createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
http.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
http.listen(port, '127.0.0.1', () => process.send?.({ type: 'ready', port }));
process.on('SIGTERM', () => process.exit(0));
