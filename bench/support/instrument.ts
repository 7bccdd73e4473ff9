/**
 * A proxy whose named methods run through `around` (given the method name, its arguments and a call that
 * invokes the original); other methods pass through bound to the object. The engine is never touched.
 */
function aroundMethods<T extends object>(
  object: T,
  names: readonly (keyof T & string)[],
  around: (name: string, args: unknown[], call: () => unknown) => unknown,
): T {
  return new Proxy(object, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (!names.includes(property as keyof T & string)) return value.bind(target);
      return (...args: unknown[]) => around(String(property), args, () => value.apply(target, args));
    },
  });
}

/**
 * Reports when each named async-or-sync method finished: the worker learns when the Graph read ended and
 * how long the final SQLite commit took.
 */
export function observeMethods<T extends object>(
  object: T,
  names: readonly (keyof T & string)[],
  onDone: (name: string, startedMs: number, endedMs: number) => void,
): T {
  return aroundMethods(object, names, (name, _args, call) => {
    const started = performance.now();
    const result = call();
    const done = () => onDone(name, started, performance.now());
    if (result instanceof Promise) return result.finally(done);
    done();
    return result;
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

/** CPU seconds (user + system, every thread of this process) between two readings of `process.cpuUsage`. */
export function measureCpu() {
  const start = process.cpuUsage();
  return { stop: () => cpuSeconds(process.cpuUsage(start)) };
}

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

/**
 * How much of the wall time this process used CPU (all threads) and how much its event loop was busy (the
 * engine's own thread: JavaScript, SQLite calls, socket writes), both in seconds.
 */
export function measureProcessLoad() {
  const cpu = measureCpu();
  const loop = performance.eventLoopUtilization();
  const started = performance.now();
  return {
    stop() {
      const busy = performance.eventLoopUtilization(loop).utilization;
      return { cpuSeconds: cpu.stop(), eventLoopSeconds: (busy * (performance.now() - started)) / 1000 };
    },
  };
}
