// TmuxAgent dashboard: draws one "Orchestrator" column per branch from /api/orchestrator, read again whenever the store
// gets an event (/api/stream, Server-Sent Events). Approve/Deny post to the phone portal's API with the token kept in
// this browser. Helpers (el, visible, age, liveEvents) are in common.js.
"use strict";
const TOKEN_KEY = "tmuxagent.approval_token";
let portalPort = null;
let last = null;
let polling = null;

function portalUrl(path) {
  return location.protocol + "//" + location.hostname + ":" + portalPort + path;
}

function say(text, kind) {
  const m = $("message");
  m.textContent = text; m.className = "notice spaced" + (kind ? " " + kind : "");
  if (!text) m.classList.add("hidden");
}

async function decide(branch, item, action, buttons) {
  const token = localStorage.getItem(TOKEN_KEY);
  if (!token) { $("token-panel").classList.remove("hidden"); say("Enter the approval token first.", "error"); return; }
  buttons.forEach((b) => (b.disabled = true));
  try {
    const r = await fetch(portalUrl("/api/confirmations"), {
      method: "POST",
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
      body: JSON.stringify({ branch: branch, id: item.id, action: action, who: "dashboard" }),
    });
    const body = await r.json().catch(() => ({}));
    if (r.ok) say((action === "approve" ? "Approved " : "Denied ") + visible(item.text), "ok");
    else if (r.status === 401) { say("The approval token was refused.", "error"); $("token-panel").classList.remove("hidden"); }
    else say(body.error || ("HTTP " + r.status), "error");
  } catch (e) {
    say("The portal did not answer (" + e.message + ").", "error");
  }
  refresh();
}

function commandList(branch, items, pending, now) {
  if (!items.length) return el("p", { class: "empty" }, "none");
  return el("ul", { class: "plain" }, items.map((c) => {
    const li = el("li", { "data-id": c.id },
      el("code", { class: "cmd" }, visible(c.text)),
      el("div", { class: "meta" },
        el("span", { class: "badge risk-" + c.risk_level }, visible(c.risk_level)),
        c.reason ? el("span", { class: "reason" }, visible(c.reason)) : null,
        el("span", {}, age(now - c.requested_at)),
        c.approved ? el("span", {}, "approved") : null,
        el("span", {}, c.id)));
    if (pending && portalPort) {
      const approve = el("button", { type: "button", class: "approve" }, "Approve");
      const deny = el("button", { type: "button", class: "deny" }, "Deny");
      approve.addEventListener("click", () => decide(branch, c, "approve", [approve, deny]));
      deny.addEventListener("click", () => decide(branch, c, "deny", [approve, deny]));
      li.append(el("div", { class: "actions" }, approve, deny));
    }
    return li;
  }));
}

// The agent checks: stuck verdict, delegate suggestions (never typed), the last summaries of the agent's turns.
function agentReports(b, now) {
  const parts = [];
  if (b.stuck) {
    parts.push(el("div", { class: "label" }, "Stuck check"),
      el("p", { class: "stuck" + (b.stuck.stuck ? " blocker" : "") },
        el("span", { class: "badge " + (b.stuck.stuck ? "blocked" : "ok") }, b.stuck.stuck ? "stuck" : "not stuck"), " ",
        b.stuck.reason || "", " ", el("span", { class: "meta" }, age(now - b.stuck.at))),
      b.stuck.suggestion ? el("p", {}, "suggestion ", el("code", { class: "cmd" }, b.stuck.suggestion)) : null,
      b.stuck.evidence.length ? el("ul", { class: "plain evidence" }, b.stuck.evidence.map((x) => el("li", {}, el("code", {}, x)))) : null);
  }
  if (b.delegate_suggestions) {
    parts.push(el("div", { class: "label" }, "Delegate suggestions (not typed)"),
      el("ul", { class: "plain delegate" }, b.delegate_suggestions.commands.map((x) => el("li", {}, el("code", { class: "cmd" }, x)))));
  }
  parts.push(el("div", { class: "label" }, "Agent summaries (" + b.summaries.length + ")"),
    b.summaries.length ? el("ol", { class: "plain summaries" }, b.summaries.map((x) =>
      el("li", {}, x.text, " ", el("span", { class: "meta" }, age(now - x.at))))) : el("p", { class: "empty" }, "none yet"));
  return parts;
}

// Commands dispatched per hour over the last activity.window_hours hours, oldest on the left, as SVG bars.
function sparkline(a) {
  const NS = "http://www.w3.org/2000/svg";
  const max = Math.max(1, ...a.commands_per_hour);
  const w = 4, gap = 1, h = 24;
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("class", "sparkline");
  svg.setAttribute("width", String(a.commands_per_hour.length * (w + gap)));
  svg.setAttribute("height", String(h));
  svg.setAttribute("role", "img");
  const total = a.commands_per_hour.reduce((x, y) => x + y, 0);
  svg.setAttribute("aria-label", total + " commands in the last " + a.window_hours + " h");
  a.commands_per_hour.forEach((n, i) => {
    const bar = document.createElementNS(NS, "rect");
    const height = n === 0 ? 1 : Math.max(2, Math.round((n / max) * h));
    bar.setAttribute("x", String(i * (w + gap)));
    bar.setAttribute("y", String(h - height));
    bar.setAttribute("width", String(w));
    bar.setAttribute("height", String(height));
    bar.setAttribute("class", n === 0 ? "none" : "some");
    const title = document.createElementNS(NS, "title");
    title.textContent = n + " command(s), " + (a.commands_per_hour.length - 1 - i) + " h ago";
    bar.append(title);
    svg.append(bar);
  });
  return svg;
}

