package metrics

import "github.com/prometheus/client_golang/prometheus"

// Outcomes of a job's attempt, the values of the outcome label of estimator_jobs_total.
const (
	JobCompleted = "completed" // its result is stored
	JobRetried   = "retried"   // it failed and is queued again after a backoff
	JobFailed    = "failed"    // it failed its last allowed attempt, for good
	JobAbandoned = "abandoned" // the runner stopped during it; another worker takes it over later
	JobDiscarded = "discarded" // the job was no longer this worker's (lease taken over, cancelled, deleted)
)

func newJobMetrics() *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "jobs_total",
		Help: "Attempts of background jobs by kind and outcome (completed, retried, failed, abandoned, discarded).",
	}, []string{"kind", "outcome"})
}

// JobOutcome counts the end of one attempt of a job of kind; outcome is one of the Job constants.
func (m *Metrics) JobOutcome(kind, outcome string) {
	if m == nil {
		return
	}
	m.jobs.WithLabelValues(kind, outcome).Inc()
}
