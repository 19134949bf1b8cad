package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the SQLite database to path while the app keeps serving and
// writing. VACUUM INTO copies one snapshot, read in a WAL read transaction that never blocks the
// writers, into a compact database file with nothing beside it (no -wal to forget). The copy is
// written under a temporary name in path's directory and renamed once it is complete and on disk,
// so path is either absent or whole; it is readable by its owner only, as it holds every client's
// data. Backup refuses to overwrite an existing path.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.dialect != DialectSQLite {
		return errors.New("store: back up: the app copies SQLite databases only; back up PostgreSQL with pg_dump")
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("store: back up to %s: %w", path, fs.ErrExist)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("store: back up: %w", err)
	}
	// VACUUM INTO accepts an existing empty file and keeps its mode: CreateTemp's 0600.
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".partial-*")
	if err != nil {
		return fmt.Errorf("store: back up: %w", err)
	}
	tmpPath := tmp.Name()
	defer os.Remove(tmpPath) // fails harmlessly once renamed
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("store: back up: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmpPath); err != nil {
		return fmt.Errorf("store: back up to %s: %w", path, err)
	}
	if err := replaceFile(tmpPath, path); err != nil {
		return fmt.Errorf("store: back up: %w", err)
	}
	return nil
}

// replaceFile makes the complete file tmp durable and renames it to path in the same directory,
// so that after a crash path is either the old file or the new one, never a part of it.
func replaceFile(tmp, path string) error {
	if err := syncPath(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	// The rename itself is durable once the directory is synced.
	return syncPath(filepath.Dir(path))
}

// syncPath flushes a file or directory to disk.
func syncPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return f.Close()
}
