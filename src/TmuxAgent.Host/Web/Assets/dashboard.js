// TmuxAgent dashboard: polls /api/orchestrator and draws one "Orchestrator" column per branch.
// Approve/Deny post to the phone portal's API with the token kept in this browser.
"use strict";
const TOKEN_KEY = "tmuxagent.approval_token";
const $ = (id) => document.getElementById(id);
let portalPort = null;
let last = null;

// Bidi controls (which reorder what is shown) and other control characters are drawn as visible marks: U+202E
// shows as "⟦U+202E⟧", so a command reads in the order it is typed. Text is always set as text, never as HTML.
function visible(text) {
  return String(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => "\u27e6U+" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0") + "\u27e7");
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function age(seconds) {
  if (seconds === null || seconds === undefined) return "never";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return s + " s ago";
  if (s < 3600) return Math.floor(s / 60) + " min ago";
  return Math.floor(s / 3600) + " h ago";
}

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

function column(b, now) {
  const current = b.phases.indexOf(b.phase);
  const state = b.waiting_on.length ? el("span", { class: "badge blocked" }, "blocked")
    : b.completed ? el("span", { class: "badge done" }, "done") : el("span", { class: "badge ok" }, "active");
  return el("section", { class: "card branch", "data-branch": b.branch },
    el("h2", {}, b.branch, " ", state),
    el("p", { class: "title" }, b.title || ""),
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
    const pending = last.branches.reduce((n, b) => n + b.pending.length, 0);
    $("status").textContent = last.branches.length + " branches · " + pending + " pending" + (last.dry_run ? " · dry run" : "") +
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
  refresh();
  setInterval(refresh, 2000);
});
