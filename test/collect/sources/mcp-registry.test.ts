import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchMcpRegistry, mcpRegistryQuery } from "../../../src/collect/sources/mcp-registry.js";
import { manifest } from "../../support/evidence.js";
import { mcpRegistryFace } from "../../support/faces/mcp-registry.js";
import { fixtureContext } from "../../support/fetch-context.js";
import { FixtureServer } from "../../support/fixture-server.js";

const server = new FixtureServer().face(
  "/mcp-registry",
  mcpRegistryFace([
    { name: "com.stripe/mcp", npm: "@stripe/mcp", repositoryUrl: "https://github.com/stripe/agent-toolkit" },
    { name: "io.github.example/example-mcp-server", npm: "example-mcp-server" },
  ]),
);

beforeAll(() => server.start());
afterAll(() => server.stop());

describe("fetchMcpRegistry", () => {
  it("searches by mcpName and reads the current answer shape", async () => {
    const part = await fetchMcpRegistry(
      fixtureContext(server),
      manifest({ name: "@stripe/mcp", mcpName: "com.stripe/mcp" }),
    );
    expect(part.status).toBe("ok");
    if (part.status !== "ok") return;
    expect(part.data.query).toBe("com.stripe/mcp");
    expect(part.data.servers).toEqual([
      {
        name: "com.stripe/mcp",
        version: "1.0.0",
        repositoryUrl: "https://github.com/stripe/agent-toolkit",
        packages: [{ registryType: "npm", identifier: "@stripe/mcp", version: "1.0.0" }],
        status: "active",
        isLatest: true,
      },
    ]);
  });

  it("searches by the bare npm name without mcpName", () => {
    expect(mcpRegistryQuery(manifest({ name: "@acme/notes-mcp" }))).toBe("notes-mcp");
  });

  it("answers an empty list when nothing matches", async () => {
    const part = await fetchMcpRegistry(fixtureContext(server), manifest({ name: "nothing-here" }));
    expect(part).toMatchObject({ status: "ok", data: { servers: [] } });
  });

  it("reads the v0 preview shape", async () => {
    const s = new FixtureServer().face("/mcp-registry", () => ({
      status: 200,
      body: {
        servers: [
          { name: "io.github.o/x", packages: [{ registry_name: "npm", name: "x-mcp", version: "0.1.0" }] },
        ],
      },
    }));
    await s.start();
    try {
      const part = await fetchMcpRegistry(fixtureContext(s), manifest({ name: "x-mcp" }));
      expect(part.status === "ok" && part.data.servers[0]?.packages).toEqual([
        { registryType: "npm", identifier: "x-mcp", version: "0.1.0" },
      ]);
    } finally {
      await s.stop();
    }
  });

  it.each([
    ["a 503", { kind: "status", status: 503 } as const, /answered 503/],
    ["a reset socket", { kind: "reset" } as const, /MCP registry/],
    ["a body that is not JSON", { kind: "body", body: "<html>" } as const, /not JSON/],
    ["JSON of the wrong shape", { kind: "body", body: '{"items":[]}' } as const, /no `servers`/],
  ])("records %s as unavailable", async (_n, fault, message) => {
    server.fault({ match: /^\/mcp-registry/, fault, times: 1 });
    const part = await fetchMcpRegistry(fixtureContext(server), manifest());
    expect(part.status).toBe("unavailable");
    expect(part.status === "unavailable" && part.error).toMatch(message);
  });

  it("skips malformed entries rather than failing", async () => {
    server.fault({
      match: /^\/mcp-registry/,
      fault: { kind: "body", body: '{"servers":[{"nope":1},{"name":"a.b/c"}]}' },
      times: 1,
    });
    const part = await fetchMcpRegistry(fixtureContext(server), manifest());
    expect(part.status === "ok" && part.data.servers.map((s) => s.name)).toEqual(["a.b/c"]);
  });
});
