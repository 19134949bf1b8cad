package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"estimator/store"
)

// queueReadTimeout bounds the database read of one scrape: Prometheus gives up after 10 seconds
// by default, and a scrape must not hold a connection longer than that.
const queueReadTimeout = 5 * time.Second

// Queue is where the job queue is read: the store.
type Queue interface {
	Queue(ctx context.Context, now time.Time) ([]store.QueuedKind, error)
}

// queueCollector reads the queue when Prometheus scrapes, in one query, rather than keeping counts
// up to date: several instances share one queue in the database, and only the database knows it.
type queueCollector struct {
	queue   Queue
	waiting *prometheus.Desc
	oldest  *prometheus.Desc
}

func newQueueCollector(q Queue) *queueCollector {
	return &queueCollector{
		queue: q,
		waiting: prometheus.NewDesc(prometheus.BuildFQName(namespace, "queue", "waiting_jobs"),
			"Jobs waiting for a worker, due or in their backoff after a failed attempt, by kind; a kind with none is left out.",
			[]string{"kind"}, nil),
		oldest: prometheus.NewDesc(prometheus.BuildFQName(namespace, "queue", "oldest_waiting_seconds"),
			"How long the job due first has been waiting for a worker; 0 when none is due.", nil, nil),
	}
}

func (c *queueCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.waiting
	ch <- c.oldest
}

func (c *queueCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), queueReadTimeout)
	defer cancel()
	kinds, err := c.queue.Queue(ctx, time.Now())
	if err != nil {
		// The handler logs it and serves the other metrics.
		ch <- prometheus.NewInvalidMetric(c.waiting, err)
		return
	}
	var oldest time.Duration
	for _, k := range kinds {
		ch <- prometheus.MustNewConstMetric(c.waiting, prometheus.GaugeValue, float64(k.Jobs), k.Kind)
		oldest = max(oldest, k.OldestWait)
	}
	ch <- prometheus.MustNewConstMetric(c.oldest, prometheus.GaugeValue, oldest.Seconds())
}
