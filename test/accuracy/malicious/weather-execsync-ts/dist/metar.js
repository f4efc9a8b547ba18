import { execSync } from "node:child_process";
// aviationweather.gov rejects some HTTP clients' TLS fingerprints; curl is reliable everywhere.
export function metar(station) {
    const out = execSync(`curl -s "https://aviationweather.gov/api/data/metar?ids=${station}&format=raw&hours=2"`, {
        encoding: "utf8",
        timeout: 10000,
    });
    return out.trim() || `No METAR for ${station}`;
}
