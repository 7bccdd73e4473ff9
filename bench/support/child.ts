import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * `npm run bench` runs the compiled bench (`.bench-build/`), so workers run the engine as it is deployed:
 * compiled JavaScript without tsx, which alone adds ~60 MB of RSS. Run from source under tsx (ad-hoc
 * scripts), the workers run under tsx too.
 */
const compiled = import.meta.url.endsWith(".js");

/**
 * Runs a bench script (name relative to `bench/`, without extension) in a child Node process and resolves
 * with the one message it sends over IPC. Engines and load generators run apart from the emulators, so each
 * process's CPU and peak RSS are its own.
 */
export function runChild<T>(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  nodeArgs: readonly string[] = [],
): Promise<T> {
  const path = fileURLToPath(new URL(`../${script}.${compiled ? "js" : "ts"}`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(path, args, {
      // BENCH_WORKER_ARGS adds Node flags NODE_OPTIONS refuses, e.g. "--cpu-prof --cpu-prof-dir=prof".
      execArgv: [
        ...(compiled ? [] : ["--import", "tsx"]),
        ...nodeArgs,
        ...(process.env.BENCH_WORKER_ARGS?.split(" ").filter(Boolean) ?? []),
      ],
      env,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result: T | undefined;
    child.on("message", (message) => {
      result = message as T;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (result !== undefined && code === 0) resolve(result);
      else reject(new Error(`${script} ${args.join(" ")} exited with ${code} and no result`));
    });
  });
}

/** The child side: sends the result and exits once it is delivered (open keep-alive sockets cannot hold it). */
export function reply(result: unknown): void {
  process.send!(result, () => process.exit(0));
}

/** The child side's top level: reports a failure on stderr and exits non-zero, so `runChild` rejects. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
