-- mxflow catalog, version 2: every process that worked on the root (run, watch, rerun), so
-- status can say who is working now and crashes are visible afterwards.
CREATE TABLE run (
    id           INTEGER PRIMARY KEY,
    command      TEXT NOT NULL,            -- run | watch | rerun
    host         TEXT NOT NULL,
    pid          INTEGER NOT NULL,
    started_at   TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL,            -- refreshed while the process lives
    stopped_at   TEXT,                     -- NULL: still running, or killed (heartbeat shows when)
    exit_status  TEXT
);
