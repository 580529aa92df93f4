#!/usr/bin/python3
"""French-Wilson amplitudes by cctbx (Debian python3-cctbx 2022.9) and exact posterior moments by scipy.

    /usr/bin/python3 scripts/oracles/french_wilson_cctbx.py > core/src/test/resources/oracles/french_wilson_cctbx.json

Makes a merged intensity set in P 21 21 21 (cell 50 60 70, 3.6 A; acentric reflections and the
centric zones h00/0k0/00l/hk0/h0l/0kl) with Wilson-distributed true intensities (exponential for
acentric, Sigma*z^2 for centric, Sigma = 1000 exp(-B s/2), B = 30 A^2) and Gaussian noise large
enough to give weak and negative I, and 20 outliers at -3.6 to -5 sigma (fixed seed). For each reflection it writes what cctbx's
french_wilson_scale gives (F, SIGF; null where cctbx rejects) and the per-reflection prior mean
intensity of cctbx.french_wilson.calculate_mean_intensities (cctbx's bins; cctbx uses no epsilon).

"posterior" rows are independent of cctbx: <F> and sd(F) integrated with scipy.integrate.quad in
J (not in sqrt(J) as the Java code does) for the French-Wilson posteriors (acentric: exponential
prior of mean P; centric: p(J) ~ J^-1/2 exp(-J/2P)) times a Gaussian likelihood N(I; J, sigma^2).

Used by org.mxflow.stats.FrenchWilsonCctbxTest.
"""
import json
import math
import io

import numpy as np
from scipy.integrate import quad
from cctbx import crystal, miller
from cctbx import french_wilson
from cctbx.array_family import flex


def posterior(i_obs, sig, prior, centric):
    def like(j):
        return math.exp(-0.5 * ((j - i_obs) / sig) ** 2)
    if centric:
        w = lambda j: like(j) * math.exp(-j / (2 * prior)) / math.sqrt(j) if j > 0 else 0.0
    else:
        w = lambda j: like(j) * math.exp(-j / prior)
    hi = max(i_obs, 0) + 40 * sig
    pts = [max(i_obs, 0)] if i_obs > 0 else None
    z = quad(w, 0, hi, points=pts, limit=400, epsabs=0, epsrel=1e-12)[0]
    f = quad(lambda j: math.sqrt(j) * w(j), 0, hi, points=pts, limit=400, epsabs=0, epsrel=1e-12)[0] / z
    j2 = quad(lambda j: j * w(j), 0, hi, points=pts, limit=400, epsabs=0, epsrel=1e-12)[0] / z
    return f, math.sqrt(max(0.0, j2 - f * f))


def main():
    rng = np.random.default_rng(1978)
    cs = crystal.symmetry((50, 60, 70, 90, 90, 90), "P 21 21 21")
    ms = miller.build_set(cs, anomalous_flag=False, d_min=3.6)
    s = ms.d_star_sq().data().as_numpy_array()
    centric = ms.centric_flags().data().as_numpy_array()
    big_sigma = 1000.0 * np.exp(-30.0 * s / 2)
    n = ms.size()
    true_i = np.where(centric, big_sigma * rng.standard_normal(n) ** 2, rng.exponential(big_sigma))
    sig = np.sqrt(0.3 * true_i + (0.35 * big_sigma) ** 2) * rng.uniform(0.5, 2.0, n)
    obs = true_i + sig * rng.standard_normal(n)
    # a few outliers far below zero, which French-Wilson rejects
    out = rng.choice(n, 20, replace=False)
    obs[out] = -rng.uniform(3.6, 5.0, 20) * sig[out]
    # 6 significant digits: the fixture holds exactly the inputs cctbx saw
    obs = np.array([float("%.6g" % v) for v in obs])
    sig = np.array([float("%.6g" % v) for v in sig])
    ma = ms.array(data=flex.double(obs), sigmas=flex.double(sig)).set_observation_type_xray_intensity()
    log = io.StringIO()
    f_obs = french_wilson.french_wilson_scale(ma, log=log)
    nbins = ma.binner().n_bins_used()
    prior = french_wilson.calculate_mean_intensities(ma, log=io.StringIO())
    fmap = {tuple(h): (f, sf) for h, f, sf in zip(f_obs.indices(), f_obs.data(), f_obs.sigmas())}
    rows = []
    for k, h in enumerate(ms.indices()):
        h = tuple(h)
        f = fmap.get(h)
        rows.append([h[0], h[1], h[2], float(obs[k]), float(sig[k]), bool(centric[k]), prior[h],
                     None if f is None else f[0], None if f is None else f[1]])
    post = []
    for centric_flag in (False, True):
        for i_obs in (-3.5, -2.0, -1.0, -0.3, 0.0, 0.4, 1.0, 2.0, 2.9, 3.5):
            for prior_mean in (0.5, 2.0, 50.0):
                sigma = 1.0
                f, sf = posterior(i_obs, sigma, prior_mean, centric_flag)
                post.append([i_obs, sigma, prior_mean, centric_flag, f, sf])
        # a different sigma scale
        f, sf = posterior(-12.0, 10.0, 40.0, centric_flag)
        post.append([-12.0, 10.0, 40.0, centric_flag, f, sf])
    json.dump({
        "cctbx": "cctbx.french_wilson.french_wilson_scale (python3-cctbx 2022.9), default 60 bins / 40 per bin",
        "space_group": "P 21 21 21", "cell": [50, 60, 70, 90, 90, 90], "d_min": 3.6,
        "bins_used": nbins,
        "columns": ["h", "k", "l", "I", "SIGI", "centric", "cctbx_prior_mean_I", "cctbx_F", "cctbx_SIGF"],
        "reflections": rows,
        "posterior_columns": ["I", "SIGI", "prior_mean_I", "centric", "F", "SIGF"],
        "posterior": post,
    }, fp=__import__("sys").stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
