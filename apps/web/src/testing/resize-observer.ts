/** Recharts measures its container through ResizeObserver, which jsdom lacks; without layout, it only has to exist. */
export function stubResizeObserver(): void {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe = vi.fn();
      unobserve = vi.fn();
      disconnect = vi.fn();
    },
  );
}
