// The draft's collaboration connection as a source of thread events.
import type { SocketIOProvider } from '@minga/collab';
import type { LiveSource } from './use-live-threads';

const sources = new WeakMap<SocketIOProvider, LiveSource>();

/** One source per connection, so hooks that depend on it do not resubscribe on every render. */
export function liveSourceOf(provider: SocketIOProvider): LiveSource {
  let source = sources.get(provider);
  if (!source) {
    source = {
      on(event, listener) {
        provider.socket.on(event, listener);
        return () => void provider.socket.off(event, listener);
      },
      onReconnect(listener) {
        // Only a connection that was lost and came back can have missed events; the first one has not.
        let connected = provider.status === 'connected';
        let dropped = false;
        const onStatus = ({ status }: { status: string }) => {
          if (status === 'connected') {
            if (dropped) listener();
            dropped = false;
            connected = true;
          } else if (connected) {
            dropped = true;
            connected = false;
          }
        };
        provider.on('status', onStatus);
        return () => provider.off('status', onStatus);
      },
    };
    sources.set(provider, source);
  }
  return source;
}
