package org.mxflow.simulate;

import org.mxflow.cell.UnitCell;

/**
 * One structure of the beamtime: crystals of a group share its atomic model, space group and
 * (within a fraction of a percent) its cell, so they are isomorphous.
 *
 * @param label      short name ("lysA"), used in the truth files
 * @param cell       the group's reference cell
 * @param spaceGroup its space group
 * @param atoms      atoms in the asymmetric unit of its random model
 */
public record StructureGroup(String label, UnitCell cell, SpaceGroupSetting spaceGroup, int atoms) {
}
