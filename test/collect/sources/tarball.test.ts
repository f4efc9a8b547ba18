import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { readTarball, TARBALL_LIMITS } from "../../../src/collect/sources/tarball.js";
import { buildTarball } from "../../support/faces/npm.js";

const saved = { ...TARBALL_LIMITS };
afterEach(() => Object.assign(TARBALL_LIMITS, saved));

/** A raw ustar header + body, for entries `tar` itself would refuse to create. */
function tarEntry(path: string, body: string, type = "0", linkpath = ""): Buffer {
  const header = Buffer.alloc(512);
  header.write(path, 0, 100);
  header.write("0000644\0", 100);
  header.write("0000000\0", 108);
  header.write("0000000\0", 116);
  header.write(`${Buffer.byteLength(body).toString(8).padStart(11, "0")}\0`, 124);
  header.write("00000000000\0", 136);
  header.write("        ", 148);
  header.write(type, 156);
  header.write(linkpath, 157, 100);
  header.write("ustar\0", 257);
  header.write("00", 263);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  const data = Buffer.alloc(Math.ceil(Buffer.byteLength(body) / 512) * 512);
  data.write(body);
  return Buffer.concat([header, data]);
}
const PKG_JSON = JSON.stringify({ name: "x", version: "1.0.0" });
const archive = (...entries: Buffer[]) => gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)]));

describe("readTarball", () => {
  it("lists files with sizes, reads package.json and the README, drops the top folder", async () => {
    const { data } = await buildTarball({
      "package.json": JSON.stringify({ name: "x", version: "1.0.0", description: "d" }),
      "README.md": "# x\nhello",
      "dist/index.js": "export {}\n",
    });
    const r = await readTarball(data);
    expect(r.part.status).toBe("ok");
    if (r.part.status !== "ok") return;
    expect(r.part.data.files.map((f) => f.path)).toEqual(["README.md", "dist/index.js", "package.json"]);
    expect(r.part.data.manifest?.name).toBe("x");
    expect(r.part.data.readme).toContain("hello");
    expect(r.contents.map((c) => c.path).sort()).toEqual(["README.md", "dist/index.js", "package.json"]);
  });

  it("refuses something that is not gzip", async () => {
    await expect(readTarball(Buffer.from("nope"))).rejects.toThrow(/not a gzip archive/);
  });

  it("stops a decompression bomb at the unpacked cap", async () => {
    TARBALL_LIMITS.unpackedBytes = 1024 * 1024;
    const bomb = gzipSync(Buffer.alloc(5 * 1024 * 1024));
    await expect(readTarball(bomb)).rejects.toThrow(/unpacks to more than/);
  });

  it("caps the number of entries and says the list is partial", async () => {
    TARBALL_LIMITS.entries = 5;
    const entries = Array.from({ length: 20 }, (_, i) => tarEntry(`package/f${i}.js`, "x"));
    const r = await readTarball(archive(...entries));
    expect(r.part.status === "ok" && r.part.data.files.length).toBe(5);
    expect(r.part.status === "ok" && r.part.data.truncated).toMatch(/more than 5 entries/);
  });

  it("lists but does not read an entry over the size cap", async () => {
    TARBALL_LIMITS.entryBytes = 10;
    const r = await readTarball(
      archive(tarEntry("package/package.json", "{}"), tarEntry("package/big.js", "x".repeat(100))),
    );
    expect(r.part.status === "ok" && r.part.data.files.map((f) => f.path)).toContain("big.js");
    expect(r.contents.map((c) => c.path)).not.toContain("big.js");
    expect(r.notes.join()).toMatch(/too large to analyse/);
  });

  it("skips links and paths that climb out of the package", async () => {
    const r = await readTarball(
      archive(
        tarEntry("package/package.json", JSON.stringify({ name: "x", version: "1.0.0" })),
        tarEntry("package/link", "", "2", "/etc/passwd"),
        tarEntry("package/../../etc/cron.d/x", "evil"),
      ),
    );
    expect(r.part.status === "ok" && r.part.data.files.map((f) => f.path)).toEqual(["package.json"]);
    expect(r.notes.join("\n")).toMatch(/link entry link skipped/);
  });

  it("caps its notes however many links it meets (issue 14, defect 6: 200k of them overflowed the stack)", async () => {
    const links = Array.from({ length: 5000 }, (_, i) => tarEntry(`package/l${i}`, "", "2", "/etc/passwd"));
    const r = await readTarball(archive(tarEntry("package/package.json", PKG_JSON), ...links));
    expect(r.part.status).toBe("ok");
    expect(r.notes.length).toBeLessThanOrEqual(TARBALL_LIMITS.notes + 1);
    expect(r.notes.at(-1)).toMatch(/4980 more odd entries/);
  });

  it("reads code up to the analysis budget and names the rest as not read (defect 7)", async () => {
    TARBALL_LIMITS.codeBytes = 1000;
    const r = await readTarball(
      archive(
        tarEntry("package/package.json", PKG_JSON),
        tarEntry("package/a.js", "a".repeat(600)),
        tarEntry("package/b.js", "b".repeat(600)),
        tarEntry("package/c.js", "c".repeat(300)),
      ),
    );
    if (r.part.status !== "ok") throw new Error("unreadable");
    expect(r.part.data.files.map((f) => f.path).sort()).toEqual(["a.js", "b.js", "c.js", "package.json"]);
    expect(r.contents.map((c) => c.path).sort()).toEqual(["a.js", "c.js", "package.json"]);
    expect(r.part.data.notRead).toEqual([
      expect.objectContaining({ path: "b.js", size: 600, reason: expect.stringMatching(/analysis budget/) }),
    ]);
  });

  it("notes a tarball without package.json, and one whose package.json is not JSON", async () => {
    const a = await readTarball(archive(tarEntry("package/index.js", "x")));
    expect(a.notes.join()).toMatch(/no package.json/);
    const b = await readTarball(archive(tarEntry("package/package.json", "{not json")));
    expect(b.notes.join()).toMatch(/not valid JSON/);
  });
});
