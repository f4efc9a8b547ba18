import { configTable, docker, npx } from "../../test/support/config.js";
import broadRoot from "./config-broad-filesystem-root.js";

configTable(broadRoot, [
  ["filesystem root", npx("@modelcontextprotocol/server-filesystem@1.0.0", "/"), 1],
  ["tilde", npx("fs@1.0.0", "~"), 1],
  ["home on macOS", npx("fs@1.0.0", "/Users/alice"), 1],
  ["home on Linux with slash", npx("fs@1.0.0", "/home/alice/"), 1],
  ["windows drive", npx("fs@1.0.0", "C:\\"), 1],
  ["windows profile", npx("fs@1.0.0", "C:\\Users\\alice"), 1],
  ["windows Users folder", npx("fs@1.0.0", "C:/Users"), 1],
  ["windows project", npx("fs@1.0.0", "C:\\Users\\alice\\code\\app"), 0],
  ["env reference to home", npx("fs@1.0.0", "${env:HOME}"), 1],
  ["docker mount of /", docker("-v", "/:/host", "img"), 1],
  ["root given as a flag value", npx("git@1.0.0", "--root=/"), 1],
  ["project folder", npx("fs@1.0.0", "/Users/alice/projects/app"), 0],
  ["tmp", npx("fs@1.0.0", "/tmp"), 0],
  ["cwd at home is not reach", { ...npx("p@1.0.0"), cwd: "/home/alice" }, 0],
  ["package name is not a path", npx("fs@1.0.0"), 0],
]);
