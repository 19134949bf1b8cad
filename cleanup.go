package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"estimator/store"
)

// cleanupInterval is how often a server with AUTO_CLEANUP_ENABLED runs the cleanup.
const cleanupInterval = 24 * time.Hour

// cleanup is the cleanup command: it deletes, once, the tasks older than DATA_RETENTION_DAYS.
// systemd/estimator-cleanup.timer runs it daily, as AUTO_CLEANUP_ENABLED does inside the server.
func cleanup(ctx context.Context, cfg Config, log *slog.Logger) error {
	if cfg.RetentionDays == 0 {
		log.Info("cleanup: DATA_RETENTION_DAYS is 0, so every task is kept")
		return nil
	}
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	return deleteExpiredTasks(ctx, st, cfg.RetentionDays, time.Now(), log)
}

// deleteExpiredTasks deletes the tasks created more than days days before now, each with its
// audit record. The log names no task: titles and clients are the users' data.
func deleteExpiredTasks(ctx context.Context, st *store.Store, days int64, now time.Time, log *slog.Logger) error {
	cutoff := now.AddDate(0, 0, -int(days))
	d := store.Deletion{By: store.DeletedByRetention, At: now,
		Reason: fmt.Sprintf("created more than %d days ago (DATA_RETENTION_DAYS)", days)}
	n, err := st.DeleteTasksCreatedBefore(ctx, cutoff, d)
	log.Info("cleanup: deleted the tasks past retention", "count", n, "retention_days", days,
		"created_before", cutoff.UTC().Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("cleanup: %w", err)
	}
	return nil
}

// startAutoCleanup runs the cleanup in the background when AUTO_CLEANUP_ENABLED is on: at once,
// then every day, until ctx ends. Instances sharing one PostgreSQL may all run it: each deletion
// is its own transaction and a task already deleted by another is skipped. The returned channel
// is closed once it has stopped (at once when it is off).
func startAutoCleanup(ctx context.Context, cfg Config, st *store.Store, log *slog.Logger) <-chan struct{} {
	done := make(chan struct{})
	if !cfg.AutoCleanup || cfg.RetentionDays == 0 {
		close(done)
		return done
	}
	go func() {
		defer close(done)
		every(ctx, cleanupInterval, func(ctx context.Context) {
			if err := deleteExpiredTasks(ctx, st, cfg.RetentionDays, time.Now(), log); err != nil && ctx.Err() == nil {
				log.Error("cleanup failed; the next run tries again", "error", err)
			}
		})
	}()
	return done
}

// every calls fn at once and then every interval until ctx ends; it returns after the call in
// progress, if any. A call that takes longer than interval delays the next one instead of
// overlapping it.
func every(ctx context.Context, interval time.Duration, fn func(context.Context)) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for ctx.Err() == nil {
		fn(ctx)
		select {
		case <-ctx.Done():
		case <-tick.C:
		}
	}
}
