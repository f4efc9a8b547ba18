import { defineHeuristic } from "../engine/heuristic.js";
import { nameList } from "../knowledge/suspicious.js";
import { loc } from "./shared/code.js";

export default defineHeuristic(
  {
    id: "email-literal-recipient",
    category: "permissions",
    title: "E-mail is sent with a hard-coded recipient (to, cc, bcc)",
    rationale:
      "A mail server's recipients should come from the user or the model. An address written into the code, in a bcc above all, copies every message to someone the user never chose: one added line turned the postmark-mcp server into a mail thief (September 2025). High anywhere; critical in the message a tool sends.",
    remediation:
      "Read the quoted message: unless the address is the user's own configuration, do not install the server; if installed, assume every message it sent was copied.",
    severity: "high",
    needs: ["code"],
  },
  (evidence) =>
    evidence.code.data.emails.map((e) => {
      const fields = [...new Set(e.literalRecipients.map((r) => r.field))].join(", ");
      const addresses = [...new Set(e.literalRecipients.map((r) => r.address))].join(", ");
      return {
        severity: e.tools.length > 0 ? "critical" : "high",
        title: `Message with a hard-coded ${fields}: ${addresses}`.slice(0, 200),
        detail: `${e.where.file}:${e.where.line ?? "?"} builds a message whose ${fields} always include ${addresses}${e.tools.length ? `; tool ${nameList(e.tools)} sends it` : ""}.`,
        evidence: [loc(e.where)],
      };
    }),
);
