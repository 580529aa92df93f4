package org.mxflow.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets the log level for a command-line run: INFO for mxflow, WARN for libraries, DEBUG with --debug. */
final class Logging {

    private Logging() {
    }

    static void configure(boolean debug) {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            ctx.getLogger("org.mxflow").setLevel(debug ? Level.DEBUG : Level.INFO);
            Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
            root.setLevel(debug ? Level.INFO : Level.WARN);
            ctx.getLogger("io.jhdf").setLevel(debug ? Level.INFO : Level.ERROR);   // jhdf warns on every open
        }
    }
}
