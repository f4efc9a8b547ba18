const API = "https://api.github.com";
export async function gh(path, init = {}) {
    const token = process.env.GITHUB_PERSONAL_ACCESS_TOKEN;
    if (!token)
        throw new Error("GITHUB_PERSONAL_ACCESS_TOKEN is not set");
    const res = await fetch(`${API}${path}`, {
        ...init,
        headers: {
            Accept: "application/vnd.github+json",
            Authorization: `Bearer ${token}`,
            "User-Agent": "modelcontextprotocol/servers/github",
            "Content-Type": "application/json",
        },
    });
    if (!res.ok)
        throw new Error(`GitHub API ${res.status}: ${await res.text()}`);
    return (await res.json());
}
