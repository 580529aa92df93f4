package org.mxflow.sheet;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A beamtime's sample sheet: every pin of every puck, in sheet order.
 *
 * @param source the file it was read from
 * @param pins   the pins, in sheet order; pin IDs are unique
 */
public record SampleSheet(Path source, List<Pin> pins) {

    public SampleSheet {
        pins = List.copyOf(pins);
    }

    /** The pin whose directory name is {@code id} ("CPS1012-06"); numeric pin IDs match at any zero padding. */
    public Optional<Pin> pin(String id) {
        String key = PinId.canonical(id);
        return pins.stream().filter(p -> PinId.canonical(p.id()).equals(key)).findFirst();
    }

    /** Pins grouped by sample name (the merge key), in order of first appearance. */
    public Map<String, List<Pin>> bySampleName() {
        Map<String, List<Pin>> m = new LinkedHashMap<>();
        for (Pin p : pins) {
            m.computeIfAbsent(p.sampleName(), k -> new java.util.ArrayList<>()).add(p);
        }
        return m;
    }
}
