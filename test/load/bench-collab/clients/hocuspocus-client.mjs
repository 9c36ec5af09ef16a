// Hocuspocus's framing: every message starts with the document name (varString); the first one for a document
// is an authentication message (type 2, Token 0, token string), then y-protocols sync messages follow as usual.
// Hocuspocus answers updates with a SyncStatus (type 8) and sends the document's own step 1; both are ignored.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { LightClient } from './light-client.mjs';
import { readSyncMessage, writeEmptySyncStep1, writeUpdate } from '../lib/y-wire.mjs';

const MESSAGE_AUTH = 2;
const AUTH_TOKEN = 0;
const AUTH_PERMISSION_DENIED = 1;

export class HocuspocusClient extends LightClient {
  connect() {
    const ws = new WebSocket(this.options.url.replace(/^http/, 'ws'), { perMessageDeflate: false });
    this.ws = ws;
    ws.on('open', () => {
      this.times.opened = performance.now();
      this.times.joined = this.times.opened;
      const auth = encoding.createEncoder();
      encoding.writeVarString(auth, this.docName);
      encoding.writeVarUint(auth, MESSAGE_AUTH);
      encoding.writeVarUint(auth, AUTH_TOKEN);
      encoding.writeVarString(auth, this.options.token ?? '');
      ws.send(encoding.toUint8Array(auth));
      const step1 = encoding.createEncoder();
      encoding.writeVarString(step1, this.docName);
      writeEmptySyncStep1(step1);
      ws.send(encoding.toUint8Array(step1));
    });
    ws.on('message', (data) => {
      const decoder = decoding.createDecoder(data);
      decoding.readVarString(decoder);
      const start = decoder.pos;
      if (decoding.readVarUint(decoder) === MESSAGE_AUTH && decoding.readVarUint(decoder) === AUTH_PERMISSION_DENIED) {
        return this.fail(new Error(`permission denied for ${this.docName}`));
      }
      decoder.pos = start;
      const message = readSyncMessage(decoder);
      if (message?.update) this.received(message.syncType, message.update);
    });
    ws.on('error', (err) => this.fail(err));
    ws.on('close', (code) => this.fail(new Error(`closed: ${code}`)));
  }

  send(update) {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.docName);
    writeUpdate(encoder, update);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  close() {
    this.closing = true;
    this.ws?.close();
  }
}
