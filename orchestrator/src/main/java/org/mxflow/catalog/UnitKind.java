package org.mxflow.catalog;

import java.util.Locale;

/** What a processing unit does. */
public enum UnitKind {
    /** A rotation dataset (or wedge) through the engine: spots now, indexing and integration later. */
    PROCESS,
    /** A raster scan's hit map (spot counts per still), written into the processing tree. */
    HITMAP;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UnitKind of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
