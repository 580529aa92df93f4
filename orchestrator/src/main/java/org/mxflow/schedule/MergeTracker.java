package org.mxflow.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mxflow.catalog.Catalog;
import org.mxflow.catalog.UnitRecord;
import org.mxflow.catalog.UnitState;
import org.mxflow.plan.MergeGroup;
import org.mxflow.plan.ProcessingPlan;
import org.mxflow.plan.ProcessingUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each sample's merges in step with its finished datasets: when the set of finished units
 * of a merge group changes (a new dataset, a rerun), the merge becomes pending again; it runs once
 * the set has been quiet for the debounce time and no processing is ready, so a pin collected
 * dataset by dataset is merged once, not once per dataset.
 *
 * <p>Merging itself needs {@code XDS_ASCII.HKL} per dataset, which the native engine does not
 * produce yet (no integration); a due merge therefore records what it is waiting for. The merge
 * step hooks in at {@link #mergeDue}.
 */
public final class MergeTracker {

    private static final Logger LOG = LoggerFactory.getLogger(MergeTracker.class);

    private final Catalog catalog;
    private final Path root;
    private final Duration debounce;

    public MergeTracker(Catalog catalog, Path root, Duration debounce) {
        this.catalog = catalog;
        this.root = root;
        this.debounce = debounce;
    }

    /** Records each merge group's current finished units; returns how many merges changed. */
    public int update(ProcessingPlan plan, Instant now) throws IOException {
        Map<String, UnitRecord> byDir = new HashMap<>();
        for (UnitRecord u : catalog.units()) {
            byDir.put(u.workDir(), u);
        }
        int changed = 0;
        for (MergeGroup g : plan.merges()) {
            List<UnitRecord> done = new ArrayList<>();
            for (ProcessingUnit pu : g.units()) {
                UnitRecord u = byDir.get(pu.workDirectory().toString().replace('\\', '/'));
                if (u != null && u.state() == UnitState.DONE) {
                    done.add(u);
                }
            }
            if (done.isEmpty()) {
                continue;
            }
            if (catalog.updateMergeInputs(g.tree().directory(), g.sampleName(), g.clustering(),
                    g.directory().toString().replace('\\', '/'), done, now)) {
                changed++;
                LOG.debug("merge {} {}: {} finished datasets", g.directory(), g.clustering(), done.size());
            }
        }
        return changed;
    }

    /** Runs the merges whose input set has been stable for the debounce time; returns how many ran. */
    public int mergeDue(Instant now) throws IOException {
        int ran = 0;
        for (Catalog.MergeRecord m : catalog.merges()) {
            if (!m.state().equals("pending") || m.changedAt() == null || m.changedAt().plus(debounce).isAfter(now)) {
                continue;
            }
            List<List<String>> units = catalog.query("SELECT u.work_dir FROM merge_unit mu JOIN unit u ON u.id = mu.unit_id "
                    + "WHERE mu.merge_id = ? ORDER BY u.id", m.id());
            int withReflections = 0;
            for (List<String> u : units) {
                if (Files.isRegularFile(root.resolve(u.get(0)).resolve("XDS_ASCII.HKL"))) {
                    withReflections++;
                }
            }
            String message = withReflections == 0
                    ? units.size() + " datasets finished, none with XDS_ASCII.HKL: the native engine has no integration yet"
                    : withReflections + " of " + units.size() + " datasets have XDS_ASCII.HKL; the merging step is not connected yet";
            catalog.finishMerge(m.id(), "waiting", message, now);
            ran++;
        }
        return ran;
    }
}
