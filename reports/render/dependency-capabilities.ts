import type { Report } from "../model.js";

export type DependencyCapabilityRow = NonNullable<Report["dependencyCapabilities"]>[number];

/**
 * The short form every view shows: the first `max` packages bringing a capability and how many
 * more there are (the count covers those past the report's list). Names are still hostile text:
 * each renderer escapes them its own way.
 */
export function firstPackages(
  c: DependencyCapabilityRow,
  max: number,
): { packages: DependencyCapabilityRow["packages"]; more: number } {
  const packages = c.packages.slice(0, max);
  return { packages, more: Math.max(0, c.count - packages.length) };
}
