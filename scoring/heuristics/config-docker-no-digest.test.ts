import { expect, it } from "vitest";
import { configFindings, configTable, docker, npx } from "../../test/support/config.js";
import dockerNoDigest from "./config-docker-no-digest.js";

configTable(dockerNoDigest, [
  ["latest", docker("mcp/fetch:latest"), 1],
  ["no tag", docker("mcp/fetch"), 1],
  ["version tag", docker("mcp/fetch:1.2"), 1],
  ["digest", docker(`mcp/fetch@sha256:${"a".repeat(64)}`), 0],
  ["tag and digest", docker(`mcp/fetch:1.2@sha256:${"a".repeat(64)}`), 0],
  ["not docker", npx("p@1.0.0"), 0],
]);

it("config-docker-no-digest: a version tag is low, latest medium", () => {
  expect(configFindings(dockerNoDigest, { s: docker("mcp/fetch:1.2") })[0]?.severity).toBe("low");
  expect(configFindings(dockerNoDigest, { s: docker("mcp/fetch") })[0]?.severity).toBe("medium");
});
