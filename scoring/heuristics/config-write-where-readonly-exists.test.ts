import { configTable, docker, npx } from "../../test/support/config.js";
import writeWhereReadonly from "./config-write-where-readonly-exists.js";

configTable(writeWhereReadonly, [
  ["writable docker mount", docker("-v", "/home/a/code:/code", "img"), 1],
  ["read-only docker mount", docker("-v", "/home/a/code:/code:ro", "img"), 0],
  ["readonly --mount", docker("--mount", "type=bind,src=/a,dst=/b,readonly", "img"), 0],
  ["supabase without --read-only", npx("@supabase/mcp-server-supabase@0.4.0", "--project-ref=x"), 1],
  ["supabase with --read-only", npx("@supabase/mcp-server-supabase@0.4.0", "--read-only"), 0],
  [
    "github server env read-only",
    docker("-e", "GITHUB_READ_ONLY=1", "ghcr.io/github/github-mcp-server@sha256:abc"),
    0,
  ],
  [
    "github server writable",
    docker("-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"),
    1,
  ],
  ["unknown server", npx("other@1.0.0"), 0],
]);
