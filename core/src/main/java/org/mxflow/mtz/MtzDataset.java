package org.mxflow.mtz;

import org.mxflow.cell.UnitCell;

/**
 * One dataset of an MTZ file: the PROJECT, CRYSTAL, DATASET, DCELL and DWAVEL records with one id.
 *
 * @param id          dataset id (0 is CCP4's HKL_base)
 * @param project     project name
 * @param crystal     crystal name
 * @param dataset     dataset name
 * @param cell        the dataset cell (DCELL) in Å and degrees; null if the file gives none
 * @param wavelengthA DWAVEL in Å, 0 if absent
 */
public record MtzDataset(int id, String project, String crystal, String dataset, UnitCell cell, double wavelengthA) {

    public MtzDataset {
        for (String name : new String[] {project, crystal, dataset}) {
            if (name == null || name.isEmpty() || name.chars().anyMatch(Character::isWhitespace) || name.length() > 64) {
                throw new IllegalArgumentException("MTZ project/crystal/dataset names must be one word of at most 64 characters, got '"
                        + name + "'");
            }
        }
    }

    /** CCP4's dataset 0, which holds the H, K, L columns in files written by CCP4 programs. */
    public static MtzDataset hklBase(UnitCell cell) {
        return new MtzDataset(0, "HKL_base", "HKL_base", "HKL_base", cell, 0.0);
    }
}
