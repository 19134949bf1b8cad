package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// oneLine reports whether a command's stderr is a single line containing want.
func oneLine(stderr, want string) bool {
	return strings.Count(strings.TrimSpace(stderr), "\n") == 0 && strings.Contains(stderr, want)
}

func TestBackupCommand(t *testing.T) {
	t.Chdir(t.TempDir())
	env := []string{"DATABASE_URL=" + seedRetention(t)}
	dir := t.TempDir()
	// Two older dated copies and a file of the operator's own.
	for _, name := range []string{"estimator-20200101-000000.db", "estimator-20200102-000000.db", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runCmd(t, env, "backup", "--keep", "2", dir)
	if code != 0 || !strings.Contains(out, "backed up to "+filepath.Join(dir, "estimator-")) ||
		!strings.Contains(out, "removed old backup "+filepath.Join(dir, "estimator-20200101-000000.db")) {
		t.Fatalf("backup --keep 2 DIR: exit %d\n%s%s", code, out, errOut)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 3 || !slices.Contains(names, "estimator-20200102-000000.db") || !slices.Contains(names, "notes.txt") {
		t.Errorf("after backup --keep 2: %v; want the newest two copies and notes.txt", names)
	}

	file := filepath.Join(t.TempDir(), "copy.db")
	if code, _, errOut := runCmd(t, env, "backup", file); code != 0 {
		t.Fatalf("backup FILE: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCmd(t, env, "backup", file); code != exitFailure || !oneLine(errOut, "file already exists") {
		t.Errorf("backup over an existing file: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCmd(t, env, "backup", "--keep", "2", filepath.Join(dir, "x.db")); code != exitUsage || !oneLine(errOut, "--keep needs PATH to be a directory") {
		t.Errorf("backup --keep FILE: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCmd(t, env, "backup"); code != exitUsage || !oneLine(errOut, "backup needs a PATH") {
		t.Errorf("backup without PATH: exit %d, %q", code, errOut)
	}
	missing := []string{"DATABASE_URL=" + filepath.Join(t.TempDir(), "none.db")}
	if code, _, errOut := runCmd(t, missing, "backup", filepath.Join(t.TempDir(), "b.db")); code != exitFailure || !oneLine(errOut, "no database to copy") {
		t.Errorf("backup without a database: exit %d, %q", code, errOut)
	}
}

func TestRestoreCommand(t *testing.T) {
	t.Chdir(t.TempDir())
	backup := filepath.Join(t.TempDir(), "backup.db")
	if code, _, errOut := runCmd(t, []string{"DATABASE_URL=" + seedRetention(t)}, "backup", backup); code != 0 {
		t.Fatalf("backup: exit %d\n%s", code, errOut)
	}
	target := filepath.Join(t.TempDir(), "data", "app.db")
	env := []string{"DATABASE_URL=" + target}
	if code, out, errOut := runCmd(t, env, "restore", backup); code != 0 || !strings.Contains(out, "restored "+backup+" to "+target) {
		t.Fatalf("restore into a new database: exit %d\n%s%s", code, out, errOut)
	}
	if tasks, _ := deletions(t, target); tasks != 3 {
		t.Errorf("restored database has %d tasks, want 3", tasks)
	}
	if code, _, errOut := runCmd(t, env, "restore", backup); code != exitFailure || !oneLine(errOut, "already holds 3 tasks; add --force to replace it") {
		t.Errorf("restore over data: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCmd(t, env, "restore", backup, "--force"); code != 0 {
		t.Errorf("restore --force after PATH: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCmd(t, env, "restore", "--force", backup); code != 0 {
		t.Errorf("restore --force before PATH: exit %d, %q", code, errOut)
	}
	text := filepath.Join(t.TempDir(), "deliverables.csv")
	if err := os.WriteFile(text, []byte("name,description\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCmd(t, env, "restore", text, "--force"); code != exitFailure || !oneLine(errOut, "is not a SQLite database") {
		t.Errorf("restore of a text file: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCmd(t, env, "restore", backup, "extra"); code != exitUsage || !oneLine(errOut, `unexpected argument "extra"`) {
		t.Errorf("restore with two paths: exit %d, %q", code, errOut)
	}
}

// TestPostgresBackupAndRestorePrintCommands checks the commands printed for PostgreSQL: they name
// the configured database and schema, never the password, and nothing is run.
func TestPostgresBackupAndRestorePrintCommands(t *testing.T) {
	t.Chdir(t.TempDir())
	env := []string{"DATABASE_URL=postgres://app:s3cret@db.example:5432/estimator?sslmode=verify-full&password=s3cret", "DB_SCHEMA=est"}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"backup", "/backups/it's.dump"}, `pg_dump --format=custom --no-owner --dbname='postgres://app@db.example:5432/estimator?sslmode=verify-full' --schema='est' --file='/backups/it'\''s.dump'`},
		{[]string{"backup", "/backups/e.sql"}, `pg_dump --format=plain --clean --if-exists --no-owner --dbname='postgres://app@db.example:5432/estimator?sslmode=verify-full' --schema='est' --file='/backups/e.sql'`},
		{[]string{"restore", "/backups/e.dump"}, `pg_restore --clean --if-exists --no-owner --single-transaction --dbname='postgres://app@db.example:5432/estimator?sslmode=verify-full' --schema='est' '/backups/e.dump'`},
		{[]string{"restore", "/backups/e.sql"}, `psql --set=ON_ERROR_STOP=1 --single-transaction --dbname='postgres://app@db.example:5432/estimator?sslmode=verify-full' --file='/backups/e.sql'`},
	}
	for _, c := range cases {
		code, out, errOut := runCmd(t, env, c.args...)
		if code != 0 || !strings.Contains(out, "\n"+c.want+"\n") || strings.Contains(out, "s3cret") || !strings.Contains(out, "PGPASSWORD") {
			t.Errorf("%v: exit %d\n%s%s\nwant the line %s", c.args, code, out, errOut, c.want)
		}
	}
}
