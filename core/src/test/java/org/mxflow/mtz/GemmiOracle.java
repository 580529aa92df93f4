package org.mxflow.mtz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs scripts/oracles/mtz_check.py (gemmi, Debian python3-gemmi) on MTZ files when
 * /usr/bin/python3 can import gemmi; scripts/install-test-deps.sh installs it for CI.
 */
final class GemmiOracle {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Boolean available;

    private GemmiOracle() {}

    static synchronized boolean available() {
        if (available == null) {
            available = false;
            // -Dmxflow.gemmi=off exercises the fixture path on a machine that has gemmi
            if (Files.isExecutable(PYTHON) && !"off".equals(System.getProperty("mxflow.gemmi"))) {
                try {
                    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import gemmi").redirectErrorStream(true).start();
                    available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
                } catch (IOException | InterruptedException e) {
                    available = false;
                }
            }
            if (!available) {
                System.err.println("gemmi not importable by /usr/bin/python3 (scripts/install-test-deps.sh installs python3-gemmi); "
                        + "MTZ tests compare with the committed gemmi fixtures instead");
            }
        }
        return available;
    }

    /** gemmi's summaries of the files, in order. */
    static List<JsonNode> summarize(List<Path> files) throws IOException, InterruptedException {
        Path script = repoRoot().resolve("scripts/oracles/mtz_check.py");
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        files.forEach(f -> cmd.add(f.toAbsolutePath().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("mtz_check.py failed on " + files);
        }
        List<JsonNode> list = new ArrayList<>();
        new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8)).forEach(list::add);
        return list;
    }

    static List<JsonNode> fixture(String name) throws IOException {
        try (var in = GemmiOracle.class.getResourceAsStream("/oracles/" + name)) {
            List<JsonNode> list = new ArrayList<>();
            new ObjectMapper().readTree(in).forEach(list::add);
            return list;
        }
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/oracles/mtz_check.py"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (scripts/oracles/mtz_check.py) from "
                    + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static Path shared() {
        return Path.of(System.getProperty("mxflow.shared", "../shared"));
    }
}
