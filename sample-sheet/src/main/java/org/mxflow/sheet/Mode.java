package org.mxflow.sheet;

import java.util.Locale;
import java.util.Optional;

/** ZOO's collection modes: many small wedges from many crystals, one helical sweep, or one sweep. */
public enum Mode {
    /** Several crystals per loop, one small wedge (typically 10°) each. */
    MULTI,
    /** One sweep with the beam moving along the crystal between its left and right edges. */
    HELICAL,
    /** One sweep on one point of one crystal. */
    SINGLE;

    /** The word used in sheets, file names and reports ("multi", "helical", "single"). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a sheet value, case-insensitively; empty for anything that is not one of the three words. */
    public static Optional<Mode> fromWord(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Mode m : values()) {
            if (m.word().equals(t)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
