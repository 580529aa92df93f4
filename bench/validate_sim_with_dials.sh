#!/usr/bin/env bash
# Independent validation of the simulator with DIALS (Debian package dials 3.12):
# simulates the small beamtime, runs dials.import/find_spots/index/refine/integrate/symmetry on
# the helical sweep (P212121), the single sweep (C2) and two 10° multi wedges (P4, P43212), then
# compare_dials_with_truth.py checks the cell and space group DIALS found against the truth and
# correlates DIALS's integrated intensities with the true ones per resolution shell.
# Usage: bench/validate_sim_with_dials.sh [workdir]   (default bench/out/dials-validation)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$here/bench/out/dials-validation}"
seed="${SEED:-7}"
nproc="${NPROC:-2}"
command -v dials.index >/dev/null || { echo "DIALS is not installed (apt-get install dials)" >&2; exit 1; }
[[ -f "$here/orchestrator/target/mxflow.jar" ]] || (cd "$here" && mvn -B -q -DskipTests package)
mkdir -p "$work"
root="$work/sim/261121_BL45XU_mxsim"
if [[ ! -d "$root" ]]; then
  "$here/mxflow" simulate "$work/sim" --seed "$seed" --date 2026-11-21 --user mxsim
fi
truth="${root}_truth"

process() {  # name, template glob
  local name="$1" glob="$2" d="$work/$1"
  mkdir -p "$d"
  (
    cd "$d"
    if [[ ! -f symmetrized.expt ]]; then
      dials.import $glob > import.log
      dials.find_spots imported.expt nproc="$nproc" > find_spots.log
      dials.index imported.expt strong.refl > index.log
      dials.refine indexed.expt indexed.refl > refine.log
      dials.integrate refined.expt refined.refl nproc="$nproc" > integrate.log
      dials.symmetry integrated.expt integrated.refl > symmetry.log
      dials.export symmetrized.expt symmetrized.refl format=mtz mtz.hklout=integrated.mtz > export.log
    fi
  ) || { echo "$name: DIALS failed; see $d/*.log" >&2; return 1; }
}

declare -A crystal
crystal[helical]=HEL0002-01-helical_001
crystal[single]=CPS1012-06-single_001
crystal[multi_tet1]=MUL0003-01-multi_001
crystal[multi_lys1]=MUL0001-01-multi_001
args=()
for name in helical single multi_tet1 multi_lys1; do
  c="${crystal[$name]}"
  start=$(date +%s)
  process "$name" "$root/${c%%-[a-z]*}/data00/${c}_*.cbf"
  echo "$name ($c): DIALS took $(( $(date +%s) - start )) s"
  args+=("$name=$work/$name:$truth/$c.json")
done
/usr/bin/python3 "$here/bench/compare_dials_with_truth.py" "${args[@]}"
