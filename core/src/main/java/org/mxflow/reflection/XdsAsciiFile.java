package org.mxflow.reflection;

import java.util.List;

/**
 * The content of an XDS_ASCII.HKL file (written by XDS CORRECT, XSCALE, or mxflow): header and
 * observations in file order. Unmerged files carry the 12 CORRECT items per record, merged
 * ones (MERGE=TRUE) 5 items: H, K, L, IOBS, SIGMA(IOBS).
 */
public record XdsAsciiFile(XdsAsciiHeader header, List<Observation> observations) {

    public XdsAsciiFile {
        observations = List.copyOf(observations);
    }

    /** The data items XDS CORRECT writes for unmerged data, in column order. */
    public static final List<String> UNMERGED_ITEMS =
            List.of("H", "K", "L", "IOBS", "SIGMA(IOBS)", "XD", "YD", "ZD", "RLP", "PEAK", "CORR", "PSI");

    /** The data items of a merged file. */
    public static final List<String> MERGED_ITEMS = List.of("H", "K", "L", "IOBS", "SIGMA(IOBS)");

    /** The items this file is written with. */
    public List<String> items() {
        return header.merged() ? MERGED_ITEMS : UNMERGED_ITEMS;
    }
}
