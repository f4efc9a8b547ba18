import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readCapped, sourceError } from "../../../src/collect/util.js";

describe("readCapped", () => {
  it("reads a stream within the cap", async () => {
    await expect(
      readCapped(Readable.from([Buffer.from("ab"), Buffer.from("cd")]), 10, "packument"),
    ).resolves.toEqual(Buffer.from("abcd"));
  });
  it("refuses an absurdly large answer once it passes the cap", async () => {
    const huge = Readable.from(Array.from({ length: 100 }, () => Buffer.alloc(1024 * 1024)));
    await expect(readCapped(huge, 8 * 1024 * 1024, "packument")).rejects.toThrow(
      /packument is larger than 8 MB/,
    );
  });
});

describe("sourceError", () => {
  it.each([
    [{ code: "ECONNREFUSED" }, "connection refused"],
    [{ statusCode: 503 }, "HTTP 503"],
    [{ code: "EINTEGRITY" }, "integrity check failed: the tarball does not match the registry's checksum"],
    [
      { message: "GET https://user:secret@reg.example/pkg?token=abc failed\n  at x" },
      "GET https://reg.example/pkg failed",
    ],
  ])("%j → %s", (err, line) => {
    expect(sourceError(err, false)).toBe(line);
  });
});
