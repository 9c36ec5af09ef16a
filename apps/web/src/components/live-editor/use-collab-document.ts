// A live document: a Y.Doc, its offline cache in IndexedDB and the socket.io provider, made and destroyed together.
import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { SocketIOProvider } from '@minga/collab';
import { DOC_FRAGMENT } from '@minga/editor';
import { apiClient } from '../../lib/api-client';

/** How long the offline cache may take to open before the document is loaded from the server alone. */
const CACHE_WAIT_MS = 3_000;

export interface CollabDocument {
  ydoc: Y.Doc;
  provider: SocketIOProvider;
  /** Whether this browser's cache held the document, so it can be shown before the server answers. */
  cachedContent: boolean;
}

export function useCollabDocument(docName: string): CollabDocument | null {
  const [collab, setCollab] = useState<CollabDocument | null>(null);

  useEffect(() => {
    let cancelled = false;
    let provider: SocketIOProvider | null = null;
    const ydoc = new Y.Doc();
    const cache = openCache(docName, ydoc);

    // The provider counts every change it did not receive as a local one waiting for the server, so it starts after
    // the cache is read: otherwise reading the cache would show as unsaved changes that no save ever confirms.
    void cacheLoaded(cache).then(() => {
      if (cancelled) return;
      provider = new SocketIOProvider(window.location.origin, docName, ydoc, {
        token: () => apiClient.currentAccessToken() ?? '',
      });
      setCollab({ ydoc, provider, cachedContent: ydoc.getXmlFragment(DOC_FRAGMENT).length > 0 });
    });

    return () => {
      cancelled = true;
      setCollab(null);
      provider?.destroy();
      void cache?.destroy();
      ydoc.destroy();
    };
  }, [docName]);

  return collab;
}

// IndexedDB is missing in some private windows and locked-down browsers; the document then works online only.
function openCache(docName: string, ydoc: Y.Doc): IndexeddbPersistence | null {
  try {
    return new IndexeddbPersistence(docName, ydoc);
  } catch {
    return null;
  }
}

function cacheLoaded(cache: IndexeddbPersistence | null): Promise<void> {
  if (!cache) return Promise.resolve();
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, CACHE_WAIT_MS));
  return Promise.race([
    cache.whenSynced.then(
      () => undefined,
      () => undefined,
    ),
    timeout,
  ]);
}
