export { CheckAppCouldNotRun } from "./could-not-run.js";
export { type LifecycleOptions, runLifecycle } from "./lifecycle/run-lifecycle.js";
export { renderHtml } from "./render-html.js";
export { renderJson } from "./render-json.js";
export { renderJunit } from "./render-junit.js";
export { renderText } from "./render-text.js";
export { type CheckAppOptions, runCheckApp } from "./run-check-app.js";
export { TEST_OBJECT_PREFIX } from "./sample-values.js";
export type {
  CheckReport,
  CheckResult,
  CheckStatus,
  DialectVerdict,
  Exchange,
  Severity,
  Verdict,
} from "./types.js";
export { exitCodeOf } from "./verdict.js";
