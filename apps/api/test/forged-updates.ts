// Yjs updates no well-behaved editor sends, built from real ones: for tests of what the server refuses.
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { Y_MESSAGE_SYNC } from '@minga/contracts';
import { DOC_FRAGMENT } from '@minga/editor';
import { itemAt } from './item-at';

/** Encodes structs (grouped per client, in clock order) as a Yjs v1 update with an empty delete set. */
export function encodeStructs(structs: (Y.Item | Y.GC)[]): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const byClient = new Map<number, (Y.Item | Y.GC)[]>();
  for (const struct of structs) byClient.set(struct.id.client, [...(byClient.get(struct.id.client) ?? []), struct]);
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, itemAt(list).id.clock);
    for (const struct of list) struct.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}

/** A y-protocols update message around a Yjs update. */
export function updateMessage(update: Uint8Array): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return Buffer.from(encoding.toUint8Array(encoder));
}

/**
 * A paragraph with `text` that decodes and integrates, followed by a second paragraph of the same writer whose
 * left neighbour is a change of that writer that does not exist: Yjs applies the first and throws on the second.
 */
export function halfValidUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(DOC_FRAGMENT);
  const paragraph = (content: string) => {
    const element = new Y.XmlElement('paragraph');
    element.insert(0, [new Y.XmlText(content)]);
    return element;
  };
  fragment.insert(0, [paragraph(text)]);
  fragment.insert(1, [paragraph('never integrates')]);
  const { structs } = Y.decodeUpdate(Y.encodeStateAsUpdate(doc));
  const second = structs.find(
    (s): s is Y.Item => s instanceof Y.Item && s.origin !== null && s.origin.clock === 0 && s.content instanceof Y.ContentType,
  );
  if (!second) throw new Error('no second paragraph to forge');
  second.origin = Y.createID(doc.clientID, 100_000);
  return encodeStructs(structs as (Y.Item | Y.GC)[]);
}
