-- Sessions are found by the sha-256 of their id (lib/auth/sessions.ts storedSessionId): the table keeps no credential.
-- Every live session is rewritten the same way, so nobody is signed out by the change.
UPDATE "sessions" SET "id" = encode(sha256(convert_to("id", 'UTF8')), 'hex');
