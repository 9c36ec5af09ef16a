// Full clients: a live Y.Doc behind the server's own provider, as an editor holds one. Minga's SocketIOProvider
// comes from libs/collab, bundled at the start of the run (lib/collab-bundle.mjs) and handed in as `collab`.
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';

// Each y-websocket provider adds a process 'exit' listener (to drop its awareness state): hundreds are expected here.
process.setMaxListeners(0);

const PROVIDERS = {
  minga(client, { url, token, docName, doc, collab }) {
    const provider = new collab.SocketIOProvider(url, docName, doc, { token });
    provider.on('sync', (synced) => synced && client.synced());
    provider.on('status', ({ status }) => client.status(status === 'connected'));
    provider.on('collab-error', (error) => client.serverErrors.push(`${error.code}: ${error.message}`));
    // The provider only counts what is pending; the state vector of `saved` says which updates it covers.
    if (client.onSaved) provider.socket.on('saved', (_docName, stateVector) => client.onSaved(stateVector, performance.now()));
    return provider;
  },
  hocuspocus(client, { url, token, docName, doc }) {
    return new HocuspocusProvider({
      url: url.replace(/^http/, 'ws'),
      name: docName,
      document: doc,
      token,
      // Node 20 has no WebSocket of its own; the provider hands this option to the socket it creates.
      WebSocketPolyfill: WebSocket,
      onSynced: ({ state }) => state && client.synced(),
      onStatus: ({ status }) => client.status(status === 'connected'),
      onAuthenticationFailed: ({ reason }) => client.serverErrors.push(`authentication failed: ${reason}`),
    });
  },
  'y-websocket'(client, { url, docName, doc }) {
    // Without disableBc the providers of one document in this process would exchange updates through a
    // BroadcastChannel, past the server.
    const provider = new WebsocketProvider(url.replace(/^http/, 'ws'), docName, doc, { WebSocketPolyfill: WebSocket, disableBc: true });
    provider.on('sync', (synced) => synced && client.synced());
    provider.on('status', ({ status }) => client.status(status === 'connected'));
    return provider;
  },
};

export class FullClient {
  /**
   * @param {object} options
   * @param {string} options.server minga, hocuspocus or y-websocket
   * @param {string} options.url server base URL (http://host:port)
   * @param {string} options.token
   * @param {string} options.docName
   * @param {import('yjs').Doc} options.doc
   * @param {object} [options.collab] the libs/collab bundle (Minga)
   * @param {(stateVector: Uint8Array, now: number) => void} [options.onSaved] Minga's durable-state acknowledgements
   */
  constructor(options) {
    this.options = options;
    this.onSaved = options.onSaved;
    this.serverErrors = [];
    this.lostConnection = false;
    this.wasConnected = false;
    this.closing = false;
    this.settle = null;
  }

  /** Connects and resolves once the provider says the document is synced. */
  open(timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.options.docName}: not synced within ${timeoutMs} ms`)), timeoutMs);
      this.settle = () => {
        clearTimeout(timer);
        this.settle = null;
        resolve();
      };
      this.provider = PROVIDERS[this.options.server](this, this.options);
    });
  }

  synced() {
    this.settle?.();
  }

  status(connected) {
    if (connected) this.wasConnected = true;
    else if (this.wasConnected && !this.closing) this.lostConnection = true;
  }

  close() {
    this.closing = true;
    this.provider?.destroy();
  }
}
