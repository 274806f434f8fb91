-- An account an admin disabled (a person who left): no login, no API key, until enabled again.
ALTER TABLE accounts ADD COLUMN disabled_at TIMESTAMP WITH TIME ZONE;
