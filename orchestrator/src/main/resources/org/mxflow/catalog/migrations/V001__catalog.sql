-- mxflow catalog, version 1: the ISPyB-like essentials (session, pins, datasets, processing
-- units with attempts, per-shell statistics, merges and the units they used).
-- Times are ISO-8601 UTC text; durations in seconds.

CREATE TABLE session (
    id           INTEGER PRIMARY KEY,
    root         TEXT NOT NULL UNIQUE,     -- the beamtime root (raw data and processing trees)
    sheet        TEXT,                     -- the sample sheet used last, or NULL
    created_at   TEXT NOT NULL
);

CREATE TABLE pin (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL REFERENCES session(id),
    name         TEXT NOT NULL,            -- directory name, PuckID-PinID
    sample_name  TEXT NOT NULL DEFAULT '', -- merge key; '' when the pin is not in the sheet
    mode         TEXT,                     -- multi, helical, single
    UNIQUE (session_id, name)
);

-- A data collection: one rotation series (or EIGER trigger) found complete on disk.
CREATE TABLE dataset (
    id           INTEGER PRIMARY KEY,
    pin_id       INTEGER NOT NULL REFERENCES pin(id),
    rel_dir      TEXT NOT NULL,            -- image directory relative to the root
    prefix       TEXT NOT NULL,
    template     TEXT NOT NULL,
    format       TEXT NOT NULL,            -- CBF or EIGER
    first_frame  INTEGER NOT NULL,
    last_frame   INTEGER NOT NULL,
    osc_width_deg REAL,
    found_at     TEXT NOT NULL,            -- when discovery first saw it complete
    UNIQUE (rel_dir, prefix, first_frame, last_frame)
);

-- The queue and the record of work: one row per working directory.
CREATE TABLE unit (
    id           INTEGER PRIMARY KEY,
    pin_id       INTEGER NOT NULL REFERENCES pin(id),
    dataset_id   INTEGER REFERENCES dataset(id),   -- NULL for raster-scan hit maps
    kind         TEXT NOT NULL,            -- process | hitmap
    tree         TEXT NOT NULL,            -- _kamoproc | _kamo_30deg
    work_dir     TEXT NOT NULL UNIQUE,     -- relative to the root
    source       TEXT NOT NULL,            -- image template or raster-scan directory, relative to the root
    first_frame  INTEGER NOT NULL,
    last_frame   INTEGER NOT NULL,
    sample_name  TEXT NOT NULL DEFAULT '',
    priority     INTEGER NOT NULL,         -- lower runs first
    state        TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
    generation   INTEGER NOT NULL DEFAULT 1, -- raised by rerun
    attempts     INTEGER NOT NULL DEFAULT 0, -- attempts in this generation
    not_before   TEXT,                     -- back-off: do not start before this time
    owner        TEXT,                     -- host:pid of the process running it
    started_at   TEXT,
    finished_at  TEXT,
    elapsed_s    REAL,
    host         TEXT,
    error        TEXT,
    error_kind   TEXT,                     -- transient | deterministic
    result_json  TEXT                      -- the engine's summary (spot counts, ...)
);
CREATE INDEX unit_queue ON unit(state, priority, id);

CREATE TABLE attempt (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    generation   INTEGER NOT NULL,
    number       INTEGER NOT NULL,
    host         TEXT NOT NULL,
    pid          INTEGER NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    outcome      TEXT,                     -- done | failed | interrupted | retry
    message      TEXT,
    UNIQUE (unit_id, generation, number)
);

-- Per-shell statistics of a unit's corrected reflections (filled when the engine integrates).
CREATE TABLE shell_statistics (
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    d_max_a      REAL NOT NULL,
    d_min_a      REAL NOT NULL,
    observations INTEGER,
    unique_reflections INTEGER,
    completeness_pct REAL,
    multiplicity REAL,
    i_over_sigma REAL,
    r_meas_pct   REAL,
    cc_half_pct  REAL,
    PRIMARY KEY (unit_id, d_max_a)
);

CREATE TABLE merge (
    id           INTEGER PRIMARY KEY,
    tree         TEXT NOT NULL,
    sample_name  TEXT NOT NULL,
    clustering   TEXT NOT NULL,            -- blend | cc
    directory    TEXT NOT NULL,            -- merge_<clustering>_<d>S_<sample>, relative to the root
    state        TEXT NOT NULL,            -- pending | waiting | done | failed
    input_signature TEXT,                  -- the finished units (id:generation) it was last computed from
    changed_at   TEXT,                     -- when its input set last changed (debounce)
    finished_at  TEXT,
    message      TEXT,
    UNIQUE (tree, sample_name, clustering)
);

CREATE TABLE merge_unit (
    merge_id     INTEGER NOT NULL REFERENCES merge(id),
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    generation   INTEGER NOT NULL,
    PRIMARY KEY (merge_id, unit_id)
);
