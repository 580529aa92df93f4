package org.mxflow.discovery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.mxflow.image.ImageHeader;

/**
 * Reads what discovery needs from image headers, kept apart from the name-based scan so that a
 * tree can be listed without opening any image (and tests can supply headers directly).
 */
public interface DatasetHeaders {

    /** The header of one CBF frame (geometry, oscillation width). */
    ImageHeader cbf(Path frame) throws IOException;

    /** An EIGER master: geometry, triggers and which data links resolve. */
    EigerMaster eiger(Path master) throws IOException;

    /**
     * What an EIGER master says.
     *
     * @param header    geometry; {@code frameCount} is nimages x ntrigger
     * @param nimages   frames per trigger ({@code detectorSpecific/nimages})
     * @param ntrigger  triggers ({@code detectorSpecific/ntrigger}); in multi mode one per crystal
     * @param links     the {@code /entry/data/data_NNNNNN} links, in order
     */
    record EigerMaster(ImageHeader header, int nimages, int ntrigger, List<DataLink> links) {
        public int totalFrames() {
            return nimages * ntrigger;
        }
    }

    /**
     * One external link of a master to a data file.
     *
     * @param name      link name, e.g. "data_000001"
     * @param file      the data file it points to, by name
     * @param resolves  whether the data file exists and its dataset can be opened
     * @param imageNrLow  first frame (1-based) in it, from its {@code image_nr_low} attribute; 0 when it does not resolve
     * @param imageNrHigh last frame in it, from {@code image_nr_high}; 0 when it does not resolve
     */
    record DataLink(String name, String file, boolean resolves, int imageNrLow, int imageNrHigh) {
    }
}
