package org.mxflow.simulate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Predicts every reflection of a crystal that crosses the Ewald sphere during a rotation and
 * lands on the detector, with its position, Lorentz–polarisation factors, rocking width and
 * expected counts.
 */
public final class ReflectionPredictor {

    /** Reflections with |ζ| below this sit in the blind region along the axis; DIALS and XDS skip them too. */
    static final double MIN_ZETA = 0.05;

    private ReflectionPredictor() {
    }

    /**
     * All crossings with φ in [startDeg - margin, endDeg + margin] where margin is 5 rocking widths,
     * sorted by φ. Reflections beyond dMinA, systematically absent ones and those missing the
     * detector are left out.
     */
    public static List<PredictedReflection> predict(Crystal crystal, StructureFactors structure, Beam beam,
                                                    Goniometer goniometer, Detector detector,
                                                    double startDeg, double endDeg, double dMinA) {
        Matrix3 a = crystal.orientedReciprocalBasis();
        Vector3 s0 = beam.s0();
        Vector3 axis = goniometer.axis().unit();
        double[] g = crystal.cell().reciprocalMetric();
        double sigmaM = Math.hypot(crystal.mosaicityDeg(), beam.divergenceDeg());
        double maxS2 = 1 / (dMinA * dMinA);
        int hMax = (int) Math.ceil(crystal.cell().a() / dMinA);
        int kMax = (int) Math.ceil(crystal.cell().b() / dMinA);
        int lMax = (int) Math.ceil(crystal.cell().c() / dMinA);
        double maxMargin = 5 * sigmaM / MIN_ZETA;
        List<PredictedReflection> out = new ArrayList<>();
        SpaceGroupSetting group = crystal.spaceGroup();
        for (int h = -hMax; h <= hMax; h++) {
            for (int k = -kMax; k <= kMax; k++) {
                for (int l = -lMax; l <= lMax; l++) {
                    double s2 = h * h * g[0] + k * k * g[4] + l * l * g[8] + 2 * (h * k * g[1] + h * l * g[2] + k * l * g[5]);
                    if (s2 > maxS2 || s2 == 0) {
                        continue;
                    }
                    Vector3 r0 = a.times(h, k, l);
                    double[] crossings = RotationGeometry.ewaldCrossings(r0, s0, axis);
                    if (crossings.length == 0) {
                        continue;
                    }
                    double f2 = Double.NaN;
                    for (double phiRad : crossings) {
                        double phi0 = Math.toDegrees(phiRad);
                        // Every turn of the goniometer that reaches the sweep gives a crossing.
                        double first = phi0 + 360 * Math.ceil((startDeg - maxMargin - phi0) / 360);
                        for (double phi = first; phi <= endDeg + maxMargin; phi += 360) {
                            Vector3 s1 = s0.plus(Matrix3.rotation(axis, Math.toRadians(phi)).times(r0));
                            double zeta = RotationGeometry.zeta(axis, s0, s1);
                            if (Math.abs(zeta) < MIN_ZETA) {
                                continue;
                            }
                            double sigmaPhi = Partiality.sigmaPhiDeg(sigmaM, zeta);
                            if (phi < startDeg - 5 * sigmaPhi || phi > endDeg + 5 * sigmaPhi) {
                                continue;
                            }
                            double[] xy = detector.intersect(s1, beam.wavelengthA());
                            if (xy == null || !detector.contains(xy[0], xy[1])) {
                                continue;
                            }
                            if (Double.isNaN(f2)) {
                                if (group.isSystematicallyAbsent(h, k, l)) {
                                    break;
                                }
                                f2 = structure.intensity(h, k, l);
                            }
                            if (!(f2 >= 0)) {
                                continue;
                            }
                            double lor = RotationGeometry.lorentz(axis, s0, s1);
                            double pol = RotationGeometry.polarization(s1, beam.polarizationFraction());
                            double trueI = crystal.scale() * crystal.temperatureFactorOnIntensity(s2)
                                    * f2 / structure.sumZSquared();
                            double pathMm = detector.distanceMm() / Math.abs(s1.unit().z());
                            double sigmaSpot = Math.hypot(0.5,
                                    0.5 * Math.toRadians(sigmaM) * pathMm / detector.pixelMm());
                            out.add(new PredictedReflection(h, k, l, phi, xy[0], xy[1], 1 / Math.sqrt(s2), zeta,
                                    lor, pol, sigmaPhi, sigmaSpot, trueI * lor * pol, trueI));
                        }
                    }
                }
            }
        }
        out.sort(Comparator.comparingDouble(PredictedReflection::phiDeg));
        return out;
    }
}
