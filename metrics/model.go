package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"estimator/store"
)

// microUSDPerUSD converts the recorded cost to the metric's unit.
const microUSDPerUSD = 1e6

type modelMetrics struct {
	calls  *prometheus.CounterVec // operation, outcome
	errors *prometheus.CounterVec // operation, error
	tokens *prometheus.CounterVec // operation, type
	cost   *prometheus.CounterVec // operation
}

func newModelMetrics() modelMetrics {
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Subsystem: "model", Name: name, Help: help}, labels)
	}
	return modelMetrics{
		calls: counter("calls_total", "Engine calls that returned, by operation (the job kind) and outcome (ok or error).",
			"operation", "outcome"),
		errors: counter("call_errors_total", "Engine calls that failed, by operation and class of error (rate_limited, timeout, …).",
			"operation", "error"),
		tokens: counter("tokens_total", "Tokens the provider reported, by operation and type: prompt, completion, and cached "+
			"(the part of the prompt served from the provider's cache). A call that reported none counts none here, "+
			"though the database keeps the estimate it was recorded with.", "operation", "type"),
		cost: counter("cost_usd_total", "Cost of the reported tokens in US dollars at the configured prices, by operation.",
			"operation"),
	}
}

// ModelCall counts an engine call that returned, as it is recorded in the model_calls table:
// c.Status is store.CallOK or store.CallError, c.Error the class of the failure.
func (m *Metrics) ModelCall(c store.ModelCall) {
	if m == nil {
		return
	}
	m.model.calls.WithLabelValues(c.Operation, c.Status).Inc()
	if c.Status == store.CallError {
		m.model.errors.WithLabelValues(c.Operation, c.Error).Inc()
	}
	m.model.tokens.WithLabelValues(c.Operation, "prompt").Add(float64(c.InputTokens))
	m.model.tokens.WithLabelValues(c.Operation, "completion").Add(float64(c.OutputTokens))
	m.model.tokens.WithLabelValues(c.Operation, "cached").Add(float64(c.CachedInputTokens))
	m.model.cost.WithLabelValues(c.Operation).Add(float64(c.CostMicroUSD) / microUSDPerUSD)
}
