package main

import (
	"net/url"
	"strings"
)

// The app does not run pg_dump or pg_restore itself: they must match the server's major version,
// run where the operator chooses, and be given the password their own way. backup and restore
// print the command for the configured database instead.

// pgDumpCommand is the pg_dump command that backs up the configured database to path: a plain SQL
// script when path ends in .sql, otherwise pg_dump's custom format, which pg_restore reads.
func pgDumpCommand(cfg Config, path string) string {
	format := "--format=custom"
	if strings.HasSuffix(path, ".sql") {
		format = "--format=plain --clean --if-exists"
	}
	return "# PostgreSQL is backed up with pg_dump (from the server's major version), not by the app:\n" +
		"pg_dump " + format + " --no-owner " + pgTarget(cfg) + " --file=" + shellQuote(path) + "\n" +
		pgPasswordNote
}

// pgRestoreCommand is the command that restores a dump made with pgDumpCommand.
func pgRestoreCommand(cfg Config, path string) string {
	command := "pg_restore --clean --if-exists --no-owner --single-transaction " + pgTarget(cfg) + " " + shellQuote(path)
	if strings.HasSuffix(path, ".sql") {
		command = "psql --set=ON_ERROR_STOP=1 --single-transaction --dbname=" + shellQuote(pgURL(cfg.DatabaseURL)) +
			" --file=" + shellQuote(path)
	}
	return "# PostgreSQL is restored with pg_restore or psql, not by the app. Stop every instance first, then:\n" +
		command + "\n" + pgPasswordNote
}

const pgPasswordNote = "# The password is not shown: give it with PGPASSWORD or ~/.pgpass.\n"

// pgTarget names the database, and the schema when DB_SCHEMA sets one, for pg_dump and pg_restore.
func pgTarget(cfg Config) string {
	target := "--dbname=" + shellQuote(pgURL(cfg.DatabaseURL))
	if cfg.DBSchema != "" {
		target += " --schema=" + shellQuote(cfg.DBSchema)
	}
	return target
}

// pgURL is the database URL without its password, which must not end up in a shell history or a
// log, in the user information or in a password parameter.
func pgURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
