/**
 * Any error as one line safe to print or store: its message's first line, URLs without
 * credentials or query string, capped. Every source, the audit and the CLI word errors with
 * this one function; a terminal also gets sanitizeLine over it for control characters.
 */
export function errorLine(err: unknown, max = 300): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split("\n")[0] ?? "")
    .replace(/(https?:\/\/)[^/\s@]*@/g, "$1")
    .replace(/(https?:\/\/[^\s?]*)\?\S*/g, "$1")
    .slice(0, max);
}
