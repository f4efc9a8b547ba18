import { defineHeuristic } from "../engine/heuristic.js";

/**
 * What was not read cannot be vouched for. A package whose code was only partly read (files
 * over the per-file cap, past the analysis budget, past the entry cap, an analysis that ran
 * out of memory or failed) is never a pass: an attacker pads a package to push the one file
 * that matters past a cap.
 */
export default defineHeuristic(
  {
    id: "unread-code",
    category: "permissions",
    title: "Part of the package was not read",
    rationale:
      "Every other check judges the code that was read. Code left unread because of a size cap, a budget or a failed analysis may hold anything, and an attacker can pad a package to push the file that matters past a cap.",
    remediation:
      "Read the files named here yourself before installing, or ask the maintainer why the package ships code this large.",
    severity: "high",
    needs: ["package"],
  },
  (evidence) => {
    const pkg = evidence.package.data;
    const drafts = [];
    if (pkg.truncated) {
      drafts.push({
        title: "The package has more entries than are read",
        detail: `The tarball lists ${pkg.truncated}: files past the cap were neither listed nor read.`,
        evidence: [{ snippet: pkg.truncated }],
      });
    }
    const unread = pkg.notRead ?? [];
    if (unread.length > 0) {
      const count = pkg.notReadCount ?? unread.length;
      drafts.push({
        title: `${count} file${count === 1 ? " was" : "s were"} not read`,
        detail: `Not analysed: ${unread[0]!.reason}${count > 1 ? ", and others" : ""}.`,
        evidence: unread.map((f) => ({ file: f.path, snippet: `${f.size} bytes: ${f.reason}` })),
      });
    }
    const code = evidence.code;
    if (code.status === "unavailable") {
      drafts.push({
        title: "The package's code could not be analysed",
        detail: `The tarball was read, but its code was not analysed: ${code.error}.`,
        evidence: [{ snippet: code.error }],
      });
    } else if (code.status === "ok" && code.data.coverage.skipped.length > 0) {
      const skipped = code.data.coverage.skipped;
      drafts.push({
        title: `${skipped.length} code file${skipped.length === 1 ? " was" : "s were"} too large to analyse`,
        detail: "The analysis skipped files over its per-file size cap.",
        evidence: skipped.map((file) => ({ file })),
      });
    }
    return drafts;
  },
);
