import { FixtureServer } from "../fixture-server.js";
import { GitHubFixture, healthyRepo } from "./github.js";
import { mcpRegistryFace } from "./mcp-registry.js";
import { buildTarball, makePackument, NpmFace } from "./npm.js";
import { osvFace } from "./osv.js";

/**
 * A fixture server holding `count` small hand-made MCP servers, each with its GitHub
 * repository, behind `latencyMs` a request: the audit bench's world (also its test).
 */
export async function benchServers(
  count: number,
  latencyMs = 20,
): Promise<{ server: FixtureServer; names: string[] }> {
  const npm = new NpmFace();
  const github = new GitHubFixture();
  const server = new FixtureServer({ latencyMs })
    .face("", npm.route)
    .face("/github", github.route)
    .face("/osv", osvFace([]))
    .face("/mcp-registry", mcpRegistryFace([]));
  await server.start();
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `bench-mcp-${String(i).padStart(3, "0")}`;
    names.push(name);
    github.add({
      ...healthyRepo("acme", name, name),
      record: { owner: { login: "acme", type: "Organization" } },
    });
    const m = { name, version: "1.0.0", license: "MIT", repository: `github:acme/${name}`, main: "index.js" };
    const t = await buildTarball({
      "package.json": JSON.stringify(m),
      "index.js": `server.tool("t${i}", "Tool ${i}", {}, async () => ({}));\n`,
    });
    const p = makePackument(name, [
      { manifest: { ...m, version: "0.9.0" }, time: "2026-02-01T00:00:00.000Z" },
      { manifest: m, time: "2026-06-01T00:00:00.000Z", tarball: t },
    ]);
    npm.add(p.packument, p.tarballs);
  }
  return { server, names };
}
