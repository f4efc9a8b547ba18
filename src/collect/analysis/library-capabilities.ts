import { z } from "zod";
import { CAPABILITY_IDS } from "../../evidence/index.js";
import data from "./library-capabilities.json" with { type: "json" };

// npm's rule for new package names (lower case, url-safe, optional scope).
const packageName = z
  .string()
  .max(214)
  .regex(/^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/);

/**
 * Which dependencies bring which capability (library-capabilities.json): a table
 * a reviewer can read and extend, validated here so a bad edit fails at load, not in a run.
 */
export const libraryCapabilitiesSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1),
  about: z.string().optional(),
  nativeHelpers: z
    .array(packageName)
    .min(1)
    .describe("Depending on one of these means building or loading a native addon."),
  libraries: z
    .array(
      z.strictObject({
        group: z
          .string()
          .min(1)
          .max(60)
          .describe('Shown in the reason, e.g. "is execa (process execution)".'),
        capabilities: z.array(z.enum(CAPABILITY_IDS)).min(1),
        packages: z.array(packageName).min(1),
      }),
    )
    .describe("Libraries that are the capability: having one in the tree brings it into the install."),
});

export type LibraryCapabilityTable = z.infer<typeof libraryCapabilitiesSchema>;

export const LIBRARY_CAPABILITIES: LibraryCapabilityTable = libraryCapabilitiesSchema.parse(data);
