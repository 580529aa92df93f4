package org.mxflow.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mxflow.catalog.Catalog;
import org.mxflow.catalog.UnitRecord;
import org.mxflow.catalog.UnitState;
import org.mxflow.schedule.Processing;
import org.mxflow.schedule.RootLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mxflow status ROOT}: counts by state, running units, failures with their messages, merges. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show what the catalog of a beamtime root says: counts by state, running units, failures, merges.")
public final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ROOT", description = "The beamtime root.")
    Path root;

    @Option(names = "--catalog", paramLabel = "PATH", description = "Catalog file (default ROOT/" + Processing.CATALOG_NAME + ").")
    Path catalogFile;

    @Option(names = "--all", description = "List every unit, not only running and failed ones.")
    boolean all;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path file = catalogFile != null ? catalogFile : root.resolve(Processing.CATALOG_NAME);
        if (!Files.isRegularFile(file)) {
            throw new java.io.IOException("no catalog at " + file + ": nothing has been run on " + root + " yet");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Catalog c = Catalog.open(file)) {
            List<List<String>> runs = c.query("SELECT command, host, pid, started_at, heartbeat_at, stopped_at FROM run ORDER BY id DESC LIMIT 1");
            boolean held = RootLock.isHeld(file);
            if (!runs.isEmpty()) {
                List<String> r = runs.get(0);
                out.printf("last process: mxflow %s, pid %s on %s, started %s, %s%n", r.get(0), r.get(2), r.get(1), r.get(3),
                        held ? "working now (heartbeat " + r.get(4) + ")"
                                : r.get(5) != null ? "stopped " + r.get(5) : "gone without stopping (last heartbeat " + r.get(4) + ")");
            }
            StatusTable.counts(out, c.countsByState());
            List<UnitRecord> units = c.units();
            List<UnitRecord> shown = all ? units : units.stream()
                    .filter(u -> u.state() == UnitState.RUNNING || u.state() == UnitState.FAILED || u.error() != null).toList();
            if (!shown.isEmpty()) {
                StatusTable.units(out, shown);
            }
            StatusTable.merges(out, c.merges());
            out.flush();
        }
        return 0;
    }
}
