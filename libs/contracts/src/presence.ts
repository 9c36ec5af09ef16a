// Who a presence entry (a Yjs awareness state) belongs to: set by the server from the connection, never by a client.
/**
 * Caret and presence colours: each dark enough for white text (at least 6.6:1) and for a caret line on white,
 * so a name label stays readable whatever colour a person gets.
 */
export const USER_COLORS = [
  '#1f4e8c',
  '#8a3b12',
  '#1d6537',
  '#6b2c91',
  '#a4262c',
  '#00606b',
  '#7a5200',
  '#a0306e',
  '#3d5c00',
  '#4b4fa6',
] as const;

/** The same person gets the same colour in every tab and on every device (FNV-1a of the user id). */
export function userColor(userId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // The index is a remainder of the list's length, so always in range; the fallback only satisfies the compiler.
  return USER_COLORS[(hash >>> 0) % USER_COLORS.length] ?? USER_COLORS[0];
}

/** The `user` field of every presence state the server relays: the connection's person, whatever the client wrote. */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

export function presenceUserOf(person: { id: string; name: string }): PresenceUser {
  return { id: person.id, name: person.name, color: userColor(person.id) };
}
