import type { E2eState } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { mingaE2e?: E2eState }).mingaE2e;
  if (!state) return;
  await state.server.stop();
  await state.dropDatabase?.();
}
