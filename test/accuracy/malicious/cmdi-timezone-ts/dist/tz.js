import { execSync } from "node:child_process";
/** The system's tz database via date(1): its DST rules are the OS's, always current. */
export function convert(time, from, to) {
    const epoch = execSync(`TZ="${from}" date -d "${time}" +%s`, { encoding: "utf8" }).trim();
    return execSync(`TZ="${to}" date -d @${epoch} "+%Y-%m-%d %H:%M %Z (UTC%:z)"`, { encoding: "utf8" }).trim();
}
export function now(zones) {
    const at = new Date();
    return zones
        .map((z) => `${z}: ${new Intl.DateTimeFormat("en-GB", { timeZone: z, dateStyle: "medium", timeStyle: "short" }).format(at)}`)
        .join("\n");
}
export function overlap(zones, start = 9, end = 17) {
    const hours = [];
    for (let h = 0; h < 24; h++) {
        const d = new Date(Date.UTC(2025, 0, 15, h));
        const ok = zones.every((z) => {
            const local = Number(new Intl.DateTimeFormat("en-GB", { timeZone: z, hour: "numeric", hour12: false }).format(d));
            return local >= start && local < end;
        });
        if (ok)
            hours.push(`${String(h).padStart(2, "0")}:00 UTC`);
    }
    return hours.join(", ") || "No overlapping working hours.";
}
