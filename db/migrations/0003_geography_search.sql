-- Geography search: later-word prefixes and a Ukrainian alphabetical sort key.

-- Code-point order of this key is Ukrainian alphabetical order (є і ї ґ sort after я in Unicode), so results
-- are ordered the same way under COLLATE "C" on PGlite and on any server whatever its default collation.
ALTER TABLE admin_units ADD COLUMN sort_key text NOT NULL DEFAULT '';

-- The search keys of admin_units hold whole names and serve prefix matches of the name's start. This table holds
-- the suffix beginning at each later word ("подільський" for Кам'янець-Подільський), so a query matching any
-- word start is still an index range scan (text_pattern_ops) rather than a scan of every name.
CREATE TABLE admin_unit_search_terms (
  unit_code  text NOT NULL REFERENCES admin_units(code),
  script     text NOT NULL CHECK (script IN ('uk', 'en')),
  term       text NOT NULL,
  PRIMARY KEY (unit_code, script, term)
);
CREATE INDEX admin_unit_search_terms_term_idx ON admin_unit_search_terms (script, term text_pattern_ops);

-- A search looks first at the few units of the leading categories (oblasts, cities, raions, hromadas), a short
-- index range per category, before falling back to all names: see searchUnits.
CREATE INDEX admin_units_category_search_uk_idx ON admin_units (category, search_uk text_pattern_ops);
CREATE INDEX admin_units_category_search_en_idx ON admin_units (category, search_en text_pattern_ops);
