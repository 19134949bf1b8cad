package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"time"

	"estimator/store"
)

// fileFlags are the options of backup and restore, which also take a PATH.
type fileFlags struct {
	cmd   string // backup or restore
	path  string
	keep  int  // backup into a directory: the dated copies to keep, newest first (0 keeps all)
	force bool // restore: replace a database that holds data
}

// flagSet parses the flags that may follow backup or restore: their own and --env-file, which
// every command accepts after its name.
func (f *fileFlags) flagSet(cmd string, envFile *string, stderr io.Writer) *flag.FlagSet {
	f.cmd = cmd
	fs := flag.NewFlagSet("estimator "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(envFile, "env-file", *envFile, "read variables from this file instead of ./.env")
	if cmd == "backup" {
		fs.IntVar(&f.keep, "keep", 0, "with a directory as PATH, keep only the newest N dated copies (0 keeps all)")
	} else {
		fs.BoolVar(&f.force, "force", false, "replace a database that already holds tasks")
	}
	return fs
}

// takePath reads the PATH operand of a parsed flag set, and the flags that may follow it, as in
// "restore backup.db --force".
func (f *fileFlags) takePath(fs *flag.FlagSet) error {
	if fs.NArg() == 0 {
		return fmt.Errorf("%s needs a PATH", f.cmd)
	}
	f.path = fs.Arg(0)
	return fs.Parse(fs.Args()[1:])
}

// datedBackup names the copies made into a directory; the UTC time stamp sorts them by age.
var datedBackup = regexp.MustCompile(`^estimator-[0-9]{8}-[0-9]{6}\.(db|dump)$`)

// backupFile resolves the backup command's PATH: a file to create, or an existing directory in
// which a copy named after the time is created (dated is then true).
func backupFile(path, ext string, now time.Time) (file string, dated bool) {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return filepath.Join(path, "estimator-"+now.UTC().Format("20060102-150405")+ext), true
	}
	return path, false
}

// backup is the backup command: a consistent copy of the SQLite database made while the service
// runs, or, for PostgreSQL, the pg_dump command that makes one.
func backup(ctx context.Context, cfg Config, f fileFlags, stdout io.Writer) error {
	target, err := store.ParseURL(cfg.DatabaseURL)
	if err != nil {
		return err
	}
	ext := ".db"
	if target.Dialect == store.DialectPostgres {
		ext = ".dump"
	}
	path, dated := backupFile(f.path, ext, time.Now())
	if f.keep > 0 && !dated {
		return usageError{fmt.Errorf("backup: --keep needs PATH to be a directory, and %s is not one", f.path)}
	}
	if target.Dialect == store.DialectPostgres {
		_, err := fmt.Fprint(stdout, pgDumpCommand(cfg, path))
		return err
	}
	// Opening a missing file would create an empty database and back that up.
	if _, err := os.Stat(target.Path); err != nil {
		return fmt.Errorf("backup: no database to copy: %w", err)
	}
	st, err := store.Open(ctx, cfg.DatabaseURL, cfg.DBSchema)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, path); err != nil {
		return err
	}
	if _, err := fmt.Fprintln(stdout, "backed up to", path); err != nil {
		return err
	}
	if f.keep == 0 {
		return nil
	}
	return pruneBackups(f.path, f.keep, stdout)
}

// pruneBackups removes the dated copies in dir beyond the newest keep. Other files are left alone.
func pruneBackups(dir string, keep int, stdout io.Writer) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("backup: list old copies: %w", err)
	}
	var dated []string
	for _, e := range entries {
		if e.Type().IsRegular() && datedBackup.MatchString(e.Name()) {
			dated = append(dated, e.Name())
		}
	}
	slices.Sort(dated)
	for _, name := range dated[:max(0, len(dated)-keep)] {
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("backup: remove an old copy: %w", err)
		}
		if _, err := fmt.Fprintln(stdout, "removed old backup", filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return nil
}

// restore is the restore command: it replaces the SQLite database with a backup after checking
// both, or, for PostgreSQL, prints the command that restores a dump.
func restore(ctx context.Context, cfg Config, f fileFlags, stdout io.Writer) error {
	target, err := store.ParseURL(cfg.DatabaseURL)
	if err != nil {
		return err
	}
	if target.Dialect == store.DialectPostgres {
		_, err := fmt.Fprint(stdout, pgRestoreCommand(cfg, f.path))
		return err
	}
	if err := store.Restore(ctx, f.path, cfg.DatabaseURL, f.force); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "restored %s to %s; start the service (it applies newer migrations)\n", f.path, target.Path)
	return err
}
