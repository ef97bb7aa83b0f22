// TmuxAgent phone approval portal: lists pending confirmations; Approve/Deny post to /api/confirmations.
// Signing in: the token typed into the form, or a one-time link (#code=…) whose code is exchanged by POST for a device
// token; either is kept in localStorage on this device. No secret is ever put in a URL (a browser keeps visited URLs in
// its history): a used code is worthless, and an old #token=… link is refused. A link's #who=… is applied only after
// the user confirms it on the page. Helpers (el, visible) are in common.js.
"use strict";
const TOKEN_KEY = "tmuxagent.approval_token";
const WHO_KEY = "tmuxagent.who";

function takeLink() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  if (params.get("token")) say("This link carries the approval token itself, which the browser keeps in its history, so it is not accepted. Ask for a new sign-in link.", "error");
  const who = (params.get("who") || "").trim();
  if (who) offerWho(who);
  const code = (params.get("code") || "").trim();
  if (code) redeem(code);
}

async function redeem(code) {
  const r = await fetch("/api/sign-in", { method: "POST", cache: "no-store", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code: code }) })
    .catch(() => null);
  if (r && r.ok) {
    localStorage.setItem(TOKEN_KEY, (await r.json()).token);
    say("Signed in on this device.", "ok");
    shown = ""; load();
  } else say(r && r.status === 429 ? "Too many wrong tries from here; wait a little." : "This sign-in link is wrong, expired or already used. Ask for a new one.", "error");
}

function currentWho() { return localStorage.getItem(WHO_KEY) || "portal"; }
function showWho() { $("who").textContent = "as " + currentWho(); }

function offerWho(who) {
  if (who === currentWho()) return;
  $("who-offer-name").textContent = who;
  $("who-offer-current").textContent = currentWho();
  $("who-offer").classList.remove("hidden");
  $("who-accept").onclick = () => { localStorage.setItem(WHO_KEY, who); $("who-offer").classList.add("hidden"); showWho(); };
  $("who-keep").onclick = () => $("who-offer").classList.add("hidden");
}

function say(text, kind) {
  const m = $("message");
  m.textContent = text || "";
  m.className = "notice" + (kind ? " " + kind : "") + (text ? "" : " hidden");
}

function signedIn(yes) {
  $("sign-in").classList.toggle("hidden", yes);
  $("sign-out").classList.toggle("hidden", !yes);
  $("pending").classList.toggle("hidden", !yes);
}

function api(method, body) {
  return fetch("/api/confirmations", {
    method: method, cache: "no-store",
    headers: Object.assign({ "Authorization": "Bearer " + localStorage.getItem(TOKEN_KEY) }, body ? { "Content-Type": "application/json" } : {}),
    body: body ? JSON.stringify(body) : undefined,
  });
}

function ago(ts) {
  const s = Math.max(0, Math.round(Date.now() / 1000 - ts));
  return s < 60 ? s + " s ago" : s < 3600 ? Math.floor(s / 60) + " min ago" : Math.floor(s / 3600) + " h ago";
}

async function decide(item, action, card) {
  card.querySelectorAll("button").forEach((b) => (b.disabled = true));
  const comment = card.querySelector("textarea").value.trim();
  const r = await api("POST", { branch: item.branch, id: item.id, action: action, comment: comment || null, who: currentWho() })
    .catch((e) => ({ ok: false, status: 0, json: async () => ({ error: e.message }) }));
  const body = await r.json().catch(() => ({}));
  if (r.ok) say((action === "approve" ? "Approved: " : "Denied: ") + visible(item.text), "ok");
  else if (r.status === 401) { say("The token was refused. Sign in again.", "error"); localStorage.removeItem(TOKEN_KEY); signedIn(false); }
  else say(body.error || "The host did not answer.", "error");
  load();
}

function card(item) {
  const c = el("article", { class: "card confirmation", "data-id": item.id, "data-branch": item.branch },
    el("h2", {}, item.branch),
    el("p", { class: "title" }, item.title || item.session),
    el("code", { class: "cmd" }, visible(item.text)),
    el("div", { class: "meta" }, el("span", { class: "badge risk-" + item.risk_level }, visible(item.risk_level)),
      item.reason ? el("span", { class: "reason" }, visible(item.reason)) : null, el("span", {}, ago(item.requested_at)), el("span", {}, item.id)),
    el("textarea", { rows: "2", placeholder: "comment (optional)", "aria-label": "comment" }),
    el("div", { class: "actions" },
      el("button", { type: "button", class: "approve" }, "Approve"),
      el("button", { type: "button", class: "deny" }, "Deny")));
  c.querySelector("button.approve").addEventListener("click", () => decide(item, "approve", c));
  c.querySelector("button.deny").addEventListener("click", () => decide(item, "deny", c));
  return c;
}

let shown = "";
async function load() {
  if (!localStorage.getItem(TOKEN_KEY)) { signedIn(false); $("status").textContent = "signed out"; return; }
  signedIn(true);
  let r;
  try { r = await api("GET"); } catch (e) { $("status").textContent = "offline"; return; }
  if (r.status === 401) { localStorage.removeItem(TOKEN_KEY); signedIn(false); say("The token was refused. Sign in again.", "error"); return; }
  if (!r.ok) { $("status").textContent = "HTTP " + r.status; return; }
  const data = await r.json();
  $("status").textContent = data.pending.length + " pending";
  const key = data.pending.map((p) => p.branch + "/" + p.id).join(",");
  if (key === shown) return; // keep typed comments while nothing changed
  shown = key;
  $("pending").replaceChildren(...(data.pending.length ? data.pending.map(card) : [el("p", { class: "card empty" }, "Nothing waits for approval.")]));
}

document.addEventListener("DOMContentLoaded", () => {
  takeLink();
  window.addEventListener("hashchange", takeLink);   // a link opened in a tab already on the page
  showWho();
  $("token-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const t = $("token-input").value.trim(), w = $("who-input").value.trim();
    if (t) localStorage.setItem(TOKEN_KEY, t);
    if (w) localStorage.setItem(WHO_KEY, w);
    showWho();
    $("token-input").value = ""; say("");
    shown = ""; load();
  });
  $("sign-out").addEventListener("click", () => { localStorage.removeItem(TOKEN_KEY); shown = ""; signedIn(false); say("Signed out.", "ok"); });
  load();
  setInterval(load, 3000);
});
