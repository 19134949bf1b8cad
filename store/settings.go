package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

const settingQuery = `SELECT value FROM settings WHERE key = ?`

// Setting returns the value stored under key, or an error wrapping ErrNotFound.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var value string
	err := s.db.GetContext(ctx, &value, s.db.Rebind(settingQuery), key)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: get setting %s: %w", key, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("store: get setting %s: %w", key, err)
	}
	return value, nil
}

const putSettingQuery = `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`

// PutSetting stores value under key, replacing any previous value.
func (s *Store) PutSetting(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx, s.db.Rebind(putSettingQuery), key, value, time.Now().UTC())
	if err != nil {
		return fmt.Errorf("store: put setting %s: %w", key, err)
	}
	return nil
}

const initSettingQuery = `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
ON CONFLICT (key) DO NOTHING`

// SettingOrInit returns the value stored under key. When there is none it stores the result of
// init and returns it. Processes that race here may each call init, but only the first insert is
// kept and every caller returns that stored value, so all of them agree (on a session key, for
// example).
func (s *Store) SettingOrInit(ctx context.Context, key string, init func() (string, error)) (string, error) {
	value, err := s.Setting(ctx, key)
	if !errors.Is(err, ErrNotFound) {
		return value, err
	}
	value, err = init()
	if err != nil {
		return "", fmt.Errorf("store: init setting %s: %w", key, err)
	}
	if _, err := s.db.ExecContext(ctx, s.db.Rebind(initSettingQuery), key, value, time.Now().UTC()); err != nil {
		return "", fmt.Errorf("store: init setting %s: %w", key, err)
	}
	// Read back rather than return value: another process may have inserted first.
	return s.Setting(ctx, key)
}
