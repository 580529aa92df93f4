package org.mxflow.geometry;

/** The experimental geometry of one rotation sweep: beam, goniometer and detector. */
public record Experiment(Beam beam, Goniometer goniometer, Detector detector) {

    public Experiment withBeam(Beam b) { return new Experiment(b, goniometer, detector); }

    public Experiment withGoniometer(Goniometer g) { return new Experiment(beam, g, detector); }

    public Experiment withDetector(Detector d) { return new Experiment(beam, goniometer, d); }
}
