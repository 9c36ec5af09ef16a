/** `items[index]` (the first by default), failing the test with a clear message when there is no such item. */
export function itemAt<T>(items: readonly T[], index = 0): T {
  const item = items[index];
  if (item === undefined) throw new Error(`Expected an item at index ${index}, but there are ${items.length}`);
  return item;
}

/** A lookup of items by their key, failing the test with a clear message for a key that is not there. */
export function byKey<T extends { key: string }>(items: readonly T[]): (key: string) => T {
  const map = new Map(items.map((item) => [item.key, item]));
  return (key) => {
    const item = map.get(key);
    if (item === undefined) throw new Error(`Expected an item with key ${key}, but there are only ${[...map.keys()].join(', ')}`);
    return item;
  };
}

type Tuple<T, N extends number, Acc extends T[] = []> = Acc['length'] extends N ? Acc : Tuple<T, N, [...Acc, T]>;

/** The first `count` items, to destructure; fails the test with a clear message when there are fewer. */
export function firstItems<T, N extends number>(items: readonly T[], count: N): Tuple<T, N> {
  if (items.length < count) throw new Error(`Expected at least ${count} items, but there are ${items.length}`);
  return items.slice(0, count) as Tuple<T, N>;
}