function activity(b, now) {
  const a = b.activity;
  if (!a) return null;
  const total = a.commands_per_hour.reduce((x, y) => x + y, 0);
  return el("div", { class: "activity" },
    sparkline(a),
    el("span", { class: "meta" }, total + " commands / " + a.window_hours + " h"),
    a.last_exit_status === null || a.last_exit_status === undefined ? el("span", { class: "meta last-exit" }, "no exit status yet")
      : el("span", { class: "meta last-exit " + (a.last_exit_status === 0 ? "ok" : "bad") }, "last exit ",
        el("b", {}, String(a.last_exit_status)), " " + age(now - a.last_exit_at)));
}

function column(b, now) {
  const current = b.phases.indexOf(b.phase);
  const state = b.waiting_on.length ? el("span", { class: "badge blocked" }, "blocked")
    : b.completed ? el("span", { class: "badge done" }, "done") : el("span", { class: "badge ok" }, "active");
  return el("section", { class: "card branch", "data-branch": b.branch },
    el("h2", {}, el("a", { class: "branch-link", href: "/branches/" + branchPath(b.branch) }, b.branch), " ", state),
    el("p", { class: "title" }, b.title || ""),
    activity(b, now),
    el("div", { class: "label" }, "Stage plan"),
    el("ol", { class: "stages" }, b.phases.map((p, i) =>
      el("li", { class: i === current ? "current" : i < current ? "done" : "", "aria-current": i === current ? "step" : "false" }, p))),
    el("div", { class: "label" }, "Blockers"),
    b.blockers.length ? el("ul", { class: "plain blockers" }, b.blockers.map((x) => el("li", { class: "blocker" }, x))) : el("p", { class: "empty" }, "none"),
    el("div", { class: "label" }, "Pending confirmations (" + b.pending.length + ")"),
    commandList(b.branch, b.pending, true, now),
    el("div", { class: "label" }, "Queued commands (" + b.queued.length + ")"),
    commandList(b.branch, b.queued, false, now),
    el("div", { class: "label" }, "Last decision"),
    el("p", { class: b.last_summary ? "" : "empty" }, b.last_summary || "none yet"),
    agentReports(b, now),
    el("div", { class: "meta" },
      el("span", {}, "responsible ", el("b", {}, b.responsible || "—")),
      el("span", { class: "heartbeat" }, "heartbeat ", el("b", {}, age(b.heartbeat === null ? null : now - b.heartbeat))),
      el("span", {}, "session ", el("b", {}, b.session)),
      b.agent ? el("span", { class: "agent agent-" + b.agent.state, title: b.agent.error_line || "" },
        b.agent.profile + " ", el("b", {}, b.agent.state)) : null,
      b.lease_holder && !b.held_here ? el("span", { class: "lease" }, "held by ", el("b", {}, b.lease_holder)) : null));
}

async function refresh() {
  try {
    const r = await fetch("/api/orchestrator", { cache: "no-store" });
    if (!r.ok) throw new Error("HTTP " + r.status);
    last = await r.json();
    portalPort = last.portal_port;
    $("portal-link").href = portalPort ? portalUrl("/") : "#";
    const main = $("branches");
    main.replaceChildren(...(last.branches.length ? last.branches.map((b) => column(b, last.generated_at))
      : [el("p", { class: "empty" }, "No tasks configured.")]));
    const t = last.totals;
    $("status").textContent = last.branches.length + " branches · " + t.queued + " queued · " + t.pending + " pending · heartbeat " +
      age(t.last_heartbeat === null ? null : last.generated_at - t.last_heartbeat) + (last.dry_run ? " · dry run" : "") +
      " · " + new Date(last.generated_at * 1000).toLocaleTimeString();
  } catch (e) {
    $("status").textContent = "no answer from the host (" + e.message + ")";
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("token-button").addEventListener("click", () => $("token-panel").classList.toggle("hidden"));
  $("token-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const v = $("token-input").value.trim();
    if (v) localStorage.setItem(TOKEN_KEY, v);
    $("token-input").value = "";
    $("token-panel").classList.add("hidden");
    say("Token saved in this browser.", "ok");
  });
  $("token-forget").addEventListener("click", () => { localStorage.removeItem(TOKEN_KEY); say("Token forgotten.", "ok"); });
  const soon = debounce(refresh, 100);
  liveEvents("", soon, () => { if (polling) { clearInterval(polling); polling = null; } soon(); }, (closed) => {
    if (closed && !polling) polling = setInterval(refresh, 2000);   // fallback only while the stream is down for good
  });
  refresh();
  setInterval(refresh, 10000);   // heartbeat ages move on without events
});
