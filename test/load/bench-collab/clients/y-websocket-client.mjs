// The y-websocket reference protocol: one WebSocket per document, its name in the URL path, bare y-protocols messages.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { LightClient } from './light-client.mjs';
import { readSyncMessage, writeEmptySyncStep1, writeUpdate } from '../lib/y-wire.mjs';

export class YWebsocketClient extends LightClient {
  connect() {
    const ws = new WebSocket(`${this.options.url.replace(/^http/, 'ws')}/${this.docName}`, { perMessageDeflate: false });
    this.ws = ws;
    ws.on('open', () => {
      this.times.opened = performance.now();
      this.times.joined = this.times.opened;
      const encoder = encoding.createEncoder();
      writeEmptySyncStep1(encoder);
      ws.send(encoding.toUint8Array(encoder));
    });
    ws.on('message', (data) => {
      const message = readSyncMessage(decoding.createDecoder(data));
      if (message?.update) this.received(message.syncType, message.update);
    });
    ws.on('error', (err) => this.fail(err));
    ws.on('close', (code) => this.fail(new Error(`closed: ${code}`)));
  }

  send(update) {
    const encoder = encoding.createEncoder();
    writeUpdate(encoder, update);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  close() {
    this.closing = true;
    this.ws?.close();
  }
}
