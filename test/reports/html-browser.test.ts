import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../reports/html.js";
import { sampleReports } from "../support/reports.js";

// Debian's chromium, never a downloaded browser. CI installs it (apt-get install -y chromium).
const CHROMIUM = process.env.MCP_VET_CHROMIUM ?? "/usr/bin/chromium";
const MISSING = `${CHROMIUM} is missing: the HTML report test needs Debian's chromium (sudo apt-get install -y chromium), or MCP_VET_CHROMIUM=<path>`;
// On a developer's machine without Chromium the suite says why and goes on; under CI it must run.
const runIt = existsSync(CHROMIUM) || process.env.CI === "true";
if (!runIt) console.warn(`skipping the HTML browser test: ${MISSING}`);

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), "mcp-vet-html-"));

beforeAll(async () => {
  if (!runIt) return;
  if (!existsSync(CHROMIUM)) throw new Error(MISSING);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(runIt)("the HTML report in headless Chromium", () => {
  it("loads with no console errors and no request but itself, sorts by grade, and prints to a screenshot", async () => {
    const reports = sampleReports();
    // Grades in a known order so the sort is observable.
    reports[0]!.score.grade = "F";
    reports[1]!.score.grade = "A";
    reports[2]!.score.grade = "C";
    const file = join(dir, "report.html");
    writeFileSync(file, renderHtml(reports));
    const url = pathToFileURL(file).href;

    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("request", (r) => requests.push(r.url()));
    page.on("dialog", (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });

    await page.goto(url, { waitUntil: "load" });
    const names = () =>
      page.$$eval("#summary tbody tr td:first-child", (cells) => cells.map((c) => c.textContent ?? ""));
    expect(await names()).toEqual(["hostile-mcp", "clean-mcp", "another-mcp"]);

    await page.click('#summary th[data-key="grade"] button');
    expect(await names()).toEqual(["clean-mcp", "another-mcp", "hostile-mcp"]);
    expect(await page.getAttribute('#summary th[data-key="grade"]', "aria-sort")).toBe("ascending");
    await page.click('#summary th[data-key="grade"] button');
    expect(await names()).toEqual(["hostile-mcp", "another-mcp", "clean-mcp"]);

    // Hostile text stayed text: no injected element, the description reads literally.
    expect(await page.$$eval("script", (s) => s.length)).toBe(1);
    expect(await page.$$eval("img", (s) => s.length)).toBe(0);
    expect(await page.textContent("#t0 blockquote")).toContain("<script>alert('x')</script>");

    await page.emulateMedia({ media: "print" });
    // MCP_VET_SCREENSHOT_DIR keeps the picture (e.g. as a CI artifact); else a temp dir.
    const png = join(process.env.MCP_VET_SCREENSHOT_DIR ?? dir, "report.png");
    await page.screenshot({ path: png, fullPage: true });
    expect(statSync(png).size).toBeGreaterThan(10_000);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe("PNG");

    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });
});
