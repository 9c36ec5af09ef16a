// A loopback TCP proxy that a test can cut and restore, to play a peer (the database) going away and coming back.
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * Usage: `const port = await proxy.start('127.0.0.1', 5432)`, point the client at 127.0.0.1:port, then `cut()`,
 * `restore()`, and `close()` at the end. While cut, every connection that was open is destroyed and new ones are
 * reset as soon as they arrive, as a stopped server does; `cut({ silent: true })` instead accepts new connections
 * and never answers them, as a server behind a network that drops packets (only the client's timeouts end them).
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly open = new Set<Socket>();
  private cutMode: 'reset' | 'silent' | null = null;
  private delayMs = 0;

  /** Listens on an ephemeral loopback port and forwards every connection to the target; resolves to that port. */
  async start(targetHost: string, targetPort: number): Promise<number> {
    if (this.server) throw new Error('The proxy is already started');
    const server = createServer((client) => this.forward(client, targetHost, targetPort));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  /** Holds everything clients send for `ms` before forwarding it (0: not any more), as a slow network would. */
  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  /** Destroys every open connection (both sides) and refuses new ones until restore(). */
  cut({ silent = false }: { silent?: boolean } = {}): void {
    this.cutMode = silent ? 'silent' : 'reset';
    this.destroyOpen();
  }

  /** Forwards new connections again; those cut, and those a silent cut held, stay closed, as after a real outage. */
  restore(): void {
    // Only a silent cut holds connections; any other open one is a live, forwarded connection.
    if (this.cutMode === 'silent') this.destroyOpen();
    this.cutMode = null;
  }

  async close(): Promise<void> {
    this.cut();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private forward(client: Socket, targetHost: string, targetPort: number): void {
    if (this.cutMode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    if (this.cutMode === 'silent') {
      this.open.add(client);
      client.on('error', () => undefined);
      client.on('close', () => this.open.delete(client));
      return;
    }
    const upstream = connect(targetPort, targetHost);
    for (const [socket, peer] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.open.add(socket);
      // An error on one side (a reset, the target refusing) ends both, as one connection would.
      socket.on('error', () => peer.destroy());
      socket.on('close', () => {
        this.open.delete(socket);
        peer.destroy();
      });
    }
    // What the client sends may be held back (`setDelay`), in order; answers come back at once.
    let releaseAt = 0;
    client.on('data', (chunk: Buffer) => {
      if (this.delayMs <= 0 && releaseAt <= Date.now()) {
        upstream.write(chunk);
        return;
      }
      releaseAt = Math.max(Date.now() + this.delayMs, releaseAt);
      setTimeout(() => upstream.writable && upstream.write(chunk), releaseAt - Date.now());
    });
    client.on('end', () => upstream.end());
    upstream.pipe(client);
  }

  private destroyOpen(): void {
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }
}
