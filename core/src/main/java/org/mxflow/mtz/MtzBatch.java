package org.mxflow.mtz;

import java.util.Arrays;
import java.util.List;

/**
 * One batch (image) header of an unmerged MTZ file: 29 integers and 156 floats in the layout of
 * CCP4's MTZBAT orientation block, as libccp4, DIALS and gemmi write it. The indices named here
 * are the ones AIMLESS and POINTLESS read.
 *
 * @param number batch number (the BATCH column value of its observations)
 * @param title  batch title, at most 70 characters
 * @param ints   the 29 integer words
 * @param floats the 156 float words
 * @param axes   goniostat axis names (BHCH record), e.g. ["PHI"]
 */
public record MtzBatch(int number, String title, int[] ints, float[] floats, List<String> axes) {

    public static final int INT_WORDS = 29;
    public static final int FLOAT_WORDS = 156;

    // integer words
    public static final int I_NCRYST = 12;
    public static final int I_LDTYPE = 14;
    public static final int I_JSAXS = 15;
    public static final int I_NGONAX = 17;
    public static final int I_NDET = 19;
    public static final int I_DATASET_ID = 20;
    // float words
    public static final int F_CELL = 0;
    public static final int F_UMAT = 6;
    public static final int F_MOSAIC = 21;
    public static final int F_PHI_START = 36;
    public static final int F_PHI_END = 37;
    public static final int F_SCAN_AXIS = 38;
    public static final int F_BSCALE = 43;
    public static final int F_PHI_RANGE = 47;
    public static final int F_E1 = 59;
    public static final int F_SOURCE = 80;
    public static final int F_S0 = 83;
    public static final int F_WAVELENGTH = 86;
    public static final int F_DISTANCE = 111;
    public static final int F_DETLM = 113;

    public MtzBatch {
        if (ints.length != INT_WORDS || floats.length != FLOAT_WORDS) {
            throw new IllegalArgumentException("MTZ batch " + number + " must have 29 integer and 156 float words, got "
                    + ints.length + " and " + floats.length);
        }
        ints = ints.clone();
        floats = floats.clone();
        axes = List.copyOf(axes);
        if (title.length() > 70) {
            title = title.substring(0, 70);
        }
    }

    @Override
    public int[] ints() {
        return ints.clone();
    }

    @Override
    public float[] floats() {
        return floats.clone();
    }

    public double phiStartDeg() {
        return floats[F_PHI_START];
    }

    public double phiEndDeg() {
        return floats[F_PHI_END];
    }

    public double wavelengthA() {
        return floats[F_WAVELENGTH];
    }

    public int datasetId() {
        return ints[I_DATASET_ID];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MtzBatch b && b.number == number && b.title.equals(title) && Arrays.equals(b.ints, ints)
                && Arrays.equals(b.floats, floats) && b.axes.equals(axes);
    }

    @Override
    public int hashCode() {
        return 31 * number + Arrays.hashCode(floats);
    }

    @Override
    public String toString() {
        return "MtzBatch[" + number + " '" + title + "' phi " + phiStartDeg() + ".." + phiEndDeg() + "]";
    }
}
