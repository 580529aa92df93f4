package org.mxflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mxflow.engine.nativeengine.NativeEngine;
import org.mxflow.engine.nativeengine.NativeOutcome;
import org.mxflow.engine.nativeengine.ProcessingRequest;
import org.mxflow.indexing.KnownSymmetry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mxflow process DATASET -o DIR}: one dataset through the native engine, like jfjoch_process. */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = "Process one rotation dataset (CBF frame, ?-template or EIGER master) into DIR: "
                + "XDS_ASCII.HKL, XDS_ASCII.HKL_noscale, CORRECT.LP, result.json.")
public final class ProcessCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DATASET", description = "a CBF frame of the series, a ?-template, or a *_master.h5")
    Path dataset;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "working directory for the outputs")
    Path output;

    @Option(names = "--frames", paramLabel = "A-B", description = "frame range to process, e.g. 1-100 (default: all)")
    String frames;

    @Option(names = "--engine", defaultValue = "native", description = "processing engine: native (default)")
    String engine;

    @Option(names = {"-N", "--threads"}, defaultValue = "1", description = "threads (default ${DEFAULT-VALUE}); outputs do not depend on it")
    int threads;

    @Option(names = "--cell", paramLabel = "\"a b c al be ga\"", description = "prior unit cell (needs --space-group)")
    String cell;

    @Option(names = "--space-group", paramLabel = "SG", description = "prior/forced space group, e.g. P43212")
    String spaceGroup;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!engine.equals("native")) throw new IllegalArgumentException("engine '" + engine + "' is not available here; use --engine native");
        if (cell != null && spaceGroup == null) throw new IllegalArgumentException("--cell needs --space-group");
        int first = 0, last = 0;
        if (frames != null) {
            String[] p = frames.split("-");
            try {
                if (p.length != 2) throw new NumberFormatException();
                first = Integer.parseInt(p[0].trim());
                last = Integer.parseInt(p[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--frames must be A-B with frame numbers, got '" + frames + "'");
            }
        }
        Optional<KnownSymmetry> known = cell == null ? Optional.empty() : Optional.of(KnownSymmetry.of(cell, spaceGroup));
        ProcessingRequest req = new ProcessingRequest(dataset, output, first, last, threads, known, Optional.ofNullable(spaceGroup));
        NativeOutcome outcome = new NativeEngine().process(req);
        PrintWriter out = spec.commandLine().getOut();
        if (outcome instanceof NativeOutcome.Done d) {
            out.println("done: " + d.summary());
            out.println("outputs in " + d.workDir());
            out.flush();
            return 0;
        }
        NativeOutcome.Failed f = (NativeOutcome.Failed) outcome;
        spec.commandLine().getErr().println("mxflow: process failed at " + f.step() + ": " + f.reason());
        spec.commandLine().getErr().flush();
        return 2;
    }
}
