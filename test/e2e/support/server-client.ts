// Talking to a Minga server child process from a browser-free spec: its REST API, and waiting for a condition.
import type { RunningServer } from './minga-server';

/** A JSON call to the server's API (with a bearer token when given); any answer but 2xx throws with its body. */
export async function api<T>(server: RunningServer, path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const res = await fetch(`${server.baseUrl}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Resolves once `check` holds, polling every 10 ms; throws after `timeoutMs`. */
export async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
