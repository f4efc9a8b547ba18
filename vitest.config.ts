import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "scoring/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // Generous: an e2e test spawns the CLI several times, and a loaded machine must not turn
    // slowness into failure. A hang still fails, two minutes later.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // e2e tests spawn the CLI; two cores here, so keep the pool small.
    maxWorkers: 2,
  },
});
