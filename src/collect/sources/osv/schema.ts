import { z } from "zod";

/**
 * The parts of an OSV record mcp-vet reads (https://ossf.github.io/osv-schema/). Unknown
 * fields pass through ignored; a record whose required fields are malformed fails the parse.
 */
const event = z.object({
  introduced: z.string().optional(),
  fixed: z.string().optional(),
  last_affected: z.string().optional(),
  limit: z.string().optional(),
});

const range = z.object({
  type: z.string(),
  events: z.array(event).default([]),
});

const severity = z.object({ type: z.string(), score: z.string() });

const affected = z.object({
  package: z.object({ ecosystem: z.string(), name: z.string() }).optional(),
  ranges: z.array(range).default([]),
  versions: z.array(z.string()).default([]),
  severity: z.array(severity).default([]),
  database_specific: z.record(z.string(), z.unknown()).optional(),
});

export const osvRecordSchema = z.object({
  id: z.string().min(1),
  modified: z.string().optional(),
  published: z.string().optional(),
  withdrawn: z.string().optional(),
  aliases: z.array(z.string()).default([]),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(severity).default([]),
  affected: z.array(affected).default([]),
  database_specific: z.record(z.string(), z.unknown()).optional(),
});

export type OsvRecord = z.infer<typeof osvRecordSchema>;
export type OsvRange = z.infer<typeof range>;
export type OsvEvent = z.infer<typeof event>;

/** `POST /v1/querybatch` answer: per query, the ids (with `modified`) of matching records. */
export const querybatchResponseSchema = z.object({
  results: z.array(
    z.object({
      vulns: z.array(z.object({ id: z.string().min(1), modified: z.string().optional() })).default([]),
      next_page_token: z.string().optional(),
    }),
  ),
});

export type QuerybatchResponse = z.infer<typeof querybatchResponseSchema>;
