package llm

import (
	"slices"
	"strings"

	"estimator/llm/internal/keyword"
)

// Intent is what a chat message asks for, as ParseIntent reads it.
type Intent struct {
	Kind string // one of the Intent constants
	// TargetDeltaMinor is, for IntentReduce and IntentIncrease, the signed change of the
	// subtotal (税抜) the user asked for, in minor units: negative is cheaper. A share is
	// converted with the subtotal, rounded half up.
	TargetDeltaMinor int64
	Percent          int64  // basis points when the user gave a share ("1割" = 1000, "20%" = 2000), else 0
	Phase            int    // IntentStrengthen: the phase (PhaseTesting, …), -1 when none was named; -1 for every other kind
	Keyword          string // IntentRemove, IntentAddLine: the deliverable named ("マニュアル", "load testing"), folded; may be ""
	UnitCostMinor    int64  // IntentUnitCost: the new price of a person-day
	// Amount is true when the user named an amount or a share, so that the figure computed
	// here is authoritative and no model's reading replaces it.
	Amount bool
}

// Kinds of Intent.Kind.
const (
	IntentReduce     = "reduce"     // make it cheaper, by TargetDeltaMinor when Amount
	IntentIncrease   = "increase"   // make it dearer, by TargetDeltaMinor when Amount
	IntentStrengthen = "strengthen" // more care in Phase (or in general)
	IntentAddLine    = "add_line"   // add the deliverable Keyword
	IntentRemove     = "remove"     // remove the deliverable Keyword
	IntentUnitCost   = "unit_cost"  // set the price of a person-day to UnitCostMinor
	IntentQuestion   = "question"   // a question about the estimate
	IntentUnknown    = "unknown"    // none of these
)

// maxPercentBP bounds a share: no estimate can be cut by more than all of it, and a larger
// increase is more likely a misreading than a request.
const maxPercentBP = 10000

// ParseIntent reads a chat message in Japanese or English, whatever the task's language, with
// the vocabularies of intent_words.go. Amounts are found in the text and read with
// estimate.ParseAmount in currency; a share ("1割", "20%") is converted with subtotalMinor.
//
// The cues are tried in this order, the first that applies deciding:
//  1. a request for an explanation (なぜ, why, 内訳, breakdown): IntentQuestion;
//  2. with an amount: a unit-cost word (単価, day rate) gives IntentUnitCost; a target word
//     next to the amount (300万円以内, under $10,000) gives the change to reach it; a reduce
//     word, or an increase or add word, gives IntentReduce or IntentIncrease by the amount;
//  3. with a share (1割, 20%): a reduce or increase word, as with an amount;
//  4. otherwise, or when no word says which way the amount goes: remove, add, strengthen,
//     reduce and increase words, in this order, an increase word with a phase word meaning
//     strengthen ("テストを増やして"); a remove or add word whose object is the price itself
//     ("drop the price") means reduce or increase;
//  5. a weaker question cue (?, 教えて, how): IntentQuestion; otherwise IntentUnknown.
//
// Requests come before weak question cues so that "安くできますか？" is a request, and
// explanations before everything so that "なんで高くなったの？" is a question.
func ParseIntent(message, currency string, subtotalMinor int64) Intent {
	text := keyword.NormalizeMessage(message)
	in := Intent{Kind: IntentUnknown, Phase: -1}
	if _, ok := findCue(text, func(w *intentWords) []string { return w.why }); ok {
		in.Kind = IntentQuestion
		return in
	}
	if amount, at, ok := findMoney(text, currency); ok {
		if out, ok := amountIntent(in, text, amount, at, subtotalMinor); ok {
			return out
		}
	}
	if bp, ok := findPercent(text); ok {
		share := in
		share.Percent = bp
		if out, ok := directed(share, text, portion(subtotalMinor, bp)); ok {
			return out
		}
	}
	return wordIntent(in, text)
}

