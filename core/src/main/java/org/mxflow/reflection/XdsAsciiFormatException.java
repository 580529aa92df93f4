package org.mxflow.reflection;

import java.io.IOException;

/** An XDS_ASCII.HKL file that does not follow the format; the message names the file and line. */
public class XdsAsciiFormatException extends IOException {

    public XdsAsciiFormatException(String source, int line, String problem) {
        super(source + (line > 0 ? " line " + line : "") + ": " + problem);
    }
}
