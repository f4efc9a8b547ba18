import { expect, it } from "vitest";
import { configFindings, configTable, npx } from "../../test/support/config.js";
import dbProduction from "./config-db-production.js";

configTable(dbProduction, [
  [
    "prod host in url arg",
    npx("@modelcontextprotocol/server-postgres@0.6.2", "postgresql://ro@prod-db.acme.io/app"),
    1,
  ],
  [
    "production host in env",
    { ...npx("mysql-mcp@1.0.0"), env: { MYSQL_HOST: "mysql.production.internal" } },
    1,
  ],
  [
    "mongodb+srv live",
    {
      ...npx("mongodb-mcp-server@1.0.0"),
      env: { MDB_MCP_CONNECTION_STRING: "mongodb+srv://cluster-live.x.net/db" },
    },
    1,
  ],
  ["staging", npx("pg@1.0.0", "postgresql://staging-db.acme.io/app"), 0],
  ["localhost", npx("pg@1.0.0", "postgresql://localhost:5432/app"), 0],
  ["word containing prod", npx("pg@1.0.0", "postgresql://products-db.acme.io/app"), 0],
  ["non-db url", npx("fetch@1.0.0", "https://prod.example.com"), 0],
]);

it("config-db-production is milder with a read-only flag", () => {
  const [f] = configFindings(dbProduction, { s: npx("pg@1.0.0", "postgresql://prod-db/app", "--read-only") });
  expect(f?.severity).toBe("medium");
});
