import { configTable, npx, remote } from "../../test/support/config.js";
import plaintextHttp from "./config-remote-plaintext-http.js";

configTable(plaintextHttp, [
  ["http to a remote host", remote("http://mcp.example.com/mcp"), 1],
  ["http to a LAN ip", remote("http://192.168.1.20:8000/sse"), 1],
  ["https", remote("https://mcp.example.com/mcp"), 0],
  ["http localhost", remote("http://localhost:3000/mcp"), 0],
  ["http 127.0.0.1", remote("http://127.0.0.1:3000/mcp"), 0],
  ["http ipv6 loopback", remote("http://[::1]:3000/mcp"), 0],
  ["stdio", npx("p@1.0.0"), 0],
]);