// amountIntent is the intent of a message that names amount at the position at, if a word
// says what the amount is.
func amountIntent(in Intent, text string, amount int64, at keyword.Match, subtotalMinor int64) (Intent, bool) {
	in.Amount = true
	if _, ok := findCue(text, func(w *intentWords) []string { return w.unitCost }); ok {
		in.Kind, in.UnitCostMinor = IntentUnitCost, amount
		return in, true
	}
	if isTarget(text, at) {
		in.TargetDeltaMinor = amount - subtotalMinor
		in.Kind = IntentIncrease
		if in.TargetDeltaMinor <= 0 {
			in.Kind = IntentReduce
		}
		return in, true
	}
	return directed(in, text, amount)
}

// directed sets the kind from the reduce or increase words, and the change by size: down for
// a reduction, up for an increase, the earlier word deciding when there are both. Without
// either word the direction is unknown, and guessing would turn "30万円で" into a cut the
// user never asked for.
func directed(in Intent, text string, size int64) (Intent, bool) {
	down, isDown := findCue(text, func(w *intentWords) []string { return w.reduce })
	up, isUp := findCue(text, func(w *intentWords) []string { return slices.Concat(w.increase, w.add) })
	in.Amount = true
	switch {
	case isDown && (!isUp || down.Start <= up.Start):
		in.Kind, in.TargetDeltaMinor = IntentReduce, -size
	case isUp:
		in.Kind, in.TargetDeltaMinor = IntentIncrease, size
	default:
		return in, false
	}
	return in, true
}

// wordIntent is the intent of a message without an amount or a share.
func wordIntent(in Intent, text string) Intent {
	for _, rule := range []struct {
		kind  string
		words func(*intentWords) []string
	}{
		{IntentRemove, func(w *intentWords) []string { return w.remove }},
		{IntentAddLine, func(w *intentWords) []string { return w.add }},
		{IntentStrengthen, func(w *intentWords) []string { return w.strengthen }},
		{IntentReduce, func(w *intentWords) []string { return w.reduce }},
		{IntentIncrease, func(w *intentWords) []string { return w.increase }},
		{IntentQuestion, func(w *intentWords) []string { return w.question }},
	} {
		c, ok := findCue(text, rule.words)
		if !ok {
			continue
		}
		in.Kind = rule.kind
		switch rule.kind {
		case IntentRemove, IntentAddLine:
			in.Keyword = c.words.object(text, c.Match)
			if isMoneyNoun(in.Keyword) {
				// "drop the price", "金額を削除": the price itself is to move, not a line.
				in.Keyword, in.Kind = "", IntentIncrease
				if rule.kind == IntentRemove {
					in.Kind = IntentReduce
				}
			}
		case IntentStrengthen:
			in.Phase = firstPhase(text)
		case IntentIncrease:
			if p := firstPhase(text); p >= 0 {
				in.Kind, in.Phase = IntentStrengthen, p
			}
		}
		return in
	}
	return in
}

// FirstPhase is the phase whose word, in the vocabularies of ParseIntent, comes first in a
// chat message, or -1 when it names none: what a question about the estimate is about.
func FirstPhase(message string) int {
	return firstPhase(keyword.NormalizeMessage(message))
}

// firstPhase is the phase whose word comes first in text, or -1.
func firstPhase(text string) int {
	phase, first := -1, len(text)
	for _, w := range intentVocabularies {
		for p, words := range w.phases {
			for _, word := range words {
				if m, ok := keyword.FirstOccurrence(text, word); ok && m.Start < first {
					phase, first = p, m.Start
				}
			}
		}
	}
	return phase
}

// isMoneyNoun reports whether an object names the price itself rather than a deliverable.
func isMoneyNoun(object string) bool {
	for _, w := range intentVocabularies {
		for _, noun := range w.money {
			if object == noun || strings.HasSuffix(object, " "+noun) {
				return true
			}
		}
	}
	return false
}

// cue is where a word of a vocabulary occurs, and which vocabulary it belongs to, so that its
// object is looked for the way that language places it.
type cue struct {
	keyword.Match
	words *intentWords
}

// findCue returns the earliest occurrence in text of a word of either vocabulary's list.
func findCue(text string, list func(*intentWords) []string) (cue, bool) {
	var best cue
	found := false
	for i := range intentVocabularies {
		w := &intentVocabularies[i]
		for _, word := range list(w) {
			if m, ok := keyword.FirstOccurrence(text, word); ok && (!found || m.Start < best.Start) {
				best, found = cue{m, w}, true
			}
		}
	}
	return best, found
}
