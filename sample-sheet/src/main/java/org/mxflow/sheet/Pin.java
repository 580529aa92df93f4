package org.mxflow.sheet;

import java.util.Optional;

/**
 * One row of a sample sheet: a pin in a puck and what is to be collected from it.
 *
 * <p>Numbers the sheet leaves empty are {@code NaN} (and {@code crystals} is 0); which numbers a
 * sheet carries depends on its style (ZOO's sheets have all of them, KAMO's merge CSV none).
 *
 * @param puck          puck ID as the raw-data directory uses it (e.g. "CPS1012")
 * @param pin           pin ID as the raw-data directory uses it (e.g. "06"); see {@link SampleSheets}
 * @param sampleName    the sample name: datasets with the same name are merged together
 * @param mode          collection mode, or null when the sheet has no mode column
 * @param wavelengthA   X-ray wavelength in Å
 * @param totalOscDeg   rotation per dataset in degrees (per crystal in multi mode)
 * @param oscWidthDeg   rotation per frame in degrees
 * @param exposureS     exposure per frame in seconds
 * @param crystals      maximum number of crystals to collect (multi mode), 0 when not given
 * @param resolutionA   resolution requested for the collection geometry, in Å
 * @param known         known space group and cell, or null
 * @param anomalous     whether anomalous pairs are kept apart (Friedel's law false)
 * @param reference     a reference MTZ/HKL/PDB file named by KAMO-style sheets, or null
 * @param row           the sheet row this pin came from (1-based, as a spreadsheet shows it)
 */
public record Pin(
        String puck,
        String pin,
        String sampleName,
        Mode mode,
        double wavelengthA,
        double totalOscDeg,
        double oscWidthDeg,
        double exposureS,
        int crystals,
        double resolutionA,
        KnownSymmetry known,
        boolean anomalous,
        String reference,
        int row) {

    /** The pin directory name in the raw-data tree: {@code <Puck>-<Pin>}. */
    public String id() {
        return puck + "-" + pin;
    }

    public Optional<Mode> modeIfGiven() {
        return Optional.ofNullable(mode);
    }

    public Optional<KnownSymmetry> knownSymmetry() {
        return Optional.ofNullable(known);
    }

    /** Frames per dataset the sheet asks for (total / width, rounded), or 0 when it does not say. */
    public int expectedFrames() {
        if (!(totalOscDeg > 0) || !(oscWidthDeg > 0)) {
            return 0;
        }
        return (int) Math.round(totalOscDeg / oscWidthDeg);
    }
}
