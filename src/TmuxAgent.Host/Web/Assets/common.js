// TmuxAgent dashboard pages: helpers shared by the board and the branch page. Text is always set as text, never as HTML.
"use strict";
const $ = (id) => document.getElementById(id);

// Bidi controls (which reorder what is shown) and other control characters are drawn as visible marks: U+202E
// shows as "⟦U+202E⟧", so a command reads in the order it is typed.
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

// A branch's path on this site: every segment escaped, the slashes kept (/branches/demo/web).
function branchPath(branch) {
  return String(branch).split("/").map(encodeURIComponent).join("/");
}

// Calls onEvent(data) for every store event pushed by /api/stream (after `after`, or from now) and onReady() at each
// (re)connection; the browser reconnects by itself with Last-Event-ID, so nothing is missed. Returns the EventSource.
function liveEvents(query, onEvent, onReady, onDown) {
  const source = new EventSource("/api/stream" + (query ? "?" + query : ""));
  source.addEventListener("ready", () => onReady());
  source.onmessage = (m) => { try { onEvent(JSON.parse(m.data)); } catch (e) { /* not ours */ } };
  source.onerror = () => onDown(source.readyState === EventSource.CLOSED);
  return source;
}

// Runs fn at most once per `ms`, and once more after the last call.
function debounce(fn, ms) {
  let timer = null;
  return () => { if (timer === null) timer = setTimeout(() => { timer = null; fn(); }, ms); };
}
