import { describe, expect, it } from "vitest";
import { createTrigger } from "../../src/scheduler/trigger.js";

describe("createTrigger", () => {
  it("runs the first cycle at start, then counts the interval from the end of the cycle", async () => {
    let fired = 0;
    let release: () => void = () => {};
    const trigger = createTrigger({ interval: "PT1H" }, () => {
      fired += 1;
      return new Promise<void>((r) => (release = r));
    });
    trigger.start();
    expect(fired).toBe(1);
    expect(trigger.nextRun(), "no next run is scheduled while a cycle runs").toBeNull();
    release();
    await new Promise((r) => setImmediate(r));
    const next = trigger.nextRun();
    expect(next).toBeInstanceOf(Date);
    expect(trigger.period()).toBe(3_600_000);
    trigger.stop();
    expect(trigger.nextRun()).toBeNull();
  });

  it("schedules a cron expression and knows its period", () => {
    let fired = 0;
    const trigger = createTrigger({ cron: "0 */2 * * *" }, async () => {
      fired += 1;
    });
    trigger.start();
    expect(fired).toBe(1);
    expect(trigger.nextRun()?.getUTCMinutes()).toBe(0);
    expect(trigger.period()).toBe(2 * 3_600_000);
    trigger.stop();
  });

  it("refuses a malformed cron expression", () => {
    expect(() => createTrigger({ cron: "every day" }, async () => {})).toThrow(
      'Expected a cron expression such as "*/40 * * * *", got "every day"',
    );
  });
});
