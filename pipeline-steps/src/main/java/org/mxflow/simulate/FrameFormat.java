package org.mxflow.simulate;

/** How the simulator writes rotation frames: PILATUS miniCBF files, or an EIGER HDF5 master + data files. */
public enum FrameFormat {
    /** One byte-offset miniCBF per frame, {@code <prefix>_NNNNN.cbf}. */
    CBF,
    /** {@code <prefix>_master.h5} + {@code <prefix>_data_NNNNNN.h5} of 100 bitshuffle-LZ4 frames each. */
    EIGER;

    /** "cbf" or "eiger", as the command line spells it. */
    public static FrameFormat parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "cbf" -> CBF;
            case "eiger", "hdf5", "h5" -> EIGER;
            default -> throw new IllegalArgumentException("unknown frame format '" + name + "': use cbf or eiger");
        };
    }
}
