// The composer shows a mention as "@Name"; the API reads it as "@[Name](userId)". These turn one into the other.
import { MENTION_PATTERN } from '@minga/contracts';

/** People picked in the composer, by the name shown after "@". */
export type ChosenMentions = Map<string, string>;

export function toWireBody(text: string, chosen: ChosenMentions): string {
  // Longest names first, so "@Ana María" is not taken for "@Ana".
  const names = [...chosen.keys()].sort((a, b) => b.length - a.length);
  if (names.length === 0) return text;
  const pattern = new RegExp(`@(${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  return text.replace(pattern, (_match, name: string) => `@[${name}](${chosen.get(name)})`);
}

export function toDisplayBody(body: string): { text: string; chosen: ChosenMentions } {
  const chosen: ChosenMentions = new Map();
  const text = body.replace(new RegExp(MENTION_PATTERN.source, 'gi'), (_match, name: string, id: string) => {
    chosen.set(name, id);
    return `@${name}`;
  });
  return { text, chosen };
}

export interface MentionQuery {
  /** Where the "@" is. */
  start: number;
  /** What was typed after it, up to the caret. */
  text: string;
}

/**
 * The mention being typed at the caret: an "@" at the start or after a space, followed by up to 40 characters of one
 * line; none once the text after the "@" is a person already chosen (names have spaces, so a space does not end it).
 */
export function mentionQueryAt(text: string, caret: number, chosen: ChosenMentions = new Map()): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1) return null;
  if (at > 0 && !/\s|\(/.test(before.charAt(at - 1))) return null;
  const typed = before.slice(at + 1);
  if (typed.length > 40 || /[\n@[\]]/.test(typed) || typed.startsWith(' ')) return null;
  for (const name of chosen.keys()) if (typed === name || typed.startsWith(`${name} `)) return null;
  return { start: at, text: typed };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
