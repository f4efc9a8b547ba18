import { configTable, docker } from "../../test/support/config.js";
import dockerPrivileged from "./config-docker-privileged.js";

configTable(dockerPrivileged, [
  ["privileged", docker("--privileged", "img@sha256:a"), 1],
  ["host network", docker("--network", "host", "img@sha256:a"), 1],
  ["plain", docker("img@sha256:a"), 0],
]);
