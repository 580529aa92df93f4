package org.mxflow.xds;

import org.mxflow.stats.MergingStatistics;

/**
 * Statistics CORRECT reports for the data from the first image up to an upper limit
 * ("SUMMARY OF DATA SET STATISTICS FOR IMAGE DATA_RANGE= first last"): the table users read to
 * decide whether later images (radiation damage) should be dropped.
 *
 * @param firstImage first image number included
 * @param lastImage  last image number included
 * @param statistics per-shell statistics of that subset
 */
public record ImageRangeStatistics(int firstImage, int lastImage, MergingStatistics statistics) {}
