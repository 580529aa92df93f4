package org.mxflow.plan;

import java.nio.file.Path;
import java.util.List;
import org.mxflow.discovery.BeamtimeSurvey;
import org.mxflow.discovery.Dataset;

/**
 * What is to be processed and merged for one beamtime.
 *
 * @param survey    what discovery found
 * @param units     every processing unit, both trees, in dataset order
 * @param merges    merge groups per tree, sample and clustering method
 * @param problems  things that stop part of the plan (e.g. two samples mapping to one directory)
 */
public record ProcessingPlan(BeamtimeSurvey survey, List<ProcessingUnit> units, List<MergeGroup> merges, List<String> problems) {

    public Path root() {
        return survey.root();
    }

    public List<ProcessingUnit> unitsOf(Dataset d, ProcessingTree tree) {
        return units.stream().filter(u -> u.dataset() == d && u.tree() == tree).toList();
    }
}
