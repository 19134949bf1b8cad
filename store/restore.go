package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// ErrRefused is returned, wrapped, when Restore will not replace the database: the backup is
// damaged, is not an Estimator database or is newer than this binary, or the database in place
// holds data (without force) or is open in another process.
var ErrRefused = errors.New("store: restore refused")

// sqliteSidecars are the files SQLite keeps beside a database in WAL mode.
var sqliteSidecars = []string{"-wal", "-shm"}

const (
	estimatorTablesQuery = `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('goose_db_version', 'tasks')`
	tablesQuery          = `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'`
	taskCountQuery       = `SELECT COUNT(*) FROM tasks`
)

// Restore replaces the SQLite database of databaseURL with the backup file src. The backup is
// copied to a temporary file beside the database and checked there (integrity_check, Estimator's
// tables, a schema version this binary knows), so the checked bytes are the ones installed. The
// database in place is replaced only when it is absent or empty, or when force is set, and never
// while another process has it open. The copy is synced and renamed over the database after the
// old -wal and -shm files are removed, so a crash leaves either the old database or the new one.
func Restore(ctx context.Context, src, databaseURL string, force bool) error {
	target, err := ParseURL(databaseURL)
	if err != nil {
		return err
	}
	if target.Dialect != DialectSQLite {
		return errors.New("store: restore: the app restores SQLite databases only; restore PostgreSQL with pg_restore or psql")
	}
	if err := checkSource(src, target.Path); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(target.Path), 0o750); err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	tmp, err := copyBeside(src, target.Path)
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	defer removeDatabaseFiles(tmp) // all gone once renamed
	if err := checkBackup(ctx, tmp, src); err != nil {
		return err
	}
	if err := checkReplaceable(ctx, target.Path, force); err != nil {
		return err
	}
	// A -wal left beside the old database would be replayed into the new one and corrupt it.
	for _, suffix := range sqliteSidecars {
		if err := os.Remove(target.Path + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("store: restore: %w", err)
		}
	}
	if err := replaceFile(tmp, target.Path); err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	return nil
}

// checkSource refuses a source that is the database itself or that has a write-ahead log beside
// it: such a file is a live or crashed database whose latest transactions are in the -wal, which
// copying the file alone would lose.
func checkSource(src, target string) error {
	info, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	if t, err := os.Stat(target); err == nil && os.SameFile(info, t) {
		return fmt.Errorf("%w: %s is the database itself", ErrRefused, src)
	}
	if wal, err := os.Stat(src + "-wal"); err == nil && wal.Size() > 0 {
		return fmt.Errorf("%w: %s has a write-ahead log beside it (%s-wal): it is an open database, not a backup; make one with estimator backup", ErrRefused, src, src)
	}
	return nil
}

// copyBeside copies src to a new temporary file in target's directory and returns its path.
func copyBeside(src, target string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".restore-*")
	if err != nil {
		return "", err
	}
	_, err = io.Copy(out, in)
	if closeErr := out.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}

// cause drops Open's context, which names the temporary copy, from its error.
func cause(err error) error {
	return cmp.Or(errors.Unwrap(err), err)
}

// removeDatabaseFiles removes a database file and its sidecars, ignoring those that do not exist.
func removeDatabaseFiles(path string) {
	for _, suffix := range append([]string{""}, sqliteSidecars...) {
		_ = os.Remove(path + suffix)
	}
}

// checkBackup opens the copy at path (named src in messages) and checks that SQLite finds it
// intact, that it is an Estimator database, and that this binary knows its schema.
func checkBackup(ctx context.Context, path, src string) error {
	st, err := Open(ctx, path, "")
	if err != nil {
		what := "is not a SQLite database"
		if sqliteErr := (sqlite3.Error{}); errors.As(err, &sqliteErr) && sqliteErr.Code == sqlite3.ErrCorrupt {
			what = "is damaged"
		}
		return fmt.Errorf("%w: %s %s: %w", ErrRefused, src, what, cause(err))
	}
	defer st.Close()
	// integrity_check(1) stops at the first problem: one line says the file is damaged.
	var result string
	if err := st.db.GetContext(ctx, &result, `PRAGMA integrity_check(1)`); err != nil {
		return fmt.Errorf("%w: %s is damaged: %w", ErrRefused, src, err)
	}
	if result != "ok" {
		return fmt.Errorf("%w: %s is damaged: integrity_check: %s", ErrRefused, src, strings.ReplaceAll(result, "\n", " "))
	}
	var tables int
	if err := st.db.GetContext(ctx, &tables, estimatorTablesQuery); err != nil {
		return fmt.Errorf("store: restore: read %s: %w", src, err)
	}
	if tables != 2 {
		return fmt.Errorf("%w: %s is not an Estimator database (it has no tasks or migration table)", ErrRefused, src)
	}
	version, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	latest, err := st.LatestSchemaVersion()
	if err != nil {
		return err
	}
	if version > latest {
		return fmt.Errorf("%w: %s has schema version %d, newer than this binary's %d: restore it with the release that made it", ErrRefused, src, version, latest)
	}
	return nil
}

// checkReplaceable refuses to replace a database that another process has open, or, without force,
// one that holds data. An absent or empty file is always replaceable; so is, with force, a file
// SQLite cannot open.
func checkReplaceable(ctx context.Context, path string, force bool) error {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) || err == nil && info.Size() == 0 {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	st, err := Open(ctx, path, "")
	if err != nil {
		if force {
			return nil
		}
		return fmt.Errorf("%w: %s cannot be read (%w); add --force to replace it", ErrRefused, path, cause(err))
	}
	held, err := heldData(ctx, st)
	if closeErr := st.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return fmt.Errorf("store: restore: read %s: %w", path, err)
	}
	// The last connection to close removes the -wal; if it is still there, another process (the
	// service) has the database open and would go on writing to the file being replaced.
	if _, err := os.Stat(path + "-wal"); err == nil {
		return fmt.Errorf("%w: %s is open in another process: stop the service first", ErrRefused, path)
	}
	if held != "" && !force {
		return fmt.Errorf("%w: %s already holds %s; add --force to replace it", ErrRefused, path, held)
	}
	return nil
}

// heldData describes what the database holds that a restore would lose; empty when nothing.
func heldData(ctx context.Context, st *Store) (string, error) {
	var tables, tasks int
	if err := st.db.GetContext(ctx, &tables, estimatorTablesQuery); err != nil {
		return "", err
	}
	if tables != 2 {
		if err := st.db.GetContext(ctx, &tables, tablesQuery); err != nil || tables == 0 {
			return "", err
		}
		return "tables of another application", nil
	}
	if err := st.db.GetContext(ctx, &tasks, taskCountQuery); err != nil || tasks == 0 {
		return "", err
	}
	if tasks == 1 {
		return "1 task", nil
	}
	return fmt.Sprintf("%d tasks", tasks), nil
}

// LatestSchemaVersion returns the highest migration version this binary carries for the store's
// dialect.
func (s *Store) LatestSchemaVersion() (int64, error) {
	p, err := s.migrationProvider()
	if err != nil {
		return 0, err
	}
	sources := p.ListSources()
	if len(sources) == 0 {
		return 0, errors.New("store: no migrations embedded")
	}
	return sources[len(sources)-1].Version, nil
}
