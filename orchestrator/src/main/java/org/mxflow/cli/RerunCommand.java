package org.mxflow.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mxflow.catalog.Catalog;
import org.mxflow.catalog.UnitRecord;
import org.mxflow.catalog.UnitState;
import org.mxflow.plan.ProcessingTree;
import org.mxflow.schedule.Processing;
import org.mxflow.schedule.RootLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mxflow rerun ROOT --pin PIN}: reprocess one pin; old results stay until the new ones succeed. */
@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = {"Reprocess the units of one pin. The old results stay in place until the new ones have succeeded;",
            "the pin's merges follow. When a watch is running on the root it picks the units up; otherwise they run now."})
public final class RerunCommand implements Callable<Integer> {

    @Mixin
    ProcessingOptionsMixin opts;

    @Option(names = "--pin", required = true, description = "The pin directory name, e.g. CPS1012-06.")
    String pin;

    @Option(names = "--tree", defaultValue = "all", description = "kamoproc, 30deg or all. Default: ${DEFAULT-VALUE}.")
    String tree;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> trees = switch (tree.toLowerCase(Locale.ROOT)) {
            case "kamoproc" -> List.of(ProcessingTree.KAMOPROC.directory());
            case "30deg" -> List.of(ProcessingTree.KAMO_30DEG.directory());
            case "all" -> List.of(ProcessingTree.KAMOPROC.directory(), ProcessingTree.KAMO_30DEG.directory());
            default -> throw new IllegalArgumentException("--tree must be kamoproc, 30deg or all, not '" + tree + "'");
        };
        Path file = opts.options(0, 0).catalogPath();
        if (!Files.isRegularFile(file)) {
            throw new java.io.IOException("no catalog at " + file + ": run 'mxflow run " + opts.root + "' first");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<UnitRecord> queued;
        try (Catalog c = Catalog.open(file)) {
            queued = c.rerun(pin, trees);
        }
        if (queued.isEmpty()) {
            throw new IllegalArgumentException("the catalog has no units of pin '" + pin + "' in " + String.join(" or ", trees));
        }
        out.printf("%d unit(s) of %s queued again%n", queued.size(), pin);
        if (RootLock.isHeld(file)) {
            out.println("a running mxflow watch/run holds this root and will process them");
            return 0;
        }
        try (Processing p = Processing.start("rerun", opts.options(0, 0), opts.engine(), new RunCommand.Progress(false))) {
            p.runOnce();
            List<UnitRecord> after = p.catalog().units().stream().filter(u -> queued.stream().anyMatch(q -> q.id() == u.id())).toList();
            StatusTable.units(out, after);
            StatusTable.merges(out, p.catalog().merges());
            out.flush();
            return after.stream().anyMatch(u -> u.state() == UnitState.FAILED) ? 1 : 0;
        }
    }
}
