package org.mxflow.image;

import java.io.Closeable;
import java.io.IOException;

/**
 * One dataset's images: a CBF series or an EIGER master file with its data files.
 * New detector formats plug in here.
 */
public interface ImageSource extends Closeable {

    /** Geometry common to the dataset, taken from its first frame or master file. */
    ImageHeader header();

    /** First frame number available from this source (1-based). */
    int firstFrame();

    /** Last frame number available from this source. */
    int lastFrame();

    /**
     * Reads and decodes one frame.
     *
     * @throws ImageFormatException when the file is missing, truncated or malformed; the message
     *                              names the file and what is wrong
     */
    Frame read(int frameNumber) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
