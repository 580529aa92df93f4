package org.mxflow.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code mxflow} command: automatic processing for crystallography beamlines. */
@Command(
        name = "mxflow",
        mixinStandardHelpOptions = true,
        versionProvider = MxflowCommand.Version.class,
        description = "Automatic post-collection processing for macromolecular crystallography beamlines.",
        subcommands = {
            CommandLine.HelpCommand.class,
            CorrectHtmlCommand.class,
            InspectCommand.class,
            SimulateCommand.class,
            RunCommand.class,
            WatchCommand.class,
            RerunCommand.class,
            StatusCommand.class,
            PlanCommand.class,
            HitmapCommand.class,
            ProcessCommand.class,
            DemoCommand.class,
            MergeCommand.class,
        })
public final class MxflowCommand implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(MxflowCommand.class);

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces and debug logging.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new MxflowCommand());
        cl.setExecutionStrategy(parseResult -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            Logging.configure(debug);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setExecutionExceptionHandler(MxflowCommand::oneLineError);
        return cl;
    }

    /** A failure is one readable line on stderr and exit code 1; the stack trace only with --debug. */
    private static int oneLineError(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        boolean debug = parseResult.hasMatchedOption("--debug")
                || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("mxflow: error: " + message);
        if (debug) {
            e.printStackTrace(err);
        } else {
            LOG.debug("failure", e);
        }
        err.flush();
        return 1;
    }

    /** Version from the jar manifest, or the development version when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = MxflowCommand.class.getPackage().getImplementationVersion();
            return new String[] {"mxflow " + (v == null ? "0.1.0-SNAPSHOT" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
