-- Migration 1: the event log.
-- Applied by Migrations.cs inside one BEGIN IMMEDIATE transaction; recorded in schema_version.

-- One row per stream, in order of creation; version is the 0-based version of its last event (-1: none yet).
CREATE TABLE streams (
    stream_id INTEGER PRIMARY KEY,
    name      TEXT    NOT NULL UNIQUE,
    version   INTEGER NOT NULL
);

-- Every event once. position is the global order: AUTOINCREMENT never reuses a number, and a rolled-back
-- transaction does not advance it, so positions are strictly increasing and gap-free.
CREATE TABLE events (
    position   INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id   TEXT    NOT NULL UNIQUE,
    stream     TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    event_type TEXT    NOT NULL,
    data       TEXT    NOT NULL,  -- the event as JSON (UTF-8)
    created    TEXT    NOT NULL,  -- ISO 8601 round-trip format, offset kept
    UNIQUE (stream, version)
);
