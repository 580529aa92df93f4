package org.mxflow.image;

import java.io.IOException;
import java.nio.file.Path;

/** An image file that cannot be read as what it claims to be; the message names the file. */
public class ImageFormatException extends IOException {

    private final Path file;

    public ImageFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ImageFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
