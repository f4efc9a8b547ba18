import { configTable, docker, npx } from "../../test/support/config.js";
import credentialFolder from "./config-credential-folder.js";

configTable(credentialFolder, [
  ["ssh", npx("fs@1.0.0", "/Users/alice/.ssh"), 1],
  ["aws on windows", npx("fs@1.0.0", "C:\\Users\\a\\.aws"), 1],
  ["gnupg mount", docker("-v", "/home/a/.gnupg:/g:ro", "img"), 1],
  ["chrome profile", npx("fs@1.0.0", "/home/a/.config/google-chrome/Default"), 1],
  ["kube", npx("k8s@1.0.0", "--kubeconfig=/home/a/.kube/config"), 1],
  ["a project folder", npx("fs@1.0.0", "/home/a/code/sshd-config-tool"), 0],
  ["ordinary dotfolder", npx("fs@1.0.0", "/home/a/.cache/x"), 0],
]);
