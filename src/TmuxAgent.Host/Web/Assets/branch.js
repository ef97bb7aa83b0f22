// TmuxAgent branch page: the branch's story from the event store, newest first, updated as events are appended
// (/api/stream), and the last lines of its pane (read-only). Every text goes in as text, never as HTML.
"use strict";
const branch = location.pathname.slice("/branches/".length).split("/").map(decodeURIComponent).join("/");
const api = "/api/branches/" + branchPath(branch);
const PAGE = 50;
let newest = null;        // the last answer for the newest page
let older = [];           // entries of older pages the user asked for
let nextBefore = null;    // where the next older page starts
let fresh = 0;            // events pushed for this branch since the newest page was read
let source = null;
let polling = null;

function time(at) { return new Date(at * 1000).toLocaleTimeString(); }
function kind() { return $("kind").value; }

function query(before, limit) {
  const q = new URLSearchParams({ limit: String(limit) });
  if (before) q.set("before", String(before));
  if (kind()) q.set("kind", kind());
  return api + "/events?" + q.toString();
}

function stepLine(s) {
  return el("li", { class: "step state-" + s.state },
    el("span", { class: "badge state" }, s.state), " ",
    s.who ? el("span", { class: "who" }, "by ", el("b", {}, visible(s.who)), s.channel ? " (" + visible(s.channel) + ")" : "") : null,
    s.comment ? el("q", { class: "comment" }, visible(s.comment)) : null,
    s.detail ? el("span", { class: "detail" }, " ", visible(s.detail)) : null,
    el("span", { class: "when" }, " ", time(s.at)));
}

function body(e) {
  switch (e.kind) {
    case "command":
      return [
        el("code", { class: "cmd" }, e.text === undefined ? "(" + e.command_id + ")" : visible(e.text)),
        el("div", { class: "meta" },
          e.risk_level ? el("span", { class: "badge risk-" + e.risk_level }, visible(e.risk_level)) : null,
          e.exit_status !== undefined ? el("span", { class: "exit " + (e.exit_status === 0 ? "ok" : "bad") }, "exit " + e.exit_status) : null,
          e.duration_seconds !== undefined ? el("span", { class: "duration" }, e.duration_seconds + " s") : null,
          el("span", {}, e.command_id)),
        el("ol", { class: "plain steps" }, (e.steps || []).map(stepLine))];
    case "decision":
    case "decision_error":
      return [
        e.summary !== undefined ? el("p", { class: "summary" }, visible(e.summary)) : null,
        e.error_kind ? el("p", { class: "error" }, el("b", {}, e.error_kind), " ", visible(e.message || "")) : null,
        e.state === "repeated" ? el("p", { class: "repeated" }, visible(e.message || "")) : null,
        e.proposed && e.proposed.length ? el("ul", { class: "plain proposed" }, e.proposed.map((p) => el("li", {}, el("code", { class: "cmd" }, visible(p))))) : null,
        el("div", { class: "meta" },
          e.latency_seconds !== undefined ? el("span", {}, "answered in " + e.latency_seconds + " s") : el("span", {}, e.state),
          e.phase ? el("span", {}, "phase ", el("b", {}, visible(e.phase))) : null,
          e.blockers && e.blockers.length ? el("span", { class: "blocker" }, "blockers: " + e.blockers.map(visible).join("; ")) : null,
          e.consecutive_failures ? el("span", {}, e.consecutive_failures + " in a row") : null)];
    case "phase": return [el("p", {}, visible(e.from_phase || ""), " → ", el("b", {}, visible(e.phase || "")))];
    case "blocked": return [el("p", { class: "blocker" }, "waiting for " + (e.blockers || []).map(visible).join(", "))];
    case "unblocked": return [el("p", {}, visible(e.message || ""))];
    case "summary": return [el("p", {}, visible(e.summary || ""))];
    case "stuck": return [el("p", {}, el("b", {}, e.state), " ", visible(e.message || "")),
      e.proposed && e.proposed.length ? el("code", { class: "cmd" }, visible(e.proposed[0])) : null];
    case "delegate": return [el("ul", { class: "plain" }, (e.proposed || []).map((p) => el("li", {}, el("code", { class: "cmd" }, visible(p)))))];
    case "plan": return [el("p", {}, visible(e.summary || ""), e.phase ? " (starts in " + visible(e.phase) + ")" : "")];
    default: return [el("p", {}, e.events.join(", "))];
  }
}

