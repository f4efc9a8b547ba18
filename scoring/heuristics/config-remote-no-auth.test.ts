import { configTable, npx, remote } from "../../test/support/config.js";
import remoteNoAuth from "./config-remote-no-auth.js";

configTable(remoteNoAuth, [
  ["no headers", remote("https://mcp.example.com/mcp"), 1],
  ["irrelevant header", remote("https://mcp.example.com/mcp", { "User-Agent": "x" }), 1],
  ["authorization header", remote("https://mcp.example.com/mcp", { Authorization: "Bearer ${env:T}" }), 0],
  ["api key header", remote("https://mcp.example.com/mcp", { "X-API-Key": "${env:K}" }), 0],
  ["token in url", remote("https://mcp.example.com/sse?token=${env:T}"), 0],
  ["loopback", remote("http://localhost:8080/mcp"), 0],
  ["stdio", npx("p@1.0.0"), 0],
]);
