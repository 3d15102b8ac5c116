// A worker's id names where it runs ("host/pid/random"), so that a worker killed with kill -9 on this machine is
// recognised as dead by the next one here, and its leases are ended at once instead of after the lease time
// (5 minutes by default, during which a resumed ingest would wait on the dead process's job).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { processAlive } from '../store/directory-lock.ts';

export function newWorkerId(): string {
  return `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
}

/** The lease holders that ran on this host in a process that no longer exists (other hosts: unknown, kept). */
export function deadLocalWorkers(holders: readonly string[]): string[] {
  const here = hostname();
  return holders.filter((holder) => {
    const [host, pid] = holder.split('/');
    const number = Number(pid);
    return host === here && Number.isInteger(number) && number > 0 && number !== process.pid && !processAlive(number);
  });
}
