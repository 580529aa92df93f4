package org.mxflow.stats;

import java.util.List;

/**
 * Per-shell merging statistics of one data set, low to high resolution, plus the total row.
 * Format-neutral: filled from an XDS CORRECT.LP or XSCALE.LP table or by mxflow's own merging.
 *
 * @param dMaxA  low-resolution limit of the data in Å (the first shell's outer edge); NaN if unknown
 * @param shells the resolution shells ordered from low to high resolution (decreasing d)
 * @param total  the statistics of all data together
 */
public record MergingStatistics(double dMaxA, List<ShellStatistics> shells, ShellStatistics total) {

    public MergingStatistics {
        shells = List.copyOf(shells);
        if (shells.isEmpty()) {
            throw new IllegalArgumentException("merging statistics need at least one resolution shell");
        }
        if (total == null) {
            throw new IllegalArgumentException("merging statistics need a total row");
        }
        for (int i = 1; i < shells.size(); i++) {
            if (!(shells.get(i).dMinA() < shells.get(i - 1).dMinA())) {
                throw new IllegalArgumentException("resolution shells must go from low to high resolution: d="
                        + shells.get(i - 1).dMinA() + " then d=" + shells.get(i).dMinA());
            }
        }
    }

    /** High-resolution limit of the data in Å (the last shell's limit). */
    public double dMinA() {
        return shells.get(shells.size() - 1).dMinA();
    }

    /** The highest-resolution shell. */
    public ShellStatistics outerShell() {
        return shells.get(shells.size() - 1);
    }

    /** The lowest-resolution shell. */
    public ShellStatistics innerShell() {
        return shells.get(0);
    }
}
