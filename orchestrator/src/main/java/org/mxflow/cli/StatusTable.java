package org.mxflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mxflow.catalog.Catalog;
import org.mxflow.catalog.UnitRecord;
import org.mxflow.catalog.UnitState;

/** Text tables of the catalog for a beamline scientist: units, counts, failures, merges. */
final class StatusTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusTable() {
    }

    static void units(PrintWriter out, List<UnitRecord> units) {
        out.printf(Locale.ROOT, "%-8s %-66s %6s %8s  %s%n", "state", "working directory", "frames", "time/s", "result");
        for (UnitRecord u : units) {
            out.printf(Locale.ROOT, "%-8s %-66s %6d %8s  %s%n", u.state().word(), u.workDir(), u.lastFrame() - u.firstFrame() + 1,
                    Double.isNaN(u.elapsedS()) ? "-" : String.format(Locale.ROOT, "%.2f", u.elapsedS()), result(u));
        }
    }

    static String result(UnitRecord u) {
        if (u.state() == UnitState.FAILED || (u.state() == UnitState.PENDING && u.error() != null)) {
            return (u.state() == UnitState.PENDING ? "retrying after: " : "") + u.error();
        }
        if (u.resultJson() == null) {
            return "";
        }
        try {
            JsonNode n = JSON.readTree(u.resultJson());
            if (n.has("spots")) {
                return n.get("spots").asInt() + " spots" + (u.generation() > 1 ? " (rerun " + (u.generation() - 1) + ")" : "");
            }
            if (n.has("frames") && n.get("frames").isArray() && n.get("frames").size() > 0 && n.get("frames").get(0).has("spots_in_window")) {
                int hits = 0;
                for (JsonNode f : n.get("frames")) {
                    hits += f.get("spots_in_window").asInt() > 0 ? 1 : 0;
                }
                return hits + " of " + n.get("frames").size() + " stills with spots";
            }
            return "done";
        } catch (IOException e) {
            return "";
        }
    }

    static void counts(PrintWriter out, Map<UnitState, Integer> counts) {
        StringBuilder sb = new StringBuilder("units:");
        counts.forEach((s, n) -> sb.append(' ').append(s.word()).append(' ').append(n));
        out.println(sb);
    }

    static void merges(PrintWriter out, List<Catalog.MergeRecord> merges) {
        if (merges.isEmpty()) {
            return;
        }
        out.println("merges:");
        for (Catalog.MergeRecord m : merges) {
            out.printf(Locale.ROOT, "  %-8s %-50s %-5s %s%n", m.state(), m.directory(), m.clustering(), m.message() == null ? "" : m.message());
        }
    }
}
