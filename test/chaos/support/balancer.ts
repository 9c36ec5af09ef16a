// A round-robin TCP balancer on loopback, as nginx in front of several instances: each new connection goes to the
// next instance that accepts it; a killed instance's connections close, and their clients reconnect elsewhere.
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export class Balancer {
  private server: Server | null = null;
  private readonly backends = new Map<string, number>();
  private readonly open = new Set<Socket>();
  private turn = 0;

  async start(): Promise<number> {
    const server = createServer((client) => this.forward(client, [...this.backends.values()], 0));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  /** Sends new connections to `name` at `port` (null: not any more). */
  set(name: string, port: number | null): void {
    if (port === null) this.backends.delete(name);
    else this.backends.set(name, port);
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Tries each instance once, starting with the next in turn; with none answering, the client is reset. */
  private forward(client: Socket, ports: number[], tried: number): void {
    if (tried >= ports.length) {
      client.resetAndDestroy();
      return;
    }
    const port = ports[this.turn++ % ports.length];
    client.pause();
    const upstream = connect(port, '127.0.0.1');
    upstream.once('error', () => {
      upstream.destroy();
      if (!client.destroyed) this.forward(client, ports, tried + 1);
    });
    upstream.once('connect', () => {
      upstream.removeAllListeners('error');
      this.open.add(client);
      this.open.add(upstream);
      client.pipe(upstream).pipe(client);
      client.resume();
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.open.delete(client);
        this.open.delete(upstream);
      };
      for (const socket of [client, upstream]) {
        socket.on('error', end);
        socket.on('close', end);
      }
    });
  }
}
