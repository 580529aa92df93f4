-- mxflow catalog, version 3: the space group (and cell) the sample sheet gives a unit's pin, as
-- KAMO's known.space_group / known.unit_cell, stored with the unit so that a restart or a rerun
-- without the sheet processes it with the same prior.
ALTER TABLE unit ADD COLUMN known_space_group TEXT;   -- the symbol as the sheet writes it, NULL: none
ALTER TABLE unit ADD COLUMN known_cell TEXT;          -- "a b c alpha beta gamma" (Å, degrees), NULL: none
