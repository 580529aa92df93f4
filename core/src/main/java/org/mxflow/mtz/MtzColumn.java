package org.mxflow.mtz;

/**
 * One column of an MTZ file as its COLUMN record describes it.
 *
 * @param label     column label, e.g. "IMEAN", "SIGI(+)", "M/ISYM"
 * @param type      CCP4 column type: H index, J intensity, Q σ, K I(+/-), M σ(I±), F amplitude,
 *                  G F(+/-), L σ(F±), D anomalous difference, Y M/ISYM, B batch, I integer, R real, ...
 * @param datasetId the id of the dataset (PROJECT/CRYSTAL/DATASET records) it belongs to
 * @param min       smallest non-missing value as recorded in the header (NaN when none)
 * @param max       largest non-missing value as recorded in the header (NaN when none)
 */
public record MtzColumn(String label, char type, int datasetId, double min, double max) {

    public MtzColumn {
        if (label == null || label.isBlank() || label.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("MTZ column label must be one word, got '" + label + "'");
        }
        if (label.length() > 30) {
            throw new IllegalArgumentException("MTZ column label longer than 30 characters: " + label);
        }
    }

    /** A column to be written (min and max are computed by the writer). */
    public static MtzColumn of(String label, char type, int datasetId) {
        return new MtzColumn(label, type, datasetId, Double.NaN, Double.NaN);
    }
}
