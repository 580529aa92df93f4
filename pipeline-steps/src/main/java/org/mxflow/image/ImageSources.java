package org.mxflow.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Opens a dataset from what a user or the raw-data tree names: one CBF frame (its series of
 * sibling frames), a {@code ?}-template ({@code /x/cry00_?????.cbf}), or an EIGER
 * {@code *_master.h5}. The format is chosen from the file's first bytes, not its name.
 */
public final class ImageSources {

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private ImageSources() {
    }

    public static ImageSource open(Path path) throws IOException {
        if (path.getFileName() != null && path.getFileName().toString().contains("?")) {
            return CbfSeries.ofTemplate(path);
        }
        if (!Files.exists(path)) {
            throw new ImageFormatException(path, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new ImageFormatException(path, "is a directory; name a frame, a ?-template or a *_master.h5");
        }
        if (Files.size(path) == 0) {
            throw new ImageFormatException(path, "empty file");
        }
        if (isHdf5(path)) {
            EigerImageSource eiger = EigerImageSource.open(path);
            DetectorSupport.requireSupported(path, eiger.header());
            return eiger;
        }
        return CbfSeries.ofFrame(path);
    }

    /** Whether the file starts with the HDF5 signature (an EIGER master or data file). */
    public static boolean isHdf5(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(8), HDF5_SIGNATURE);
        }
    }
}
