-- The interface language each person chose, so it follows them to any browser.
ALTER TABLE accounts ADD COLUMN language VARCHAR(10);
