import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Generous limits: e2e tests spawn CLIs and emulators, and a loaded machine must not turn them red.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Loopback servers and child processes: two cores, so keep the worker count modest.
    maxWorkers: 2,
  },
});
