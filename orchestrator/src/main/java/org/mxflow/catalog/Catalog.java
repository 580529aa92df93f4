package org.mxflow.catalog;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.mxflow.cell.UnitCell;
import org.mxflow.sheet.KnownSymmetry;
import org.mxflow.symmetry.SpaceGroups;

/**
 * The SQLite record of a beamtime: session, pins, datasets, processing units with their attempts,
 * per-shell statistics and merges. It is the single source of truth for what is done, and the
 * units table is the work queue itself (see {@link org.mxflow.schedule.Scheduler} for why).
 *
 * <p>Connection settings are those verified for SQLite under concurrent writers
 * (../shared/docs/dependencies.md §3): WAL, {@code transaction_mode=IMMEDIATE} so a transaction
 * takes the write lock when it begins instead of failing on upgrade, a 30 s busy timeout, and
 * {@code synchronous=FULL} so a committed state survives a kill -9. WAL needs local disk: keep the
 * catalog beside {@code _kamoproc/} only when the root is local, otherwise point {@code --catalog}
 * at a local path. One connection, used under this object's lock: catalog calls are short.
 *
 * <p>Each unit stores the sample sheet's space group and cell for its pin (V003), rather than
 * re-deriving them from the sheet on restart: a restart, a {@code rerun} or a {@code status} may
 * come without {@code --sheet}, and the record must say which prior a unit's outputs were made
 * with. A sheet given again replaces the stored prior of units not yet done (pending or failed),
 * so a corrected cell reaches the rerun of a unit that failed as "Incompatible cell"; done units
 * keep theirs until they are rerun.
 */
public final class Catalog implements Closeable {

    /** Schema migrations in order; {@code schema_version} records which have run. */
    static final List<String> MIGRATIONS = List.of("V001__catalog.sql", "V002__runs.sql", "V003__known_symmetry.sql");

    private final Path file;
    private final Connection db;

