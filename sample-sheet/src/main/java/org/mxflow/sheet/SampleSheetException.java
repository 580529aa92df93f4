package org.mxflow.sheet;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** A sample sheet that cannot be used; carries every problem found, not just the first. */
public class SampleSheetException extends IOException {

    private final List<SheetProblem> problems;

    public SampleSheetException(List<SheetProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<SheetProblem> problems() {
        return problems;
    }

    private static String summary(List<SheetProblem> problems) {
        String head = problems.size() == 1 ? "1 problem in the sample sheet" : problems.size() + " problems in the sample sheet";
        return head + ":\n  " + problems.stream().map(SheetProblem::toString).collect(Collectors.joining("\n  "));
    }
}
