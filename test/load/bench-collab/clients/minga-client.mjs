// Minga's wire protocol: socket.io on /collab with the msgpack parser, join(docName, ack), `y` and `saved` events.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { io } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import { LightClient } from './light-client.mjs';
import { readSyncMessage, toBuffer, writeEmptySyncStep1, writeUpdate } from '../lib/y-wire.mjs';

export class MingaClient extends LightClient {
  connect() {
    const socket = io(`${this.options.url}/collab`, {
      auth: { token: this.options.token },
      parser: msgpackParser,
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 30_000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.times.opened = performance.now();
      this.times.joined = this.times.opened;
      socket.emit('join', this.docName, (result) => {
        if (!result?.ok) return this.fail(new Error(`join ${this.docName}: ${result?.error?.code} ${result?.error?.message}`));
        const encoder = encoding.createEncoder();
        writeEmptySyncStep1(encoder);
        socket.emit('y', this.docName, toBuffer(encoder));
      });
    });
    socket.on('y', (docName, payload) => {
      const message = readSyncMessage(decoding.createDecoder(payload));
      if (message?.update) this.received(message.syncType, message.update);
    });
    socket.on('saved', (docName, stateVector) => this.options.onSaved?.(stateVector, performance.now()));
    socket.on('collab-error', (error) => this.serverErrors.push(`${error.code}: ${error.message}`));
    socket.on('connect_error', (err) => this.fail(new Error(`connect ${this.docName}: ${err.message}`)));
    socket.on('disconnect', (reason) => this.fail(new Error(`disconnected: ${reason}`)));
  }

  send(update) {
    const encoder = encoding.createEncoder();
    writeUpdate(encoder, update);
    this.socket.emit('y', this.docName, toBuffer(encoder));
  }

  close() {
    this.closing = true;
    this.socket?.disconnect();
  }
}
