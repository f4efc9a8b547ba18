import { describe, expect, it } from "vitest";
import { onInterrupt, runInterruptHooks } from "../../src/interrupt.js";

describe("onInterrupt", () => {
  it("runs the hooks still registered, newest first, and reports what they kept", () => {
    const ran: string[] = [];
    onInterrupt(() => {
      ran.push("first");
      return "first kept";
    });
    const off = onInterrupt(() => {
      ran.push("done already");
      return "never";
    });
    onInterrupt(() => {
      ran.push("throws");
      throw new Error("disk full");
    });
    onInterrupt((signal) => {
      ran.push(`last ${signal}`);
      return undefined;
    });
    off();
    expect(runInterruptHooks("SIGINT")).toEqual(["first kept"]);
    expect(ran).toEqual(["last SIGINT", "throws", "first"]);
    // Each hook runs once: the process is on its way out.
    expect(runInterruptHooks("SIGTERM")).toEqual([]);
  });
});
