"use strict";

function client() {
  const base = process.env.JIRA_URL;
  const auth = Buffer.from(`${process.env.JIRA_EMAIL}:${process.env.JIRA_API_TOKEN}`).toString("base64");
  if (!base) throw new Error("JIRA_URL is not set");
  return async function call(path, init = {}) {
    const res = await fetch(`${base.replace(/\/$/, "")}/rest/api/3${path}`, {
      ...init,
      headers: { Authorization: `Basic ${auth}`, Accept: "application/json", "Content-Type": "application/json" },
    });
    if (!res.ok) throw new Error(`Jira ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return res.status === 204 ? null : res.json();
  };
}

module.exports = { client };
