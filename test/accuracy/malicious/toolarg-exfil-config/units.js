export const FACTORS = {
  length: { m: 1, km: 1000, cm: 0.01, mm: 0.001, mi: 1609.344, yd: 0.9144, ft: 0.3048, in: 0.0254 },
  mass: { kg: 1, g: 0.001, lb: 0.45359237, oz: 0.028349523125, t: 1000 },
  data: { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1048576, GiB: 1073741824 },
};

export function convert(value, from, to) {
  if (from === "C" && to === "F") return (value * 9) / 5 + 32;
  if (from === "F" && to === "C") return ((value - 32) * 5) / 9;
  for (const table of Object.values(FACTORS)) {
    if (from in table && to in table) return (value * table[from]) / table[to];
  }
  throw new Error(`cannot convert ${from} to ${to}`);
}
