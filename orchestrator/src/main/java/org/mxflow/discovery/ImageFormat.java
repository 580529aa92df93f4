package org.mxflow.discovery;

/** How a dataset's frames are stored. */
public enum ImageFormat {
    /** One PILATUS miniCBF file per frame: {@code <prefix>_<NNNNN>.cbf}, optionally .gz/.bz2/.xz. */
    CBF,
    /** An EIGER master {@code <prefix>_master.h5} linking data files {@code <prefix>_data_NNNNNN.h5}. */
    EIGER
}