function entry(e) {
  const attrs = { class: "card entry kind-" + e.kind, "data-position": String(e.position), "data-kind": e.kind };
  if (e.command_id) attrs["data-command-id"] = e.command_id;
  if (e.state) attrs["data-state"] = e.state;
  return el("article", attrs,
    el("div", { class: "entry-head" }, el("span", { class: "badge kind" }, e.kind.replace("_", " ")), " ",
      el("span", { class: "when" }, time(e.at)), " ", el("span", { class: "position" }, "#" + e.position),
      e.notification ? el("span", { class: "badge notified", title: visible(e.notification) }, "notified") : null),
    body(e));
}

function facts(a) {
  $("facts-line").replaceChildren(
    el("span", {}, a.configured ? "a task of this host" : "not a task of this host (read from the store)"),
    el("span", { class: "lease" }, "lease ", el("b", {}, a.lease_holder ? visible(a.lease_holder) + (a.held_here ? " (this host)" : "") : "free")),
    el("span", {}, "store position ", el("b", {}, String(a.last_position))));
  $("pane-section").classList.toggle("hidden", !a.show_panes);
}

function draw() {
  const all = (newest ? newest.entries : []).concat(older);
  $("timeline").replaceChildren(...(all.length ? all.map(entry) : [el("p", { class: "empty" }, "No events.")]));
  $("older").classList.toggle("hidden", nextBefore === null);
}

async function readNewest() {
  const limit = Math.min(500, (older.length && newest ? newest.events_read : PAGE) + fresh);
  fresh = 0;
  const r = await fetch(query(null, limit), { cache: "no-store" });
  const a = await r.json();
  if (!r.ok) throw new Error(a.error || "HTTP " + r.status);
  if (older.length && a.events_read >= 500) older = [];
  newest = a;
  if (!older.length) nextBefore = a.next_before === undefined ? null : a.next_before;
  facts(a);
  draw();
  $("status").textContent = "live · " + new Date().toLocaleTimeString();
  return a;
}

async function readOlder() {
  const r = await fetch(query(nextBefore, PAGE), { cache: "no-store" });
  const a = await r.json();
  if (!r.ok) return;
  older = older.concat(a.entries);
  nextBefore = a.next_before === undefined ? null : a.next_before;
  draw();
}

const refresh = debounce(() => readNewest().catch((e) => { $("status").textContent = "no answer (" + e.message + ")"; }), 100);

function connect(after) {
  source = liveEvents("after=" + after + "&branch=" + encodeURIComponent(branch),
    (e) => { if (e.branch === branch) { fresh++; refresh(); } },
    () => { if (polling) { clearInterval(polling); polling = null; } refresh(); },
    (closed) => {
      $("status").textContent = "reconnecting…";
      if (closed && !polling) polling = setInterval(refresh, 2000);   // fallback only while the stream is down for good
    });
}

async function pane() {
  if (!newest || !newest.show_panes) return;
  try {
    const r = await fetch(api + "/pane", { cache: "no-store" });
    const p = await r.json();
    if (!r.ok) return;
    $("pane-verdict").replaceChildren(...[
      p.busy === undefined ? el("span", {}, "not looked at") :
        el("span", { class: p.busy ? "busy" : "idle" }, el("b", {}, p.busy ? "busy" : "idle"), " — " + visible(p.why || "")),
      p.agent ? el("span", {}, "agent " + visible(p.agent)) : null,
      p.seen_at ? el("span", {}, "judged " + age(Date.now() / 1000 - p.seen_at)) : null,
      p.available ? null : el("span", { class: "reason" }, visible(p.reason || ""))].filter((x) => x !== null));
    $("pane-lines").textContent = p.available ? p.lines.map(visible).join("\n") : "";
  } catch (e) { /* the next look tries again */ }
}

document.addEventListener("DOMContentLoaded", async () => {
  $("branch-name").textContent = visible(branch);
  document.title = "TmuxAgent · " + visible(branch);
  $("older").addEventListener("click", readOlder);
  $("kind").addEventListener("change", () => { older = []; nextBefore = null; refresh(); });
  try {
    const first = await readNewest();
    connect(first.last_position);
  } catch (e) {
    $("status").textContent = "no answer (" + e.message + ")";
    polling = setInterval(refresh, 2000);
  }
  pane();
  setInterval(pane, 2000);
});
