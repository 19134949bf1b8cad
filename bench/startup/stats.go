package main

import "slices"

// spread is the min, median and max of one measurement over several runs. Medians rather than
// means, so one run slowed by the machine does not move the headline figure.
type spread struct {
	Min    float64 `json:"min"`
	Median float64 `json:"median"`
	Max    float64 `json:"max"`
}

func spreadOf(values []float64) spread {
	if len(values) == 0 {
		return spread{}
	}
	s := slices.Clone(values)
	slices.Sort(s)
	mid := len(s) / 2
	median := s[mid]
	if len(s)%2 == 0 {
		median = (s[mid-1] + s[mid]) / 2
	}
	return spread{Min: s[0], Median: median, Max: s[len(s)-1]}
}
