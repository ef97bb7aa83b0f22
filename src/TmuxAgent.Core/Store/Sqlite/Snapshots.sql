-- Migration 2: snapshots (Store/Snapshots). One row per name: the host's board (host/board, position = a global
-- position) and the stream snapshots `store compact` leaves (stream/<stream>, position = a stream version).
CREATE TABLE snapshots (
    name     TEXT    PRIMARY KEY,
    shape    TEXT    NOT NULL,  -- the state shape it was written with (StateShape); another shape is not trusted
    position INTEGER NOT NULL,
    data     BLOB    NOT NULL,  -- SHA-256 of the JSON, then the JSON
    taken    TEXT    NOT NULL   -- ISO 8601 round-trip format
);
