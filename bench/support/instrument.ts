/**
 * Wraps an object so that each named async-or-sync method reports when it finished, without touching the
 * engine: the worker learns when the Graph read ended and how long the final SQLite commit took.
 */
export function observeMethods<T extends object>(
  object: T,
  names: readonly (keyof T & string)[],
  onDone: (name: string, startedMs: number, endedMs: number) => void,
): T {
  return new Proxy(object, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (!names.includes(property as keyof T & string)) return value.bind(target);
      return (...args: unknown[]) => {
        const started = performance.now();
        const result = value.apply(target, args);
        const done = () => onDone(String(property), started, performance.now());
        if (result instanceof Promise) return result.finally(done);
        done();
        return result;
      };
    },
  });
}

/** Memoises a source's reads, so repeated cycles re-run every engine stage but the Graph round trips. */
export function cacheMethods<T extends object>(object: T, names: readonly (keyof T & string)[]): T {
  const cache = new Map<string, unknown>();
  return new Proxy(object, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (!names.includes(property as keyof T & string)) return value.bind(target);
      return (...args: unknown[]) => {
        const key = `${String(property)}:${JSON.stringify(args)}`;
        if (!cache.has(key)) cache.set(key, value.apply(target, args));
        return cache.get(key);
      };
    },
  });
}

/** Peak RSS and heap, sampled: `maxRSS` covers the RSS between samples, the heap peak is approximate. */
export function sampleMemory(intervalMs = 50) {
  let peakHeap = 0;
  const sample = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakRssMB: mb(process.resourceUsage().maxRSS * 1024), peakHeapMB: mb(peakHeap) };
    },
  };
}
