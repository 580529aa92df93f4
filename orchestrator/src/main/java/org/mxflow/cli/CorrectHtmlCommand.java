package org.mxflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mxflow.report.DatasetCorrectSummary;
import org.mxflow.report.ReportRenderer;
import org.mxflow.xds.CorrectLp;
import org.mxflow.xds.CorrectLpParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mxflow correct-html}: the correct.html page from XDS CORRECT.LP files. */
@Command(name = "correct-html", mixinStandardHelpOptions = true,
        description = "Write correct.html (statistics tables, ISa and plots) from XDS CORRECT.LP files.")
final class CorrectHtmlCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "CORRECT.LP", description = "CORRECT.LP files, one per data set.")
    List<Path> logs;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
            description = "The page to write, e.g. _kamoproc/correct.html; data sets are named by their "
                    + "directory relative to the page's directory.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path dir = out.toAbsolutePath().getParent();
        List<DatasetCorrectSummary> datasets = new ArrayList<>();
        for (Path log : logs) {
            if (!Files.isRegularFile(log)) {
                throw new java.io.FileNotFoundException(log + ": no such CORRECT.LP");
            }
            CorrectLp lp = CorrectLpParser.parse(log);
            Path workDir = log.toAbsolutePath().normalize().getParent();
            String name = workDir.startsWith(dir) && !workDir.equals(dir) ? dir.relativize(workDir).toString() : workDir.toString();
            datasets.add(new DatasetCorrectSummary(name, log, null, lp.datasetStatistics()));
        }
        new ReportRenderer().renderCorrectHtml(datasets, out);
        spec.commandLine().getOut().println("wrote " + out + " (" + datasets.size() + " data set" + (datasets.size() == 1 ? "" : "s") + ")");
        return 0;
    }
}
