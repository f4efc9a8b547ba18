/**
 * What a command keeps when the run is interrupted (Ctrl-C, SIGTERM). The CLI's signal
 * handler runs every hook, then removes the temp folders and exits 128 + signal. Hooks are
 * synchronous: after a signal there is no event loop turn to wait for. Each may return a few
 * words for the one line the handler prints ("3 of 8 targets written to reports/x").
 */
export type InterruptHook = (signal: NodeJS.Signals) => string | undefined;

const hooks = new Set<InterruptHook>();

/** Registers a hook until the returned function is called (when its work is done). */
export function onInterrupt(hook: InterruptHook): () => void {
  hooks.add(hook);
  return () => {
    hooks.delete(hook);
  };
}

/** Runs every registered hook, newest first; a hook that throws is skipped. Returns what they said. */
export function runInterruptHooks(signal: NodeJS.Signals): string[] {
  const said: string[] = [];
  for (const hook of [...hooks].reverse()) {
    try {
      const line = hook(signal);
      if (line) said.push(line);
    } catch {
      // On the way out: what could not be kept is lost, the rest still is.
    }
  }
  hooks.clear();
  return said;
}
