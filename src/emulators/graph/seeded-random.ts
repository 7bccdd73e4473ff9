/** A deterministic pseudo-random source (mulberry32): the same seed always yields the same sequence. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, max). */
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  /** A GUID-shaped id (version 4 layout) drawn from the sequence. */
  guid(): string;
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const hex = (value: number) => value.toString(16).padStart(8, "0");
  const random: SeededRandom = {
    next: () => uint32() / 4294967296,
    int: (max) => Math.floor(random.next() * max),
    pick: <T>(items: readonly T[]): T => {
      const item = items[random.int(items.length)];
      if (item === undefined) throw new Error("Expected a non-empty list to pick from, got an empty one");
      return item;
    },
    guid: () => {
      const h = hex(uint32()) + hex(uint32()) + hex(uint32()) + hex(uint32());
      const variant = ((Number.parseInt(h[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
  return random;
}
