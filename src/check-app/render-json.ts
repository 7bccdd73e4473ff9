import type { CheckReport } from "./types.js";

/** The report as JSON (stable keys: the `CheckReport` type), for scripts. */
export const renderJson = (report: CheckReport): string => `${JSON.stringify(report, null, 2)}\n`;
