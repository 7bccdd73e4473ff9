import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Loopback servers and child processes: two cores, so keep the worker count modest. The time limits
    // are generous because e2e tests spawn CLIs and emulators; a loaded machine must not turn them red.
    maxWorkers: 2,
  },
});
