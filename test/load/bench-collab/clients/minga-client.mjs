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

const NAMESPACE = '/collab';
const PACKET = { CONNECT: 0, EVENT: 2, ACK: 3, CONNECT_ERROR: 4 };
const JOIN_ACK_ID = 0;

export class MingaClient extends LightClient {
  connect() {
    const url = `${this.options.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws = ws;
    ws.on('message', (data, isBinary) => (isBinary ? this.onPacket(notepack.decode(data)) : this.onEngineText(data.toString())));
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
          const message = readSyncMessage(decoding.createDecoder(payload));
          if (message?.update) this.received(message.syncType, message.update);
        } else if (event === 'saved') {
          this.options.onSaved?.(payload, performance.now());
        } else if (event === 'collab-error') {
          const error = packet.data[1];
          this.serverErrors.push(`${error.code}: ${error.message}`);
        }
      }
    }
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
