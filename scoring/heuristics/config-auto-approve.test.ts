import { configTable, npx } from "../../test/support/config.js";
import autoApprove from "./config-auto-approve.js";

configTable(autoApprove, [
  ["alwaysAllow list", { ...npx("p@1.0.0"), alwaysAllow: ["read_file"] }, 1],
  ["gemini trust", { httpUrl: "https://x.example/mcp", trust: true }, 1],
  ["empty list", { ...npx("p@1.0.0"), alwaysAllow: [] }, 0],
  ["none", npx("p@1.0.0"), 0],
]);
