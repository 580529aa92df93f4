package org.mxflow.report;

import java.nio.file.Path;
import org.mxflow.stats.DatasetStatistics;

/**
 * One data set's block in correct.html.
 *
 * @param name               what the block is called: the working directory relative to the
 *                           processing root, e.g. {@code CPS1012-06/data00/CPS1012-06_1-3600}
 * @param correctLp          the CORRECT.LP the numbers came from, linked from the page; null for
 *                           results of mxflow's own engine
 * @param spaceGroupSymbol   Hermann–Mauguin symbol to show beside the number (e.g. "C2"); null if
 *                           the caller has none
 * @param statistics         the numbers
 */
public record DatasetCorrectSummary(String name, Path correctLp, String spaceGroupSymbol, DatasetStatistics statistics) {

    public DatasetCorrectSummary {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a data set in correct.html needs a name");
        }
        if (statistics == null) {
            throw new IllegalArgumentException("data set '" + name + "' has no statistics");
        }
    }
}