    private Catalog(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /** Opens (creating if needed) the catalog file and brings its schema up to date. */
    public static Catalog open(Path file) throws IOException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Properties p = new Properties();
            p.setProperty("journal_mode", "WAL");
            p.setProperty("transaction_mode", "IMMEDIATE");
            p.setProperty("busy_timeout", "30000");
            p.setProperty("synchronous", "FULL");
            p.setProperty("foreign_keys", "true");
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), p);
            Catalog catalog = new Catalog(file, c);
            catalog.migrate();
            return catalog;
        } catch (SQLException e) {
            throw new IOException("catalog " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The schema version this catalog is at (the number of migrations applied). */
    public synchronized int schemaVersion() throws IOException {
        return sql(() -> {
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT max(version) FROM schema_version")) {
                return r.next() ? r.getInt(1) : 0;
            }
        });
    }

    private void migrate() throws SQLException, IOException {
        try (Statement s = db.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        }
        // Each migration reads the version and applies the next script in one IMMEDIATE
        // transaction, so two processes opening a new catalog at once cannot both apply it.
        while (true) {
            db.setAutoCommit(false);
            try (Statement s = db.createStatement()) {
                int current;
                try (ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                    current = r.getInt(1);
                }
                if (current > MIGRATIONS.size()) {
                    throw new IOException("catalog " + file + " has schema version " + current + ", newer than this mxflow knows ("
                            + MIGRATIONS.size() + "); use a newer mxflow");
                }
                if (current == MIGRATIONS.size()) {
                    db.commit();
                    return;
                }
                String name = MIGRATIONS.get(current);
                for (String stmt : statements(script(name))) {
                    s.executeUpdate(stmt);
                }
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
                    ps.setInt(1, current + 1);
                    ps.setString(2, name);
                    ps.setString(3, Instant.now().toString());
                    ps.executeUpdate();
                }
                db.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        }
    }

    private static String script(String name) throws IOException {
        try (InputStream in = Catalog.class.getResourceAsStream("migrations/" + name)) {
            if (in == null) {
                throw new IOException("migration " + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Splits a migration script on ';' at line ends, dropping '--' comments. */
    static List<String> statements(String script) {
        StringBuilder clean = new StringBuilder();
        for (String line : script.split("\n")) {
            int c = line.indexOf("--");
            clean.append(c >= 0 ? line.substring(0, c) : line).append('\n');
        }
        List<String> out = new ArrayList<>();
        for (String part : clean.toString().split(";\\s*\n")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    // ---- session, pins, datasets, units ----------------------------------------------------

    /** The session of this root (created on first use); returns its id. */
    public synchronized long session(Path root, String sheet) throws IOException {
        return tx(() -> {
            String r = root.toAbsolutePath().normalize().toString();
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO session(root, sheet, created_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT(root) DO UPDATE SET sheet = coalesce(excluded.sheet, session.sheet)")) {
                ps.setString(1, r);
                ps.setString(2, sheet);
                ps.setString(3, Instant.now().toString());
                ps.executeUpdate();
            }
            return queryLong("SELECT id FROM session WHERE root = ?", r);
        });
    }

    /**
     * Registers units that are not yet known (by working directory), with their pins and datasets.
     * Known units are left as they are: a restart does not redo finished work.
     *
     * @return how many units were new
     */
    public synchronized int register(long sessionId, List<NewUnit> units) throws IOException {
        return tx(() -> {
            int added = 0;
            for (NewUnit u : units) {
                if (queryLong("SELECT count(*) FROM unit WHERE work_dir = ?", u.workDir()) > 0) {
                    if (u.inSheet()) {
                        // The sheet as given now, for units still to run; done units keep the prior their outputs were made with.
                        try (PreparedStatement ps = db.prepareStatement("UPDATE unit SET known_space_group = ?, known_cell = ? "
                                + "WHERE work_dir = ? AND state IN ('pending', 'failed')")) {
                            ps.setString(1, knownSpaceGroup(u.known()));
                            ps.setString(2, knownCell(u.known()));
                            ps.setString(3, u.workDir());
                            ps.executeUpdate();
                        }
                    }
                    continue;
                }
                long pin = pin(sessionId, u);
                Long dataset = u.datasetDir() == null ? null : dataset(pin, u);
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO unit(pin_id, dataset_id, kind, tree, work_dir, source, "
                        + "first_frame, last_frame, sample_name, priority, state, known_space_group, known_cell) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?, 'pending', ?, ?)")) {
                    ps.setLong(1, pin);
                    if (dataset == null) {
                        ps.setNull(2, java.sql.Types.INTEGER);
                    } else {
                        ps.setLong(2, dataset);
                    }
                    ps.setString(3, u.kind().word());
                    ps.setString(4, u.tree());
                    ps.setString(5, u.workDir());
                    ps.setString(6, u.source());
                    ps.setInt(7, u.firstFrame());
                    ps.setInt(8, u.lastFrame());
                    ps.setString(9, u.sampleName());
                    ps.setInt(10, u.priority());
                    ps.setString(11, knownSpaceGroup(u.known()));
                    ps.setString(12, knownCell(u.known()));
                    ps.executeUpdate();
                }
                added++;
            }
            return added;
        });
    }

    private static String knownSpaceGroup(KnownSymmetry k) {
        return k == null ? null : k.symbol();
    }

    /** The cell as exact decimal text ({@code Double.toString}), so it reads back to the same numbers. */
    private static String knownCell(KnownSymmetry k) {
        if (k == null || k.cell() == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (double v : k.cell().toArray()) {
            sb.append(sb.length() == 0 ? "" : " ").append(v);
        }
        return sb.toString();
    }

    /** The known symmetry stored with a unit, or null; a symbol this mxflow cannot read is a broken catalog. */
    private KnownSymmetry known(String workDir, String symbol, String cell) throws SQLException {
        if (symbol == null) {
            return null;
        }
        try {
            return new KnownSymmetry(symbol, SpaceGroups.bySymbol(symbol), cell == null ? null : UnitCell.parse(cell));
        } catch (IllegalArgumentException e) {
            throw new SQLException("catalog " + file + ", unit " + workDir + ": known symmetry '" + symbol + "' / '" + cell
                    + "' is unreadable: " + e.getMessage());
        }
    }

    private long pin(long sessionId, NewUnit u) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO pin(session_id, name, sample_name, mode) VALUES (?,?,?,?) "
                + "ON CONFLICT(session_id, name) DO UPDATE SET sample_name = excluded.sample_name, "
                + "mode = coalesce(excluded.mode, pin.mode)")) {
            ps.setLong(1, sessionId);
            ps.setString(2, u.pinId());
            ps.setString(3, u.sampleName());
            ps.setString(4, u.mode());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT id FROM pin WHERE session_id = ? AND name = ?")) {
            ps.setLong(1, sessionId);
            ps.setString(2, u.pinId());
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private long dataset(long pin, NewUnit u) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO dataset(pin_id, rel_dir, prefix, template, format, "
                + "first_frame, last_frame, osc_width_deg, found_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, pin);
            ps.setString(2, u.datasetDir());
            ps.setString(3, u.prefix());
            ps.setString(4, u.source());
            ps.setString(5, u.format());
            ps.setInt(6, u.datasetFirst());
            ps.setInt(7, u.datasetLast());
            if (Double.isNaN(u.oscWidthDeg())) {
                ps.setNull(8, java.sql.Types.REAL);
            } else {
                ps.setDouble(8, u.oscWidthDeg());
            }
            ps.setString(9, Instant.now().toString());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT id FROM dataset WHERE rel_dir = ? AND prefix = ? AND first_frame = ? AND last_frame = ?")) {
            ps.setString(1, u.datasetDir());
            ps.setString(2, u.prefix());
            ps.setInt(3, u.datasetFirst());
            ps.setInt(4, u.datasetLast());
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    // ---- the queue ---------------------------------------------------------------------------

    /** A unit claimed for running: the record and the attempt number it runs as. */
    public record Claim(UnitRecord unit, int attempt) {
    }

    /**
     * Claims the most urgent pending unit whose back-off has passed: in one IMMEDIATE transaction it
     * becomes running, owned by {@code host:pid}, with a new attempt row. Empty when none is ready.
     */
    public synchronized Optional<Claim> claimNext(String host, long pid, Instant now) throws IOException {
        return tx(() -> {
            Long id = null;
            try (PreparedStatement ps = db.prepareStatement("SELECT id FROM unit WHERE state = 'pending' "
                    + "AND (not_before IS NULL OR not_before <= ?) ORDER BY priority, id LIMIT 1")) {
                ps.setString(1, now.toString());
                try (ResultSet r = ps.executeQuery()) {
                    if (r.next()) {
                        id = r.getLong(1);
                    }
                }
            }
            if (id == null) {
                return Optional.<Claim>empty();
            }
            int number = (int) queryLong("SELECT coalesce(max(number), 0) + 1 FROM attempt WHERE unit_id = ? "
                    + "AND generation = (SELECT generation FROM unit WHERE id = ?)", id, id);
            try (PreparedStatement ps = db.prepareStatement("UPDATE unit SET state = 'running', owner = ?, host = ?, started_at = ?, "
                    + "not_before = NULL WHERE id = ? AND state = 'pending'")) {
                ps.setString(1, host + ":" + pid);
                ps.setString(2, host);
                ps.setString(3, now.toString());
                ps.setLong(4, id);
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("unit " + id + " was claimed twice");
                }
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO attempt(unit_id, generation, number, host, pid, started_at) "
                    + "SELECT id, generation, ?, ?, ?, ? FROM unit WHERE id = ?")) {
                ps.setInt(1, number);
                ps.setString(2, host);
                ps.setLong(3, pid);
                ps.setString(4, now.toString());
                ps.setLong(5, id);
                ps.executeUpdate();
            }
            return Optional.of(new Claim(unitById(id), number));
        });
    }

    /** Whether a pending unit may start at {@code now} (no back-off, or back-off passed). */
    public synchronized boolean hasReadyUnit(Instant now) throws IOException {
        return sql(() -> queryLong("SELECT count(*) FROM unit WHERE state = 'pending' AND (not_before IS NULL OR not_before <= ?)",
                now.toString()) > 0);
    }

    /** The earliest time a pending unit in back-off may start, if any. */
    public synchronized Optional<Instant> nextRetryTime() throws IOException {
        return sql(() -> {
            try (Statement s = db.createStatement();
                 ResultSet r = s.executeQuery("SELECT min(not_before) FROM unit WHERE state = 'pending' AND not_before IS NOT NULL")) {
                String t = r.next() ? r.getString(1) : null;
                return Optional.ofNullable(t).map(Instant::parse);
            }
        });
    }

    /** Records success: outputs are already in place, so this is the moment the unit is done. */
    public synchronized void finishDone(Claim c, Instant end, double elapsedS, String resultJson) throws IOException {
        finish(c, end, elapsedS, "done", null, null, resultJson, "done", null);
    }

    /** Records a failure that will not be retried. */
    public synchronized void finishFailed(Claim c, Instant end, double elapsedS, String kind, String message) throws IOException {
        finish(c, end, elapsedS, "failed", message, kind, null, "failed", message);
    }

    /** Records a transient failure and puts the unit back in the queue after {@code notBefore}. */
    public synchronized void retryLater(Claim c, Instant end, double elapsedS, String message, Instant notBefore) throws IOException {
        tx(() -> {
            finishAttempt(c, end, "retry", message);
            try (PreparedStatement ps = db.prepareStatement("UPDATE unit SET state = 'pending', owner = NULL, attempts = attempts + 1, "
                    + "not_before = ?, error = ?, error_kind = 'transient', elapsed_s = ? WHERE id = ? AND generation = ?")) {
                ps.setString(1, notBefore.toString());
                ps.setString(2, message);
                ps.setDouble(3, elapsedS);
                ps.setLong(4, c.unit().id());
                ps.setInt(5, c.unit().generation());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Gives a claimed unit back to the queue without counting the attempt (the process is stopping). */
    public synchronized void abandon(Claim c, Instant end, String message) throws IOException {
        tx(() -> {
            finishAttempt(c, end, "interrupted", message);
            try (PreparedStatement ps = db.prepareStatement("UPDATE unit SET state = 'pending', owner = NULL "
                    + "WHERE id = ? AND generation = ? AND state = 'running'")) {
                ps.setLong(1, c.unit().id());
                ps.setInt(2, c.unit().generation());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private void finish(Claim c, Instant end, double elapsedS, String state, String error, String errorKind, String resultJson,
                        String outcome, String message) throws IOException {
        tx(() -> {
            finishAttempt(c, end, outcome, message);
            try (PreparedStatement ps = db.prepareStatement("UPDATE unit SET state = ?, owner = NULL, attempts = attempts + 1, "
                    + "finished_at = ?, elapsed_s = ?, error = ?, error_kind = ?, result_json = coalesce(?, result_json) "
                    + "WHERE id = ? AND generation = ? AND state = 'running'")) {
                ps.setString(1, state);
                ps.setString(2, end.toString());
                ps.setDouble(3, elapsedS);
                ps.setString(4, error);
                ps.setString(5, errorKind);
                ps.setString(6, resultJson);
                ps.setLong(7, c.unit().id());
                ps.setInt(8, c.unit().generation());
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("unit " + c.unit().workDir() + " is no longer running as generation " + c.unit().generation());
                }
            }
            return null;
        });
    }

    private void finishAttempt(Claim c, Instant end, String outcome, String message) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE attempt SET finished_at = ?, outcome = ?, message = ? "
                + "WHERE unit_id = ? AND generation = ? AND number = ?")) {
            ps.setString(1, end.toString());
            ps.setString(2, outcome);
            ps.setString(3, message);
            ps.setLong(4, c.unit().id());
            ps.setInt(5, c.unit().generation());
            ps.setInt(6, c.attempt());
            ps.executeUpdate();
        }
    }

    /**
     * Start-up recovery: units left running by a process that died go back to pending, and their
     * open attempts are closed as interrupted. Call only while holding the root's lock (no other
     * process can be running them). Interrupted attempts do not count against the retry limit.
     *
     * @return the units that were re-queued
     */
    public synchronized List<UnitRecord> requeueInterrupted(Instant now) throws IOException {
        return recoverInterrupted(now, Integer.MAX_VALUE).requeued();
    }

    /**
     * What start-up recovery did.
     *
     * @param requeued units a dead process left running, pending again
     * @param failed   units whose attempts died with their process {@code limit} times: failed, not retried
     */
    public record Recovery(List<UnitRecord> requeued, List<UnitRecord> failed) {
    }

    /**
     * Closes the attempts a dead process left open as interrupted; a unit with {@code limit}
     * interrupted attempts in its generation is failed (a unit that kills the JVM every time must
     * not take every restart down with it), the others go back to pending.
     */
    public synchronized Recovery recoverInterrupted(Instant now, int limit) throws IOException {
        return tx(() -> {
            Recovery r = requeueRunning(now);
            List<UnitRecord> back = new ArrayList<>();
            List<UnitRecord> failed = new ArrayList<>();
            for (UnitRecord u : r.requeued()) {
                long died = queryLong("SELECT count(*) FROM attempt WHERE unit_id = ? AND generation = ? AND outcome = 'interrupted'",
                        u.id(), u.generation());
                if (died < limit) {
                    back.add(u);
                    continue;
                }
                String message = "interrupted " + died + " times: the process running it died during every attempt "
                        + "(killed, out of memory or a crash); not tried again";
                try (PreparedStatement ps = db.prepareStatement("UPDATE unit SET state = 'failed', error = ?, error_kind = 'interrupted', "
                        + "finished_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'pending'")) {
                    ps.setString(1, message);
                    ps.setString(2, now.toString());
                    ps.setLong(3, u.id());
                    ps.executeUpdate();
                }
                failed.add(u);
            }
            return new Recovery(back, failed);
        });
    }

    private Recovery requeueRunning(Instant now) throws SQLException {
        {
            List<UnitRecord> running = units("WHERE u.state = 'running'");
            try (PreparedStatement ps = db.prepareStatement("UPDATE attempt SET finished_at = ?, outcome = 'interrupted', "
                    + "message = 'the process running it stopped (crash, kill or power loss)' WHERE finished_at IS NULL")) {
                ps.setString(1, now.toString());
                ps.executeUpdate();
            }
            try (Statement s = db.createStatement()) {
                s.executeUpdate("UPDATE unit SET state = 'pending', owner = NULL WHERE state = 'running'");
            }
            return new Recovery(running, List.of());
        }
    }

    /**
     * Puts a pin's units (in the given trees) back in the queue as a new generation. Their old
     * outputs stay in place until the new ones are installed.
     *
     * @return the units re-queued
     */
    public synchronized List<UnitRecord> rerun(String pinName, List<String> trees) throws IOException {
        return tx(() -> {
            List<UnitRecord> out = new ArrayList<>();
            for (UnitRecord u : units("WHERE p.name = ? ORDER BY u.priority, u.id", pinName)) {
                if (!trees.contains(u.tree())) {
                    continue;
                }
                if (u.state() == UnitState.RUNNING) {
                    throw new SQLException(u.workDir() + " is running now; wait for it or stop the process working on this root");
                }
                try (PreparedStatement ps = db.prepareStatement("UPDATE unit SET state = 'pending', generation = generation + 1, "
                        + "attempts = 0, not_before = NULL, error = NULL, error_kind = NULL WHERE id = ?")) {
                    ps.setLong(1, u.id());
                    ps.executeUpdate();
                }
                out.add(u);
            }
            return out;
        });
    }

    // ---- reading ---------------------------------------------------------------------------

    public synchronized List<UnitRecord> units() throws IOException {
        return sql(() -> units("ORDER BY u.priority, u.id"));
    }

    public synchronized UnitRecord unit(String workDir) throws IOException {
        return sql(() -> {
            List<UnitRecord> l = units("WHERE u.work_dir = ?", workDir);
            return l.isEmpty() ? null : l.get(0);
        });
    }

    private UnitRecord unitById(long id) throws SQLException {
        return units("WHERE u.id = ?", id).get(0);
    }

    private List<UnitRecord> units(String where, Object... args) throws SQLException {
        List<UnitRecord> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT u.id, u.kind, u.tree, u.work_dir, u.source, u.first_frame, "
                + "u.last_frame, p.name, u.sample_name, u.priority, u.state, u.generation, u.attempts, u.elapsed_s, u.host, "
                + "u.error, u.error_kind, u.result_json, u.known_space_group, u.known_cell FROM unit u JOIN pin p ON p.id = u.pin_id " + where)) {
            bind(ps, args);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    double elapsed = r.getDouble(14);
                    if (r.wasNull()) {
                        elapsed = Double.NaN;
                    }
                    out.add(new UnitRecord(r.getLong(1), UnitKind.of(r.getString(2)), r.getString(3), r.getString(4),
                            r.getString(5), r.getInt(6), r.getInt(7), r.getString(8), r.getString(9), r.getInt(10),
                            UnitState.of(r.getString(11)), r.getInt(12), r.getInt(13), elapsed, r.getString(15),
                            r.getString(16), r.getString(17), r.getString(18), known(r.getString(4), r.getString(19), r.getString(20))));
                }
            }
        }
        return out;
    }

    /** Units per state, every state present (0 when none). */
    public synchronized Map<UnitState, Integer> countsByState() throws IOException {
        return sql(() -> {
            Map<UnitState, Integer> m = new LinkedHashMap<>();
            for (UnitState s : UnitState.values()) {
                m.put(s, 0);
            }
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT state, count(*) FROM unit GROUP BY state")) {
                while (r.next()) {
                    m.put(UnitState.of(r.getString(1)), r.getInt(2));
                }
            }
            return m;
        });
    }

    /** One attempt of a unit, for status and tests. */
    public record AttemptRecord(long unitId, int generation, int number, String host, long pid, String outcome, String message) {
    }

    public synchronized List<AttemptRecord> attempts() throws IOException {
        return sql(() -> {
            List<AttemptRecord> out = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT unit_id, generation, number, host, pid, outcome, message FROM attempt ORDER BY id")) {
                while (r.next()) {
                    out.add(new AttemptRecord(r.getLong(1), r.getInt(2), r.getInt(3), r.getString(4), r.getLong(5),
                            r.getString(6), r.getString(7)));
                }
            }
            return out;
        });
    }

    /** Runs a read-only query (for status and tests) and returns rows of strings. */
    public synchronized List<List<String>> query(String select, Object... args) throws IOException {
        return sql(() -> rawQuery(select, args));
    }

    // ---- merges ----------------------------------------------------------------------------

    /** A merge as recorded. */
    public record MergeRecord(long id, String tree, String sampleName, String clustering, String directory, String state,
                              String inputSignature, Instant changedAt, String message) {
    }

    /**
     * Records the set of finished units a merge should use now. When the set differs from the one
     * recorded, the merge becomes pending again with {@code changedAt = now} (the debounce clock)
     * and its unit list is replaced.
     *
     * @return true when the input set changed
     */
    public synchronized boolean updateMergeInputs(String tree, String sample, String clustering, String directory,
                                                  List<UnitRecord> doneUnits, Instant now) throws IOException {
        return tx(() -> {
            StringBuilder sig = new StringBuilder();
            doneUnits.stream().sorted(java.util.Comparator.comparingLong(UnitRecord::id))
                    .forEach(u -> sig.append(sig.length() == 0 ? "" : ",").append(u.id()).append(':').append(u.generation()));
            String signature = sig.toString();
            List<List<String>> old = rawQuery("SELECT id, input_signature FROM merge WHERE tree = ? AND sample_name = ? AND clustering = ?",
                    tree, sample, clustering);
            long id;
            if (old.isEmpty()) {
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO merge(tree, sample_name, clustering, directory, state, "
                        + "input_signature, changed_at) VALUES (?,?,?,?, 'pending', ?, ?)")) {
                    ps.setString(1, tree);
                    ps.setString(2, sample);
                    ps.setString(3, clustering);
                    ps.setString(4, directory);
                    ps.setString(5, signature);
                    ps.setString(6, now.toString());
                    ps.executeUpdate();
                }
                id = queryLong("SELECT id FROM merge WHERE tree = ? AND sample_name = ? AND clustering = ?", tree, sample, clustering);
            } else if (!signature.equals(old.get(0).get(1))) {
                id = Long.parseLong(old.get(0).get(0));
                try (PreparedStatement ps = db.prepareStatement("UPDATE merge SET state = 'pending', input_signature = ?, changed_at = ?, "
                        + "directory = ?, message = NULL WHERE id = ?")) {
                    ps.setString(1, signature);
                    ps.setString(2, now.toString());
                    ps.setString(3, directory);
                    ps.setLong(4, id);
                    ps.executeUpdate();
                }
            } else {
                return false;
            }
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM merge_unit WHERE merge_id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            for (UnitRecord u : doneUnits) {
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO merge_unit VALUES (?, ?, ?)")) {
                    ps.setLong(1, id);
                    ps.setLong(2, u.id());
                    ps.setInt(3, u.generation());
                    ps.executeUpdate();
                }
            }
            return true;
        });
    }

    public synchronized void finishMerge(long mergeId, String state, String message, Instant now) throws IOException {
        tx(() -> {
            try (PreparedStatement ps = db.prepareStatement("UPDATE merge SET state = ?, message = ?, finished_at = ? WHERE id = ?")) {
                ps.setString(1, state);
                ps.setString(2, message);
                ps.setString(3, now.toString());
                ps.setLong(4, mergeId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public synchronized List<MergeRecord> merges() throws IOException {
        return sql(() -> {
            List<MergeRecord> out = new ArrayList<>();
            for (List<String> r : rawQuery("SELECT id, tree, sample_name, clustering, directory, state, input_signature, changed_at, "
                    + "message FROM merge ORDER BY tree, sample_name, clustering")) {
                out.add(new MergeRecord(Long.parseLong(r.get(0)), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6),
                        r.get(7) == null ? null : Instant.parse(r.get(7)), r.get(8)));
            }
            return out;
        });
    }

    // ---- processes working on the root ---------------------------------------------------------

    public synchronized long startRun(String command, String host, long pid, Instant now) throws IOException {
        return tx(() -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO run(command, host, pid, started_at, heartbeat_at) VALUES (?,?,?,?,?)")) {
                ps.setString(1, command);
                ps.setString(2, host);
                ps.setLong(3, pid);
                ps.setString(4, now.toString());
                ps.setString(5, now.toString());
                ps.executeUpdate();
            }
            return queryLong("SELECT max(id) FROM run");
        });
    }

    public synchronized void heartbeat(long runId, Instant now) throws IOException {
        tx(() -> {
            try (PreparedStatement ps = db.prepareStatement("UPDATE run SET heartbeat_at = ? WHERE id = ?")) {
                ps.setString(1, now.toString());
                ps.setLong(2, runId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public synchronized void stopRun(long runId, String exitStatus, Instant now) throws IOException {
        tx(() -> {
            try (PreparedStatement ps = db.prepareStatement("UPDATE run SET stopped_at = ?, heartbeat_at = ?, exit_status = ? WHERE id = ?")) {
                ps.setString(1, now.toString());
                ps.setString(2, now.toString());
                ps.setString(3, exitStatus);
                ps.setLong(4, runId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IOException("closing catalog " + file + ": " + e.getMessage(), e);
        }
    }

    // ---- plumbing ----------------------------------------------------------------------------

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> T sql(SqlWork<T> work) throws IOException {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IOException("catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction (IMMEDIATE: the write lock is taken at BEGIN). */
    private <T> T tx(SqlWork<T> work) throws IOException {
        try {
            db.setAutoCommit(false);
            try {
                T t = work.run();
                db.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IOException("catalog " + file + ": " + e.getMessage(), e);
        }
    }

    private long queryLong(String select, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(select)) {
            bind(ps, args);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private List<List<String>> rawQuery(String select, Object... args) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(select)) {
            bind(ps, args);
            try (ResultSet r = ps.executeQuery()) {
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(r.getString(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
