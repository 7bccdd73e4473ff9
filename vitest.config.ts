import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Loopback servers and child processes: two cores, so keep the worker count modest.
    maxWorkers: 2,
  },
});
