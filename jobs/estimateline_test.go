package jobs

import (
	"errors"
	"io"
	"log/slog"
	"testing"

	"estimator/estimate"
	"estimator/llm"
)

func TestNormalize(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	tests := []struct {
		name    string
		in      llm.LineEstimate
		want    llm.LineEstimate
		wantErr error
	}{
		{
			name: "Valid",
			in:   llm.LineEstimate{Phases: [5]int64{5, 10, 30, 10, 5}, Optimistic: 45, Pessimistic: 90, Confidence: "high"},
			want: llm.LineEstimate{Phases: [5]int64{5, 10, 30, 10, 5}, Optimistic: 45, Pessimistic: 90, Confidence: "high"},
		},
		{
			name: "Repaired",
			in:   llm.LineEstimate{Phases: [5]int64{-5, 10, 9000, 10, 5}, Optimistic: 90, Pessimistic: 45, Confidence: "sure"},
			want: llm.LineEstimate{Phases: [5]int64{0, 10, 5000, 10, 5}, Optimistic: 45, Pessimistic: 5025},
		},
		{
			name:    "NoEffort",
			in:      llm.LineEstimate{Confidence: "low"},
			wantErr: estimate.ErrNoEffort,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := normalize(tt.in, log)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !errors.Is(err, errInvalidResult) {
					t.Errorf("normalize = %v, want %v as an invalid result", err, tt.wantErr)
				}
				return
			}
			if err != nil || got.Phases != tt.want.Phases || got.Optimistic != tt.want.Optimistic ||
				got.Pessimistic != tt.want.Pessimistic || got.Confidence != tt.want.Confidence {
				t.Errorf("normalize = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}
