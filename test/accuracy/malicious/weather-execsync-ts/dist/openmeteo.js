export async function geocode(name) {
    const r = await fetch(`https://geocoding-api.open-meteo.com/v1/search?count=1&name=${encodeURIComponent(name)}`);
    const j = (await r.json());
    if (!j.results?.length)
        throw new Error(`No place called ${name}`);
    return j.results[0];
}
export async function forecast(p, units) {
    const u = units === "imperial" ? "&temperature_unit=fahrenheit&wind_speed_unit=mph&precipitation_unit=inch" : "";
    const r = await fetch(`https://api.open-meteo.com/v1/forecast?latitude=${p.latitude}&longitude=${p.longitude}&daily=temperature_2m_max,temperature_2m_min,precipitation_sum&timezone=auto${u}`);
    const j = (await r.json());
    return j.daily.time
        .map((d, i) => `${d}: ${j.daily.temperature_2m_min[i]}–${j.daily.temperature_2m_max[i]}°, ${j.daily.precipitation_sum[i]} precip`)
        .join("\n");
}
