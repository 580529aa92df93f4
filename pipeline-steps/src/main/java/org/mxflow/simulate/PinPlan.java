package org.mxflow.simulate;

import java.util.List;

/**
 * What ZOO collects on one pin.
 *
 * @param puckId        puck name ("MUL0001")
 * @param pinId         pin number as the sheet writes it ("01")
 * @param sampleName    sample name; pins with the same name are merged together
 * @param mode          "multi", "helical" or "single"
 * @param crystalGroups group label of each crystal collected on the pin (several for multi)
 * @param sweepDeg      rotation per crystal (the wedge of multi mode, the whole sweep otherwise)
 */
public record PinPlan(String puckId, String pinId, String sampleName, String mode, List<String> crystalGroups,
                      double sweepDeg) {

    public PinPlan {
        crystalGroups = List.copyOf(crystalGroups);
        if (!mode.equals("multi") && !mode.equals("helical") && !mode.equals("single")) {
            throw new IllegalArgumentException("pin " + puckId + "-" + pinId + ": mode must be multi, helical or single, not " + mode);
        }
    }

    /** The sample directory name, PuckID-PinID (kamo-conventions §1.1). */
    public String directoryName() {
        return puckId + "-" + pinId;
    }
}
