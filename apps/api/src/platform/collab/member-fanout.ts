import type { Namespace, Socket } from 'socket.io';
import { COLLAB_EVENTS } from '@minga/contracts';
import { broadcastPrebuilt, prebuildEvent, sendPrebuilt } from '../realtime/prebuilt-broadcast';
import type { LiveDocument } from './live-document';
import { syncStep2FromUpdate, syncStep2Message } from './y-messages';

/**
 * Sending to a document's members on this instance. Every message is encoded and framed once for all recipients
 * (see prebuilt-broadcast): the per-recipient send path is where the server's time goes with hundreds of people.
 */
export class MemberFanout {
  /** Set by the gateway once socket.io is up; nothing is sent before. */
  private namespace: Namespace | null = null;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  /** One y-protocols message to every member of a document, except the connection it came from. */
  broadcast(live: LiveDocument, message: Buffer, except: Socket | null): void {
    if (!this.namespace) return;
    const recipients: Socket[] = [];
    for (const member of live.members.values()) if (member.socket !== except) recipients.push(member.socket);
    broadcastPrebuilt(this.namespace, recipients, COLLAB_EVENTS.y, live.name, message);
  }

  /** A JSON event (comments, suggestions) to this instance's members of the document, if it is open here. */
  emitToLocalMembers(live: LiveDocument | undefined, event: string, args: unknown[]): void {
    if (!live || !this.namespace || live.members.size === 0) return;
    broadcastPrebuilt(
      this.namespace,
      [...live.members.values()].map((member) => member.socket),
      event,
      ...args,
    );
  }

  /**
   * Answers a client's sync step 1 and returns how many bytes that sent. Clients that have nothing (a fresh tab, a
   * reconnect after a long time, and any flood of 4-byte requests) all get the whole document: encoded, framed and
   * written from one buffer per change of the document, so a repeated ask costs no copy of it.
   */
  sendSyncAnswer(live: LiveDocument, socket: Socket, stateVector: Uint8Array): number {
    const hasNothing = stateVector.byteLength === 1 && stateVector[0] === 0;
    if (!hasNothing || !this.namespace) {
      const answer = syncStep2Message(live.doc, hasNothing ? undefined : stateVector);
      socket.emit(COLLAB_EVENTS.y, live.name, answer);
      return answer.byteLength;
    }
    if (!live.wholeStateAnswer) {
      const answer = live.loadedState ? syncStep2FromUpdate(live.loadedState) : syncStep2Message(live.doc);
      live.wholeStateAnswer = prebuildEvent(this.namespace, COLLAB_EVENTS.y, live.name, answer);
    }
    sendPrebuilt(socket, live.wholeStateAnswer);
    return live.wholeStateAnswer.byteLength;
  }
}
