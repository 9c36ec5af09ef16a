/** A stay in the room: open (null `leftAt`) while the person is still there. */
interface Stay {
  joinedAt: Date;
  leftAt: Date | null;
}

/**
 * Whole minutes a person was present: the union of their stays (overlapping stays, e.g. two instances that each
 * recorded one, count once), an open stay counting up to `now`.
 */
export function minutesPresent(stays: readonly Stay[], now: Date): number {
  const intervals = stays
    .map((s) => [s.joinedAt.getTime(), Math.max(s.joinedAt.getTime(), (s.leftAt ?? now).getTime())] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let start = -Infinity;
  let end = -Infinity;
  for (const [from, to] of intervals) {
    if (from > end) {
      if (end > start) total += end - start;
      start = from;
      end = to;
    } else if (to > end) {
      end = to;
    }
  }
  if (end > start) total += end - start;
  return Math.floor(total / 60_000);
}
