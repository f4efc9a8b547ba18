import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../reports/render/html.js";
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

  it.each([360, 1280])(
    "at %ipx: category labels and scores are not clipped, the page does not scroll sideways, an info finding is smaller than a high one",
    async (width) => {
      const reports = sampleReports();
      const file = join(dir, `layout-${width}.html`);
      writeFileSync(file, renderHtml(reports));
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });

      // Strings evaluate in the page: the tests are compiled without the DOM's types.
      const pageOverflow = (await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth",
      )) as number;
      const cells = await page.$$eval("table.cats th.cat, table.cats td.num", (els) =>
        els.map((el) => ({ text: el.textContent, clipped: el.scrollWidth > el.clientWidth })),
      );
      const layout = {
        pageOverflow,
        labels: cells.length,
        clippedLabels: cells.filter((c) => c.clipped).map((c) => c.text),
        // A category table that needs its own sideways scroll hides the end of its rows.
        scrolledTables: await page.$$eval(
          "div.wide:has(> table.cats)",
          (els) => els.filter((el) => el.scrollWidth > el.clientWidth).length,
        ),
        bars: await page.$$eval("table.cats svg", (els) => els.map((b) => b.getBoundingClientRect().width)),
      };
      expect(layout.pageOverflow).toBeLessThanOrEqual(0);
      expect(layout.labels).toBe(reports.reduce((n, r) => n + 2 * r.categories.length, 0));
      expect(layout.clippedLabels).toEqual([]);
      expect(layout.scrolledTables).toBe(0);
      for (const w of layout.bars) expect(w).toBeGreaterThanOrEqual(50);

      const height = (selector: string) => page.$eval(selector, (el) => el.getBoundingClientRect().height);
      const high = await height("#t0 div.finding.s-high");
      const info = await height("#t0 ul.minor li.s-info");
      expect(info).toBeGreaterThan(0);
      expect(info * 2).toBeLessThan(high);
      await page.close();
    },
  );

  it("selects the whole safer config in one click, and it reads back as the report's", async () => {
    const reports = sampleReports();
    const file = join(dir, "config.html");
    writeFileSync(file, renderHtml(reports));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.click("#t0 pre.config");
    const selected = (await page.evaluate("window.getSelection().toString()")) as string;
    expect(JSON.parse(selected)).toEqual(reports[0]!.suggestedConfig);
    // The collapsed findings open for printing.
    expect(await page.$$eval("details[open]", (d) => d.length)).toBe(0);
    await page.evaluate('window.dispatchEvent(new Event("beforeprint"))');
    expect(await page.$$eval("details:not([open])", (d) => d.length)).toBe(0);
    await page.close();
  });
});
