import { configTable, docker, npx } from "../../test/support/config.js";
import tlsDisabled from "./config-tls-disabled.js";

configTable(tlsDisabled, [
  ["NODE_TLS_REJECT_UNAUTHORIZED=0", { ...npx("p@1.0.0"), env: { NODE_TLS_REJECT_UNAUTHORIZED: "0" } }, 1],
  ["PYTHONHTTPSVERIFY=0", { command: "uvx", args: ["x"], env: { PYTHONHTTPSVERIFY: "0" } }, 1],
  ["SSL_VERIFY=false", { ...npx("p@1.0.0"), env: { JIRA_SSL_VERIFY: "false" } }, 1],
  ["GIT_SSL_NO_VERIFY=true", { ...npx("p@1.0.0"), env: { GIT_SSL_NO_VERIFY: "true" } }, 1],
  ["--insecure", npx("p@1.0.0", "--insecure"), 1],
  [
    "docker -e NODE_TLS_REJECT_UNAUTHORIZED=0",
    docker("-e", "NODE_TLS_REJECT_UNAUTHORIZED=0", "img@sha256:a"),
    1,
  ],
  ["NODE_TLS_REJECT_UNAUTHORIZED=1", { ...npx("p@1.0.0"), env: { NODE_TLS_REJECT_UNAUTHORIZED: "1" } }, 0],
  ["SSL_VERIFY=true", { ...npx("p@1.0.0"), env: { SSL_VERIFY: "true" } }, 0],
  ["DISABLE_SSL_VERIFY=true", { ...npx("p@1.0.0"), env: { DISABLE_SSL_VERIFY: "true" } }, 1],
  ["DISABLE_SSL_VERIFY=false", { ...npx("p@1.0.0"), env: { DISABLE_SSL_VERIFY: "false" } }, 0],
  ["NO_SSL_VERIFY=1", { ...npx("p@1.0.0"), env: { NO_SSL_VERIFY: "1" } }, 1],
  ["SKIP_TLS_VERIFY=false", { ...npx("p@1.0.0"), env: { SKIP_TLS_VERIFY: "false" } }, 0],
  ["API_INSECURE=true", { ...npx("p@1.0.0"), env: { API_INSECURE: "true" } }, 1],
  ["extra CA", { ...npx("p@1.0.0"), env: { NODE_EXTRA_CA_CERTS: "/etc/ca.pem" } }, 0],
]);
