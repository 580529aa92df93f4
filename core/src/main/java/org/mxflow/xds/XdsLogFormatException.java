package org.mxflow.xds;

import java.io.IOException;

/** An XDS log (CORRECT.LP, XSCALE.LP ...) that does not read as XDS writes it; names file and line. */
public class XdsLogFormatException extends IOException {

    public XdsLogFormatException(String source, int lineNumber, String problem) {
        super(source + (lineNumber > 0 ? " line " + lineNumber : "") + ": " + problem);
    }
}
