/**
 * The dashboard: one self-contained page (inline CSS and JS, no CDN, so it works air-gapped and under a
 * strict CSP). It only calls the JSON API, polling every two seconds, and renders every value with
 * `textContent`: log entries carry names from the tenant and must never become markup.
 */
export const DASHBOARD_HTML = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>entra-sync</title>
<style>
  :root { font-family: system-ui, sans-serif; color: #1b1b1b; background: #f6f7f9; }
  body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #e3e5e8; font-size: .9rem; vertical-align: top; }
  th { background: #eef0f3; }
  tr.entry { cursor: pointer; }
  tr.entry:hover { background: #f0f6ff; }
  .banner { background: #fde7e9; border: 1px solid #d13438; color: #7a1014; padding: .6rem .8rem; margin: .5rem 0; border-radius: 4px; }
  .code-Active { color: #107c10; } .code-Paused { color: #8a6d00; } .code-Quarantine { color: #d13438; } .code-NotRun { color: #555; }
  .Success { color: #107c10; } .Failure { color: #d13438; } .Skipped { color: #555; } .Warning { color: #8a6d00; }
  progress { width: 8rem; }
  form.filters { display: flex; gap: .6rem; flex-wrap: wrap; align-items: end; margin-bottom: .5rem; }
  label { display: flex; flex-direction: column; font-size: .8rem; gap: .15rem; }
  #detail { background: #fff; border: 1px solid #c8ccd1; padding: .8rem 1rem; margin-top: 1rem; border-radius: 4px; }
  #detail[hidden] { display: none; }
  .muted { color: #666; }
  button { cursor: pointer; }
  #error { color: #d13438; }
</style>
</head>
<body>
<h1>entra-sync</h1>
<div id="error" role="alert"></div>
<div id="banners"></div>
<h2>Jobs</h2>
<table id="jobs">
  <thead><tr><th>Job</th><th>App</th><th>State</th><th>Last cycle</th><th>Next cycle</th><th>Progress</th><th>Users / groups</th><th></th></tr></thead>
  <tbody></tbody>
</table>

<h2>Provisioning log</h2>
<form class="filters" id="filters">
  <label>Job <select name="job" id="filter-job"></select></label>
  <label>Action <select name="action"><option value="">any</option><option>Create</option><option>Update</option><option>Disable</option><option>Delete</option><option>StagedDelete</option><option>Other</option></select></label>
  <label>Status <select name="status"><option value="">any</option><option>Success</option><option>Failure</option><option>Skipped</option><option>Warning</option></select></label>
  <label>Object <input name="object" placeholder="id or userPrincipalName"></label>
  <button type="submit">Filter</button>
</form>
<table id="logs">
  <thead><tr><th>Time</th><th>Action</th><th>Status</th><th>Object</th><th>Type</th><th>Reason</th></tr></thead>
  <tbody></tbody>
</table>

<section id="detail" hidden>
  <h2 id="detail-title"></h2>
  <p id="detail-reason" class="muted"></p>
  <h3>Steps</h3>
  <table id="detail-steps"><thead><tr><th>Step</th><th>Type</th><th>Status</th><th>Description</th><th>Details</th></tr></thead><tbody></tbody></table>
  <h3>Modified properties</h3>
  <table id="detail-properties"><thead><tr><th>Property</th><th>Old value</th><th>New value</th></tr></thead><tbody></tbody></table>
</section>

<script>
"use strict";
var entries = [];

function el(tag, text, cls) {
  var node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}
function row(cells) {
  var tr = document.createElement("tr");
  cells.forEach(function (c) { var td = document.createElement("td"); if (c instanceof Node) td.appendChild(c); else td.textContent = c === null || c === undefined ? "" : String(c); tr.appendChild(td); });
  return tr;
}
function when(iso) { return iso ? new Date(iso).toLocaleString() : "never"; }
// The daemon's next cycle: none while paused or disabled; in quarantine, the back-off's attempt, said so.
function nextCycle(job) {
  var d = job.daemon;
  if (job.schedule.state === "Paused") return "none (paused)";
  if (job.status.quarantine && job.status.quarantine.disabled) return "none (disabled by quarantine)";
  if (!d || !d.nextCycle) return "—";
  return d.nextCycleBasis === "quarantineBackOff" ? "attempt " + when(d.nextCycle) + " (quarantine back-off)" : when(d.nextCycle);
}
function api(path, init) {
  return fetch(path, init).then(function (r) {
    return r.json().then(function (body) { if (!r.ok) throw new Error(body.error || ("HTTP " + r.status)); return body; });
  });
}
function showError(e) { document.getElementById("error").textContent = e ? String(e.message || e) : ""; }

function renderJobs(jobs) {
  var body = document.querySelector("#jobs tbody");
  var banners = document.getElementById("banners");
  body.replaceChildren();
  banners.replaceChildren();
  var select = document.getElementById("filter-job");
  if (select.options.length === 0) jobs.forEach(function (j) { select.appendChild(el("option", j.id)); });
  jobs.forEach(function (job) {
    var s = job.status;
    if (s.quarantine) {
      var q = s.quarantine;
      var b = el("div", "Job " + job.id + " is in quarantine (" + q.reason + (q.error ? ": " + q.error.message : "") +
        ") since " + when(q.seriesBegan) + ". " + (q.disabled ? "It is disabled until an administrator restarts it." :
        "Next attempt " + when(q.nextAttempt) + "."), "banner");
      b.setAttribute("data-testid", "quarantine-banner");
      banners.appendChild(b);
    }
    var progress;
    if (s.progress.length > 0) {
      progress = document.createElement("progress");
      progress.max = s.progress[0].totalUnits;
      // No value while nothing is counted yet: the bar is indeterminate (it moves), which is the truth.
      if (s.progress[0].completedUnits > 0) progress.value = s.progress[0].completedUnits;
      progress.title = "cycle running";
      progress.setAttribute("data-testid", "cycle-progress");
    } else {
      progress = el("span", "idle", "muted");
    }
    var last = s.lastExecution ? s.lastExecution.state + " at " + when(s.lastExecution.timeEnded) : "never";
    var counts = s.synchronizedEntryCountByType.map(function (c) { return c.value; }).join(" / ");
    var actions = document.createElement("span");
    var toggle = el("button", job.schedule.state === "Paused" ? "Resume" : "Pause");
    toggle.onclick = function () { act(job.id, job.schedule.state === "Paused" ? "resume" : "pause"); };
    var run = el("button", "Run now");
    run.onclick = function () { act(job.id, "run"); };
    actions.append(toggle, " ", run);
    var next = el("span", nextCycle(job));
    next.setAttribute("data-testid", "next-cycle");
    var tr = row([job.id, job.templateId, el("span", s.code, "code-" + s.code), last,
      next, progress, counts, actions]);
    tr.setAttribute("data-testid", "job-row");
    tr.setAttribute("data-job", job.id);
    body.appendChild(tr);
  });
}

function act(job, action) {
  api("/api/jobs/" + encodeURIComponent(job) + "/" + action, { method: "POST" }).then(function () { showError(null); refreshJobs(); }, showError);
}

function refreshJobs() {
  return api("/api/jobs").then(function (r) { renderJobs(r.value); }, showError);
}

function refreshLogs() {
  var form = new FormData(document.getElementById("filters"));
  var job = form.get("job");
  if (!job) return Promise.resolve();
  var params = new URLSearchParams();
  ["action", "status", "object"].forEach(function (k) { var v = form.get(k); if (v) params.set(k, String(v)); });
  params.set("limit", "200");
  return api("/api/jobs/" + encodeURIComponent(String(job)) + "/logs?" + params.toString()).then(function (r) {
    entries = r.value;
    var body = document.querySelector("#logs tbody");
    body.replaceChildren();
    entries.forEach(function (e, i) {
      var tr = row([when(e.activityDateTime), e.action, el("span", e.status, e.status), e.sourceDisplayName, e.objectType, e.reason]);
      tr.className = "entry";
      tr.setAttribute("data-testid", "log-row");
      tr.onclick = function () { showDetail(i); };
      body.appendChild(tr);
    });
  }, showError);
}

function showDetail(i) {
  var e = entries[i];
  var detail = document.getElementById("detail");
  document.getElementById("detail-title").textContent = e.action + " " + e.objectType + " " + e.sourceDisplayName + ": " + e.status;
  document.getElementById("detail-reason").textContent = (e.errorCode ? e.errorCode + ": " : "") + e.reason;
  var steps = document.querySelector("#detail-steps tbody");
  steps.replaceChildren();
  e.steps.forEach(function (s) {
    var details = Object.keys(s.details).map(function (k) { return k + ": " + s.details[k]; }).join("; ");
    var tr = row([s.name, s.type, el("span", s.status, s.status.charAt(0).toUpperCase() + s.status.slice(1)), s.description, details]);
    tr.setAttribute("data-testid", "detail-step");
    steps.appendChild(tr);
  });
  var props = document.querySelector("#detail-properties tbody");
  props.replaceChildren();
  e.modifiedProperties.forEach(function (p) {
    var tr = row([p.displayName, p.oldValue === null ? "—" : p.oldValue, p.newValue === null ? "—" : p.newValue]);
    tr.setAttribute("data-testid", "detail-property");
    props.appendChild(tr);
  });
  detail.hidden = false;
}

document.getElementById("filters").addEventListener("submit", function (ev) { ev.preventDefault(); refreshLogs(); });
refreshJobs().then(refreshLogs);
setInterval(refreshJobs, 2000);
</script>
</body>
</html>
`;
