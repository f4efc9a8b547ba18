import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolvePolicy } from "../../scoring/engine/policy.js";
import { HEURISTICS } from "../../scoring/heuristics/index.js";
import { judgeBenign, judgeMalicious, metricsOf } from "../../scripts/accuracy.js";
import {
  casePackageJson,
  githubRepoOf,
  loadBenign,
  loadMalicious,
  MALICIOUS_DIR,
} from "../../scripts/accuracy-labels.js";

// The accuracy harness (`npm run accuracy`) needs the network; this checks only that its labelled
// sets are well-formed, so a broken label fails here rather than in the middle of a bench run.
const ids = new Set(HEURISTICS.map((h) => h.definition.id));

describe("accuracy labels", () => {
  it("policy.json is the default policy requiring only the packument and the tarball", () => {
    const policy = resolvePolicy(JSON.parse(readFileSync(join(import.meta.dirname, "policy.json"), "utf8")));
    expect(policy.id).toBe("accuracy");
    expect(policy.requiredSources).toEqual(["npm", "tarball"]);
  });

  it("benign.json: 100 servers, each pinned, reviewed findings named by real heuristic ids", () => {
    const benign = loadBenign();
    expect(benign.packages).toHaveLength(100);
    for (const p of benign.packages) {
      for (const id of [...Object.keys(p.reviewed), ...Object.keys(p.notes ?? {})])
        expect(ids, `${p.name}: ${id}`).toContain(id);
      // A reviewed finding is defended, so the reviewer expects at least a warn.
      if (Object.keys(p.reviewed).length > 0) expect(p.expect, p.name).toBe("warn");
    }
  });

  it("malicious.json: every case has its folder and every folder its case, at least 30", () => {
    const labels = loadMalicious(undefined, ids);
    expect(labels.cases.length).toBeGreaterThanOrEqual(30);
    const folders = readdirSync(MALICIOUS_DIR).filter((d) => statSync(join(MALICIOUS_DIR, d)).isDirectory());
    expect(folders.sort()).toEqual(labels.cases.map((c) => c.id).sort());
  });

  it("every case folder is a package npm could publish, naming a GitHub repository", () => {
    for (const c of loadMalicious().cases) {
      const m = casePackageJson(c.id);
      expect(githubRepoOf(m.repository), c.id).toBeDefined();
      const raw = JSON.parse(readFileSync(join(MALICIOUS_DIR, c.id, "package.json"), "utf8")) as {
        bin?: Record<string, string>;
        main?: string;
      };
      // The entry points it declares exist (a case whose code is missing tests nothing).
      for (const entry of [...Object.values(raw.bin ?? {}), ...(raw.main ? [raw.main] : [])])
        expect(statSync(join(MALICIOUS_DIR, c.id, entry)).isFile(), `${c.id}: ${entry}`).toBe(true);
    }
  });

  it("covers both SDK styles and the low-level API, plain and bundled, and every class the issue names", () => {
    const labels = loadMalicious();
    const apis = new Set(labels.cases.map((c) => c.api));
    for (const a of ["registerTool", "tool", "low-level"]) expect(apis).toContain(a);
    for (const api of ["registerTool", "low-level"]) {
      const forms = new Set(labels.cases.filter((c) => c.api === api).map((c) => c.form));
      expect(
        [...forms].some((f) => f === "minified" || f === "bundled"),
        api,
      ).toBe(true);
      expect(
        [...forms].some((f) => f.startsWith("plain") || f === "ts-dist"),
        api,
      ).toBe(true);
    }
    const classes = new Set(labels.cases.map((c) => c.class));
    expect(classes.size).toBe(Object.keys(labels.classes).length);
  });
});

describe("accuracy judgement", () => {
  const finding = (id: string, severity: "critical" | "high" | "medium") => ({ id, severity, title: id });
  const vetted = (verdict: "pass" | "warn" | "fail", findings: ReturnType<typeof finding>[]) => ({
    spec: "x@1.0.0",
    verdict,
    score: 50,
    grade: "F",
    findings,
    unavailable: [],
    ms: 1,
  });

  it("a benign package is a false positive when it fails or carries an undefended high finding", () => {
    const p = {
      name: "x",
      version: "1.0.0",
      rank: 1,
      downloads: 1,
      kind: "k",
      expect: "warn" as const,
      reviewed: { "install-scripts": "postinstall compiles a native addon for the platform" },
    };
    expect(judgeBenign(p, vetted("warn", [finding("install-scripts", "high")])).falsePositive).toBe(false);
    expect(judgeBenign(p, vetted("warn", [finding("manifest-mismatch", "high")])).falsePositive).toBe(true);
    expect(judgeBenign(p, vetted("fail", [finding("install-scripts", "critical")])).falsePositive).toBe(true);
    expect(judgeBenign(p, vetted("pass", [])).stale).toEqual(["install-scripts"]);
  });

  it("a malicious case is caught only with its verdict and a finding that names the attack", () => {
    const labels = loadMalicious();
    const c = labels.cases.find((x) => x.class === "exfil:tool-args")!;
    expect(
      judgeMalicious(labels, c, vetted("fail", [finding("tool-secret-request", "critical")])).status,
    ).toBe("caught");
    expect(judgeMalicious(labels, c, vetted("fail", [finding("repo-not-found", "critical")])).status).toBe(
      "wrong-reason",
    );
    expect(judgeMalicious(labels, c, vetted("warn", [finding("tool-secret-request", "high")])).status).toBe(
      "missed",
    );
    const shadow = labels.cases.find((x) => x.class === "tool-shadowing")!;
    expect(judgeMalicious(labels, shadow, vetted("warn", [finding("tool-shadowing", "high")])).status).toBe(
      "caught",
    );
  });

  it("precision and recall of fail count malicious fails against benign fails", () => {
    const labels = loadMalicious();
    const c = labels.cases[0]!;
    const p = {
      name: "x",
      version: "1.0.0",
      rank: 1,
      downloads: 1,
      kind: "k",
      expect: "pass" as const,
      reviewed: {},
    };
    const m = metricsOf(
      [judgeBenign(p, vetted("fail", [])), judgeBenign(p, vetted("pass", []))],
      [
        judgeMalicious(labels, c, vetted("fail", [])),
        judgeMalicious(labels, c, vetted("fail", [])),
        judgeMalicious(labels, c, vetted("warn", [])),
      ],
    );
    expect(m.fail.precision).toBeCloseTo(2 / 3);
    expect(m.fail.recall).toBeCloseTo(2 / 3);
    expect(m.failOrWarn.recall).toBe(1);
    expect(m.confusion.benign.fail).toBe(1);
  });
});
