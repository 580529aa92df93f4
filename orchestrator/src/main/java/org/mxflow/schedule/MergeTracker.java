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
 * <p>A due blend merge runs {@link SampleMerge} over the units' {@code XDS_ASCII.HKL}; the catalog
 * records its state, a summary and (merge_unit) which units it used. CC-clustering merges wait
 * for AutoMultiMerge and say so.
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

    /** When the earliest pending merge's input set will have been stable for the debounce time. */
    public java.util.Optional<Instant> nextDue() throws IOException {
        return catalog.merges().stream().filter(m -> m.state().equals("pending") && m.changedAt() != null)
                .map(m -> m.changedAt().plus(debounce)).min(Instant::compareTo);
    }

    /** Runs the merges whose input set has been stable for the debounce time; returns how many ran. */
    public int mergeDue(Instant now) throws IOException {
        int ran = 0;
        for (Catalog.MergeRecord m : catalog.merges()) {
            if (!m.state().equals("pending") || m.changedAt() == null || m.changedAt().plus(debounce).isAfter(now)) {
                continue;
            }
            List<List<String>> units = catalog.query("SELECT u.work_dir FROM merge_unit mu JOIN unit u ON u.id = mu.unit_id "
                    + "WHERE mu.merge_id = ? AND u.kind = 'process' ORDER BY u.id", m.id());
            if (units.isEmpty()) {
                continue;
            }
            if (m.clustering().equals("cc")) {
                // The blend merge already merges every dataset as one cluster; CC clustering comes with AutoMultiMerge.
                catalog.finishMerge(m.id(), "waiting", "CC clustering needs AutoMultiMerge (branch scale), not connected yet; "
                        + "see the blend merge of this sample", now);
                ran++;
                continue;
            }
            try {
                SampleMerge.Result r = SampleMerge.merge(root, m.directory(), m.clustering(), units.stream().map(u -> u.get(0)).toList());
                String left = r.leftOut().isEmpty() ? "" : "; left out: " + r.leftOut();
                catalog.finishMerge(m.id(), "done", r.summary() + left, Instant.now());
                LOG.info("merged {}: {}", m.directory(), r.summary());
            } catch (IOException | RuntimeException e) {
                catalog.finishMerge(m.id(), "failed", e.getMessage(), Instant.now());
                LOG.warn("merge {} failed: {}", m.directory(), e.getMessage());
            }
            ran++;
        }
        return ran;
    }
}
