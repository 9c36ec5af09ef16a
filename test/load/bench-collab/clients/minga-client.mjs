// Minga's wire protocol spoken directly, as the other light clients speak theirs: one WebSocket carrying engine.io
// v4 (text "0{...}" open, "2"/"3" ping and pong) and socket.io packets encoded by socket.io-msgpack-parser's codec
// (notepack), each in one binary frame. Then `join` with an acknowledgement, and `y` / `saved` events.
// socket.io-client is not used here: it is built for applications, and with hundreds of connections in one
// process its per-packet layers (emitters, debug hooks, timers) made the generator, not the server, the bottleneck.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import notepack from 'notepack.io';
import WebSocket from 'ws';
import { LightClient } from './light-client.mjs';
import { readSyncMessage, toBuffer, writeEmptySyncStep1, writeUpdate } from '../lib/y-wire.mjs';

export const NAMESPACE = '/collab';
export const PACKET = { CONNECT: 0, EVENT: 2, ACK: 3, CONNECT_ERROR: 4 };
const JOIN_ACK_ID = 0;

export class MingaClient extends LightClient {
  connect() {
    const ws = new WebSocket(engineUrl(this.options.url), { perMessageDeflate: false });
    this.ws = ws;
    ws.on('message', (data, isBinary) => {
      if (!isBinary) return this.onEngineText(data.toString());
      const payload = yEventPayload(data);
      if (payload) this.onY(payload);
      else this.onPacket(notepack.decode(data));
    });
    ws.on('error', (err) => this.fail(new Error(`connect ${this.docName}: ${err.message}`)));
    ws.on('close', (code) => this.fail(new Error(`disconnected: ${code}`)));
  }

  onEngineText(text) {
    if (text.startsWith('0')) {
      // engine.io is open: connect to the namespace with the access token.
      this.sendPacket({ type: PACKET.CONNECT, nsp: NAMESPACE, data: { token: this.options.token } });
    } else if (text === '2') {
      this.ws.send('3');
    }
  }

  onPacket(packet) {
    if (packet.nsp !== NAMESPACE) return;
    switch (packet.type) {
      case PACKET.CONNECT:
        this.times.opened = performance.now();
        this.times.joined = this.times.opened;
        this.sendPacket({ type: PACKET.EVENT, nsp: NAMESPACE, data: ['join', this.docName], id: JOIN_ACK_ID });
        return;
      case PACKET.CONNECT_ERROR:
        return this.fail(new Error(`connect ${this.docName}: ${packet.data?.message}`));
      case PACKET.ACK: {
        const [result] = packet.data;
        if (!result?.ok) return this.fail(new Error(`join ${this.docName}: ${result?.error?.code} ${result?.error?.message}`));
        const encoder = encoding.createEncoder();
        writeEmptySyncStep1(encoder);
        this.emit('y', toBuffer(encoder));
        return;
      }
      case PACKET.EVENT: {
        const [event, , payload] = packet.data;
        if (event === 'y') {
          this.onY(payload);
        } else if (event === 'saved') {
          this.options.onSaved?.(payload, performance.now());
        } else if (event === 'collab-error') {
          const error = packet.data[1];
          this.serverErrors.push(`${error.code}: ${error.message}`);
        }
      }
    }
  }

  onY(payload) {
    const message = readSyncMessage(decoding.createDecoder(payload));
    if (message?.update) this.received(message.syncType, message.update);
  }

  emit(event, payload) {
    this.sendPacket({ type: PACKET.EVENT, nsp: NAMESPACE, data: [event, this.docName, payload] });
  }

  sendPacket(packet) {
    this.ws.send(notepack.encode(packet), { binary: true });
  }

  send(update) {
    const encoder = encoding.createEncoder();
    writeUpdate(encoder, update);
    this.emit('y', toBuffer(encoder));
  }

  close() {
    this.closing = true;
    this.ws?.close();
  }
}

/** The engine.io v4 WebSocket address of a Minga server (http://host:port). */
export function engineUrl(url) {
  return `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
}

// Bytes of the msgpack keys and values a `y` event packet holds (socket.io-msgpack-parser encodes packets with notepack).
const KEY_TYPE = Buffer.from([0xa4, ...Buffer.from('type')]);
const KEY_NSP = Buffer.from([0xa3, ...Buffer.from('nsp')]);
const KEY_DATA = Buffer.from([0xa4, ...Buffer.from('data')]);
const NSP_VALUE = Buffer.from([0xa0 | NAMESPACE.length, ...Buffer.from(NAMESPACE)]);
const Y_EVENT = [0x93, 0xa1, 0x79]; // fixarray of 3, fixstr "y"

/**
 * The Yjs message of a `y` event packet (`{type: 2, nsp: '/collab', data: ['y', docName, <bin>]}`, keys in any
 * order), located without decoding the packet's strings; null for anything else, which then goes through notepack.
 * With 200 clients in one process, decoding every packet whole made the generator's reading of a broadcast slower
 * than the server's writing of it, and the benchmark counted that as Minga's latency (y-websocket's light client
 * reads bare y-protocols messages).
 */
export function yEventPayload(buf) {
  if (buf.length < 32 || buf[0] !== 0x83) return null;
  let at = 1;
  let payload = null;
  let sawType = false;
  let sawNsp = false;
  for (let key = 0; key < 3; key++) {
    if (startsWith(buf, at, KEY_TYPE)) {
      if (buf[at + KEY_TYPE.length] !== PACKET.EVENT) return null;
      at += KEY_TYPE.length + 1;
      sawType = true;
    } else if (startsWith(buf, at, KEY_NSP)) {
      if (!startsWith(buf, at + KEY_NSP.length, NSP_VALUE)) return null;
      at += KEY_NSP.length + NSP_VALUE.length;
      sawNsp = true;
    } else if (startsWith(buf, at, KEY_DATA)) {
      at += KEY_DATA.length;
      if (buf[at] !== Y_EVENT[0] || buf[at + 1] !== Y_EVENT[1] || buf[at + 2] !== Y_EVENT[2]) return null;
      at += 3;
      // The document name: fixstr or str8.
      if ((buf[at] & 0xe0) === 0xa0) at += 1 + (buf[at] & 0x1f);
      else if (buf[at] === 0xd9) at += 2 + buf[at + 1];
      else return null;
      // The message: bin8, bin16 or bin32.
      const marker = buf[at];
      const lengthBytes = marker === 0xc4 ? 1 : marker === 0xc5 ? 2 : marker === 0xc6 ? 4 : 0;
      if (!lengthBytes || at + 1 + lengthBytes > buf.length) return null;
      const length = buf.readUIntBE(at + 1, lengthBytes);
      at += 1 + lengthBytes;
      if (at + length > buf.length) return null;
      payload = buf.subarray(at, at + length);
      at += length;
    } else {
      return null;
    }
  }
  return sawType && sawNsp && payload && at === buf.length ? payload : null;
}

function startsWith(buf, at, bytes) {
  if (at + bytes.length > buf.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[at + i] !== bytes[i]) return false;
  return true;
}
