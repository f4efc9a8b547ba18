// hosted-git-info ships no types and @types/hosted-git-info describes v3; this covers the
// part of v9's API mcp-vet uses.
declare module "hosted-git-info" {
  interface GitHost {
    type: "github" | "gitlab" | "bitbucket" | "gist" | "sourcehut";
    domain: string;
    user: string | null;
    project: string;
    committish: string | null;
    browse(opts?: object): string;
  }
  interface HostedGitInfo {
    fromUrl(url: string, opts?: object): GitHost | undefined;
    parseUrl(url: string): URL | undefined;
  }
  const hostedGitInfo: HostedGitInfo;
  export default hostedGitInfo;
}
