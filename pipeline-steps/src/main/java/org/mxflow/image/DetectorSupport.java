package org.mxflow.image;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Which detectors the single-flat-panel model of {@link ImageHeader} describes truthfully.
 * The curved PILATUS 12M at DLS I23 (24 module rows on a cylinder, one 2463 x 5071 array)
 * is refused: one flat geometry would misplace every spot.
 */
public final class DetectorSupport {

    private DetectorSupport() {
    }

    public static void requireSupported(Path file, ImageHeader h) throws ImageFormatException {
        String name = h.detector().toUpperCase(Locale.ROOT);
        if (name.contains("PILATUS 12M") || name.contains("PILATUS12M") || (h.width() == 2463 && h.height() == 5071)) {
            throw new ImageFormatException(file, "detector '" + h.detector() + "' (" + h.width() + "x" + h.height()
                    + ") is the curved multi-panel PILATUS 12M; mxflow models one flat panel and refuses it rather than misread it");
        }
    }
}
