import type { Migration } from './index'

// Accounts for a shared server (`lectern serve` on a network): who may sign in, the sessions
// they hold and the tokens scripts use. They live in the archive, so a session or a token is
// good only for the archive that issued it, and moving the archive moves its accounts.
//
// Nothing secret is stored as given: a password as an scrypt hash with its own salt and cost
// (`scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking old hashes), a
// session id and a token as their sha256 (both are 256 random bits, so a fast hash is enough;
// the point is that a copy of the archive does not hold live credentials).
//
// Per-user data (highlights, notes, …) is owned by the account's name in its own tables; removing
// an account deletes its sessions and tokens but never what it made.
export const m0008: Migration = {
  version: 8,
  name: 'accounts',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
        role TEXT NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
        password_hash TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
        created_at TEXT NOT NULL,
        last_seen_at TEXT
      ) STRICT;

      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY CHECK (length(id_hash) = 64),
        user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE ON UPDATE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sessions_user ON sessions(user_name);
      CREATE INDEX sessions_expires ON sessions(expires_at);

      CREATE TABLE api_tokens (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
        user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE ON UPDATE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('reader', 'editor')),
        created_at TEXT NOT NULL,
        last_used_at TEXT
      ) STRICT;
      CREATE INDEX api_tokens_user ON api_tokens(user_name);
    `)
  },
}
