/**
 * The reference relay for the bench: @y/websocket-server 0.1.1's own connection handler
 * (`setupWSConnection`, in-memory docs, no storage) behind the same `ws` 8 and Node http
 * server as ours, so the comparison measures the relays, not two websocket libraries.
 * (The package's bin pins `ws` 6; `BENCH_REFERENCE_BIN=1` runs that instead.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const server = http.createServer((_req, res) => res.end('okay'));
wss.on('connection', setupWSConnection);
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(0, '127.0.0.1', () => {
  console.log(`running at '127.0.0.1' on port ${(server.address() as AddressInfo).port}`);
});
