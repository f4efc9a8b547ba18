import { configTable, GH_TOKEN, npx } from "../../test/support/config.js";
import disabledWithSecrets from "./config-disabled-with-secrets.js";

configTable(disabledWithSecrets, [
  ["disabled with a token", { ...npx("p"), env: { GITHUB_TOKEN: GH_TOKEN }, disabled: true }, 1],
  ["Zed enabled:false with a token", { ...npx("p"), env: { GITHUB_TOKEN: GH_TOKEN }, enabled: false }, 1],
  ["disabled, no secrets", { ...npx("p"), disabled: true }, 0],
  ["enabled with a token", { ...npx("p"), env: { GITHUB_TOKEN: GH_TOKEN } }, 0],
]);
