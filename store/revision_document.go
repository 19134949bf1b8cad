package store

import "estimator/estimate"

// Document is the revision with its lines as the estimate package computes it.
func (r Revision) Document(lines []RevisionLine) estimate.Document {
	doc := estimate.Document{
		Lines:         make([]estimate.Line, len(lines)),
		ContingencyBP: r.ContingencyBP,
		DiscountMinor: r.DiscountMinor,
		TaxRateBP:     r.TaxRateBP,
		TaxRounding:   estimate.Rounding(r.TaxRounding),
	}
	for i, l := range lines {
		doc.Lines[i] = estimate.Line{
			Key:           l.LineKey,
			Name:          l.Name,
			Description:   l.Description,
			Effort:        estimate.Effort{Phases: l.Phases, Optimistic: l.Optimistic, Pessimistic: l.Pessimistic},
			UnitCostMinor: l.UnitCostMinor,
			Confidence:    estimate.Confidence(l.Confidence),
			Reasoning:     l.Reasoning,
			Assumptions:   l.Assumptions,
			Risks:         l.Risks,
			Source:        estimate.Source(l.Source),
			Model:         l.Model,
		}
	}
	return doc
}

// LinesOf are a document's lines as a new revision stores them, in order. A line without a key is
// a new deliverable (see NewRevision).
func LinesOf(doc estimate.Document) []RevisionLine {
	out := make([]RevisionLine, len(doc.Lines))
	for i, l := range doc.Lines {
		out[i] = RevisionLine{
			Position:      i + 1,
			LineKey:       l.Key,
			Name:          l.Name,
			Description:   l.Description,
			Phases:        l.Effort.Phases,
			Optimistic:    l.Effort.Optimistic,
			Pessimistic:   l.Effort.Pessimistic,
			UnitCostMinor: l.UnitCostMinor,
			Confidence:    string(l.Confidence),
			Reasoning:     l.Reasoning,
			Assumptions:   l.Assumptions,
			Risks:         l.Risks,
			Source:        string(l.Source),
			Model:         l.Model,
		}
	}
	return out
}
