package org.mxflow.mtz;

import java.io.IOException;

/** An MTZ file that cannot be read: the message names the file and what is wrong where. */
public class MtzFormatException extends IOException {
    public MtzFormatException(String message) {
        super(message);
    }
}
