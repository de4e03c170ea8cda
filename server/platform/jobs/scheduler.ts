import type { Services, Tx } from '../services.js';
import { inTransaction } from '../services.js';

export interface Job {
  name: string;
  /** Does what is due at `now`; returns how many units of work it did. `log` is the server log (info). */
  run(s: Services, now: Date, log: (msg: string) => void): Promise<number>;
}

/**
 * Claims one unit of a job's work inside `trx`: the key is inserted or, when
 * another run, process or an earlier life of this one already claimed it,
 * nothing happens and false comes back. Because the claim commits (or rolls
 * back) with the work, a crash in the middle leaves nothing half-done and
 * nothing is ever done twice.
 */
export async function claim(s: Services, trx: Tx, job: string, key: string, unitId: string): Promise<boolean> {
  const res = await trx
    .insertInto('job_claims')
    .values({ key: `${job}:${key}`, unit_id: unitId, job, claimed_at: s.clock.now().toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Runs `fn` in a transaction only when its claim is new. */
export async function once(
  s: Services,
  job: string,
  key: string,
  unitId: string,
  fn: (trx: Tx) => Promise<void>,
): Promise<boolean> {
  return inTransaction(s, async (trx) => {
    if (!(await claim(s, trx, job, key, unitId))) return false;
    await fn(trx);
    return true;
  });
}

export interface TickReport {
  at: string;
  jobs: Record<string, number>;
  errors: Record<string, string>;
}

/**
 * The in-process scheduler: every minute (by the injected clock's reading) each
 * job runs in turn; a failing job is logged and does not stop the others.
 * Several server processes on one PostgreSQL may all run it: the claims decide.
 */
export class Scheduler {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<TickReport> | null = null;

  constructor(
    private readonly s: Services,
    private readonly jobs: readonly Job[],
    private readonly log: (msg: string) => void = () => undefined,
    private readonly info: (msg: string) => void = () => undefined,
  ) {}

  async tick(): Promise<TickReport> {
    if (this.#running) return this.#running; // never two ticks at once in one process
    this.#running = (async () => {
      const now = this.s.clock.now();
      const report: TickReport = { at: now.toISOString(), jobs: {}, errors: {} };
      for (const job of this.jobs) {
        try {
          report.jobs[job.name] = await job.run(this.s, now, this.info);
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          report.errors[job.name] = msg;
          this.log(`定时任务 ${job.name} 失败：${msg}`);
        }
      }
      return report;
    })();
    try {
      return await this.#running;
    } finally {
      this.#running = null;
    }
  }

  start(intervalMs = 60_000): void {
    if (this.#timer) return;
    const run = () => void this.tick();
    this.#timer = setInterval(run, intervalMs);
    this.#timer.unref();
    setTimeout(run, 1_000).unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
