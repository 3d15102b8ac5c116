// The warnings a command shows: its user's and the database-wide ones (no user named). A process holding the
// database (cli/host) serves other users meanwhile, and their warnings are not this command's.
import type { EventBus, WarningEvent } from '../memory/events.ts';

/** Calls `show` with each such warning until the returned function is called. */
export function onUserWarnings(events: EventBus, userId: string, show: (warning: WarningEvent) => void): () => void {
  return events.on((event) => {
    if (event.type !== 'warning') return;
    const warning = event as WarningEvent;
    const about = warning.details?.userId;
    if (about === undefined || about === userId) show(warning);
  });
}
