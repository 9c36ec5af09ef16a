// Whether a client's update would integrate completely into a live document, decided before it touches it.
import * as Y from 'yjs';

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Why `update` would not integrate completely into `doc` as it is now, or null when it would.
 *
 * Yjs integrates what it can of an update: a struct whose dependency is missing is left pending (for good, when the
 * dependency never comes), and a reference to a struct of the writer's own client that does not exist throws halfway
 * through, after the structs before it were integrated. A server that relays or acknowledges such an update spreads
 * text that can never be stored consistently. This replays Yjs's dependency resolution on clocks alone (no document
 * is touched, O(structs)): each client's structs must continue what the document has, every origin, right origin and
 * parent must exist in the document or earlier in the update (across clients in some order, as Yjs's stack finds
 * one), and every deletion must name structs that will then exist.
 */
export function integrityProblem(doc: Y.Doc, update: DecodedUpdate): string | null {
  const structsByClient = new Map<number, (Y.Item | Y.GC)[]>();
  for (const struct of update.structs) {
    // A Skip marks a gap inside the update: Yjs parks everything after it as pending.
    if (struct instanceof Y.Skip) return 'the update has a gap';
    const list = structsByClient.get(struct.id.client);
    if (list) list.push(struct);
    else structsByClient.set(struct.id.client, [struct as Y.Item | Y.GC]);
  }

  const known = new Map<number, number>();
  const stateOf = (client: number): number => {
    let clock = known.get(client);
    if (clock === undefined) {
      clock = Y.getState(doc.store, client);
      known.set(client, clock);
    }
    return clock;
  };

  let remaining = 0;
  for (const [client, structs] of structsByClient) {
    const [first] = structs;
    if (!first) continue; // never: each list starts with the struct that created it
    let expected = first.id.clock;
    if (expected > stateOf(client)) return 'the update continues changes the document does not have';
    for (const struct of structs) {
      if (struct.id.clock !== expected) return 'the update has a gap';
      expected += struct.length;
    }
    remaining += structs.length;
  }

  const next = new Map<number, number>();
  let progress = true;
  while (remaining > 0 && progress) {
    progress = false;
    for (const [client, structs] of structsByClient) {
      let i = next.get(client) ?? 0;
      for (; i < structs.length; i++) {
        const struct = structs[i];
        if (!struct) break; // never: i < structs.length
        const state = stateOf(client);
        if (struct instanceof Y.Item) {
          const blocked = blockedBy(struct, state, stateOf);
          if (blocked === 'invalid') return 'the update refers to a change of its own writer that does not exist';
          if (blocked) break;
        }
        known.set(client, Math.max(state, struct.id.clock + struct.length));
        remaining -= 1;
        progress = true;
      }
      next.set(client, i);
    }
  }
  if (remaining > 0) return 'the update depends on changes the document does not have';

  for (const [client, ranges] of update.ds.clients) {
    const state = stateOf(client);
    for (const range of ranges) if (range.clock + range.len > state) return 'the update deletes text the document does not have';
  }
  return null;
}

/** Whether an item can be integrated now: true when it waits for another client's struct, 'invalid' when it never can. */
function blockedBy(item: Y.Item, ownState: number, stateOf: (client: number) => number): boolean | 'invalid' {
  const client = item.id.client;
  const parent = item.parent instanceof Y.ID ? item.parent : null;
  for (const ref of [item.origin, item.rightOrigin, parent]) {
    if (!ref) continue;
    if (ref.client === client) {
      // Yjs integrates one client's structs in clock order and looks its own references up without waiting.
      if (ref.clock >= ownState) return 'invalid';
    } else if (ref.clock >= stateOf(ref.client)) {
      return true;
    }
  }
  return false;
}
