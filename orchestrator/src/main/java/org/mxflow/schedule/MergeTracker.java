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
 * <p>A due merge (blend or cc clustering) runs {@link SampleMerge} (AutoMultiMerge) over the
 * units' reflection files; the catalog records its state, (merge_unit) the finished units it was
 * given, and a message naming the file used per unit, those left out and the final clusters.
 * The merge reports are rendered right after the merge, from its outcome.
 */
public final class MergeTracker {

    private static final Logger LOG = LoggerFactory.getLogger(MergeTracker.class);

    private final Catalog catalog;
    private final Path root;
    private final Duration debounce;
    /** The plan's merge groups by directory, refreshed by {@link #update}: start resolution and sample. */
    private final Map<String, MergeGroup> groups = new HashMap<>();

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
            groups.put(g.directory().toString().replace('\\', '/'), g);
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

    /**
     * The sample sheet's space group of a merge's units (second column of the query), or null when the
     * sheet gives none. The units of one sample share the sheet's row; if they somehow differ the data decide.
     */
    static org.mxflow.symmetry.SpaceGroup sheetSpaceGroup(String mergeDir, List<List<String>> units) {
        java.util.Set<Integer> groups = new java.util.TreeSet<>();
        for (List<String> u : units) {
            String symbol = u.size() > 1 ? u.get(1) : null;
            groups.add(symbol == null ? 0 : org.mxflow.symmetry.SpaceGroups.bySymbol(symbol).number());
        }
        if (groups.size() != 1 || groups.contains(0)) {
            if (groups.size() > 1) {
                LOG.warn("merge {}: the units' sample-sheet space groups differ ({}); the data decide", mergeDir, groups);
            }
            return null;
        }
        return org.mxflow.symmetry.SpaceGroups.byNumber(groups.iterator().next());
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
            List<List<String>> units = catalog.query("SELECT u.work_dir, u.known_space_group FROM merge_unit mu JOIN unit u ON u.id = mu.unit_id "
                    + "WHERE mu.merge_id = ? AND u.kind = 'process' ORDER BY u.id", m.id());
            if (units.isEmpty()) {
                continue;
            }
            MergeGroup g = groups.get(m.directory());
            if (g == null) {
                continue; // not in the current plan: update() has not seen it yet
            }
            try {
                SampleMerge.Result r = SampleMerge.merge(root, m.directory(), m.clustering(), g.sampleName(), g.dStartA(),
                        units.stream().map(u -> u.get(0)).toList(), sheetSpaceGroup(m.directory(), units));
                StringBuilder msg = new StringBuilder(r.summary());
                msg.append("; used:");
                r.inputs().forEach((u, f) -> msg.append(' ').append(u).append('/').append(f.getFileName()));
                if (!r.leftOut().isEmpty()) {
                    msg.append("; left out: ").append(r.leftOut());
                }
                // Reports before "done": a run killed while rendering leaves the merge pending, and the next run's
                // merge replaces the whole directory (half-written pages included).
                try {
                    Deliverables.renderMergeReports(r, g.sampleName(), m.clustering());
                } catch (IOException | RuntimeException e) {
                    LOG.warn("merge report for {} failed: {}", m.directory(), e.toString());
                }
                catalog.finishMerge(m.id(), "done", msg.toString(), Instant.now());
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
