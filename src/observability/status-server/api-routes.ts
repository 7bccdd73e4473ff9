import { type Request, type Response, Router } from "express";
import { z } from "zod";
import type { Refusal } from "../../scheduler/job-runner.js";
import type { JobControl } from "./job-control.js";
import { parseLogQuery } from "./log-query.js";

const provisionBody = z.strictObject({ user: z.string().min(1) });

function refusalMessage(refusal: Refusal): string {
  switch (refusal.kind) {
    case "busy":
      return "Expected an idle job, got one with a cycle in progress";
    case "paused":
      return "Expected an active job, got a paused one: resume it first";
    case "quarantined":
      return `Expected a job out of quarantine, got one quarantined until ${refusal.until}`;
    case "locked":
      return `Expected this daemon to hold the job's lock, got it held by ${refusal.owner ?? "another daemon"}`;
    default: {
      const never: never = refusal;
      return never;
    }
  }
}

/** `/api/jobs…`: the jobs as Graph's synchronizationJob, their logs, and the operator's actions. */
export function apiRoutes(control: JobControl): Router {
  const router = Router();

  /** The job named in the path, or a 404 that names the jobs there are. */
  const jobOf = (req: Request, res: Response): string | undefined => {
    const name = String(req.params.name);
    if (control.view(name)) return name;
    res.status(404).json({ error: `Expected a job name (${control.jobNames().join(", ")}), got "${name}"` });
    return undefined;
  };

  router.get("/jobs", (_req, res) => {
    res.json({ value: control.jobNames().map((n) => control.view(n)) });
  });

  router.get("/jobs/:name", (req, res) => {
    const name = jobOf(req, res);
    if (name) res.json(control.view(name));
  });

  router.get("/jobs/:name/logs", (req, res) => {
    const name = jobOf(req, res);
    if (!name) return;
    try {
      res.json({ value: control.logs(parseLogQuery(name, req.query)) });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      res.status(400).json({ error: error.message });
    }
  });

  router.post("/jobs/:name/pause", (req, res) => {
    const name = jobOf(req, res);
    if (!name) return;
    control.pause(name);
    res.json(control.view(name));
  });

  router.post("/jobs/:name/resume", (req, res) => {
    const name = jobOf(req, res);
    if (!name) return;
    control.resume(name);
    res.json(control.view(name));
  });

  router.post("/jobs/:name/run", (req, res) => {
    const name = jobOf(req, res);
    if (!name) return;
    const started = control.run(name);
    if (started.kind === "started") res.status(202).json(control.view(name));
    else res.status(409).json({ error: refusalMessage(started) });
  });

  router.post("/jobs/:name/provision", async (req, res) => {
    const name = jobOf(req, res);
    if (!name) return;
    const body = provisionBody.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: 'Expected a body {"user": "<object id or userPrincipalName>"}' });
      return;
    }
    res.json(await control.provision(name, body.data.user));
  });

  return router;
}
