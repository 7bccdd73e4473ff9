import cron from "node-cron";
import type { JobConfig } from "../config/schema.js";
import { parseIsoDuration } from "./iso-duration.js";

/** When a job's cycles start. */
export interface Trigger {
  /** Fires once now (Entra's initial cycle runs when provisioning is turned on), then on the schedule. */
  start(): void;
  /** No further firing; a cycle in progress is not affected. */
  stop(): void;
  nextRun(): Date | null;
  /** Milliseconds between two cycles (for a cron schedule: between its next two runs). */
  period(): number;
}

/**
 * An interval counts from the end of the previous cycle, so cycles run back to back and never pile up
 * behind a slow one (spec §1.4). `fire` must not reject.
 */
function intervalTrigger(ms: number, fire: () => Promise<void>): Trigger {
  let timer: NodeJS.Timeout | undefined;
  let next: Date | null = null;
  let stopped = false;
  const loop = async () => {
    next = null;
    await fire();
    if (stopped) return;
    next = new Date(Date.now() + ms);
    timer = setTimeout(loop, ms);
  };
  return {
    start: () => void loop(),
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      next = null;
    },
    nextRun: () => next,
    period: () => ms,
  };
}

/** A cron schedule fires at wall-clock times; a tick while a cycle runs is dropped by the job runner. */
function cronTrigger(expression: string, fire: () => Promise<void>): Trigger {
  if (!cron.validate(expression)) {
    throw new Error(`Expected a cron expression such as "*/40 * * * *", got "${expression}"`);
  }
  const task = cron.createTask(expression, fire, { noOverlap: true });
  let stopped = false;
  return {
    start: () => {
      task.start();
      void fire();
    },
    stop: () => {
      stopped = true;
      void task.destroy();
    },
    nextRun: () => (stopped ? null : task.getNextRun()),
    period: () => {
      const [a, b] = task.getNextRuns(2);
      return a && b ? b.getTime() - a.getTime() : Number.POSITIVE_INFINITY;
    },
  };
}

export function createTrigger(schedule: JobConfig["schedule"], fire: () => Promise<void>): Trigger {
  return "cron" in schedule
    ? cronTrigger(schedule.cron, fire)
    : intervalTrigger(parseIsoDuration(schedule.interval), fire);
}
