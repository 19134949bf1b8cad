package openai

import (
	"encoding/json"
	"math"
	"strings"

	"estimator/estimate"
	"estimator/llm"
	"estimator/llm/internal/keyword"
)

// Bounds of a chat turn's data. The lines' texts are cut rather than dropped, because
// questions are answered from them; the history is summarised, because only its last turns
// say what "that" or "the second one" refers to. With them a revision of nine lines and a
// long chat stay a few thousand characters (TestOpenAIChatPromptSize).
const (
	chatTextRunes    = 200  // a line's reasoning or description
	chatListItems    = 3    // assumptions, and risks, of a line
	chatItemRunes    = 100  // one assumption or risk
	chatRecentTurns  = 4    // the last turns, kept nearly whole
	chatRecentRunes  = 300  // one of the last turns
	chatHistoryTurns = 20   // turns looked at; older ones are only counted
	chatOlderRunes   = 80   // one line summarising an older turn, role included
	chatMessageRunes = 2000 // the user's words this turn
)

// chatDataJSON is the last message of the chat operation. Money is in major units, as people
// and models read it.
type chatDataJSON struct {
	Currency string            `json:"currency"`
	Lines    []chatLineJSON    `json:"lines"`
	Totals   chatTotalsJSON    `json:"totals"`
	Parsed   parsedRequestJSON `json:"parsed_request"`
	History  chatHistoryJSON   `json:"history"`
	Message  string            `json:"message"`
}

// chatLineJSON is a line of the revision. Days are the five phases in the order of the
// Phase constants, as the system prompt says.
type chatLineJSON struct {
	Position    int         `json:"pos"`
	Name        string      `json:"name"`
	Description string      `json:"desc,omitempty"` // only when the shared context lacks it
	Days        [5]daysJSON `json:"days"`
	UnitCost    json.Number `json:"unit_cost"`
	Confidence  string      `json:"confidence,omitempty"`
	Reasoning   string      `json:"reasoning,omitempty"`
	Assumptions []string    `json:"assumptions,omitempty"`
	Risks       []string    `json:"risks,omitempty"`
}

type chatTotalsJSON struct {
	PersonDays         daysJSON    `json:"person_days"`
	Lines              json.Number `json:"lines"`
	ContingencyPercent json.Number `json:"contingency_percent"`
	Contingency        json.Number `json:"contingency"`
	Discount           json.Number `json:"discount"`
	Subtotal           json.Number `json:"subtotal"`
	TaxRatePercent     json.Number `json:"tax_rate_percent"`
	Tax                json.Number `json:"tax"`
	Total              json.Number `json:"total"`
}

// parsedRequestJSON is what ParseIntent read, so that the model need not compute the target
// from a share or convert it into person-days.
type parsedRequestJSON struct {
	Kind                   string      `json:"kind"`
	TargetChange           json.Number `json:"target_change,omitempty"`
	TargetChangePersonDays *daysJSON   `json:"target_change_person_days,omitempty"`
	Percent                json.Number `json:"percent,omitempty"`
	Phase                  string      `json:"phase,omitempty"`
	Keyword                string      `json:"keyword,omitempty"`
	UnitCost               json.Number `json:"unit_cost,omitempty"`
}

type chatHistoryJSON struct {
	Omitted int            `json:"omitted,omitempty"` // turns older than those below, left out
	Earlier []string       `json:"earlier,omitempty"` // one line per turn: "user: …"
	Recent  []chatTurnJSON `json:"recent,omitempty"`
}

type chatTurnJSON struct {
	Role string `json:"role"`
	Text string `json:"text"`
}

// newChatData is the per-turn data of req, money in major units of factor.
func newChatData(req llm.ChatRequest, in llm.Intent, factor int64) chatDataJSON {
	inContext := make(map[llm.LineInput]bool, len(req.Task.Lines))
	for _, l := range req.Task.Lines {
		inContext[l] = true
	}
	d := chatDataJSON{Currency: req.Currency, Lines: make([]chatLineJSON, len(req.Lines)),
		History: summariseHistory(req.History), Message: keyword.TruncateRunes(strings.TrimSpace(req.Message), chatMessageRunes)}
	var days int64
	for i, ln := range req.Lines {
		cl := chatLineJSON{Position: ln.Position, Name: ln.Name, UnitCost: majorUnits(ln.UnitCostMinor, factor),
			Confidence: ln.Confidence, Reasoning: keyword.TruncateRunes(keyword.CollapseSpace(ln.Reasoning), chatTextRunes),
			Assumptions: shortList(ln.Assumptions), Risks: shortList(ln.Risks)}
		if !inContext[llm.LineInput{Name: ln.Name, Description: ln.Description}] {
			cl.Description = keyword.TruncateRunes(keyword.CollapseSpace(ln.Description), chatTextRunes)
		}
		for p, v := range ln.Phases {
			cl.Days[p] = daysJSON(v)
			days += v
		}
		d.Lines[i] = cl
	}
	t := req.Totals
	d.Totals = chatTotalsJSON{PersonDays: daysJSON(days), Lines: majorUnits(t.LinesMinor, factor),
		ContingencyPercent: majorUnits(t.ContingencyBP, 100), Contingency: majorUnits(t.ContingencyMinor, factor),
		Discount: majorUnits(t.DiscountMinor, factor), Subtotal: majorUnits(t.SubtotalMinor, factor),
		TaxRatePercent: majorUnits(t.TaxRateBP, 100), Tax: majorUnits(t.TaxMinor, factor), Total: majorUnits(t.TotalMinor, factor)}
	d.Parsed = parsedRequest(in, factor, days, t.LinesMinor)
	return d
}

// parsedRequest writes the intent for the model. The target is also given in person-days at
// the lines' average cost of a person-day, days/linesMinor, so that the model can aim at it
// without dividing.
func parsedRequest(in llm.Intent, factor, days, linesMinor int64) parsedRequestJSON {
	p := parsedRequestJSON{Kind: in.Kind, Keyword: in.Keyword}
	if in.Amount && in.Kind != llm.IntentUnitCost {
		p.TargetChange = majorUnits(in.TargetDeltaMinor, factor)
		if linesMinor > 0 && days > 0 && abs(in.TargetDeltaMinor) <= math.MaxInt64/days {
			pd := daysJSON(estimate.Round(in.TargetDeltaMinor*days, linesMinor, estimate.RoundHalfUp))
			p.TargetChangePersonDays = &pd
		}
	}
	if in.Percent > 0 {
		p.Percent = majorUnits(in.Percent, 100)
	}
	if in.Phase >= 0 {
		p.Phase = phaseNames[in.Phase]
	}
	if in.UnitCostMinor > 0 {
		p.UnitCost = majorUnits(in.UnitCostMinor, factor)
	}
	return p
}

// summariseHistory keeps the last chatRecentTurns turns nearly whole, reduces the turns before
// them to one short line each, and only counts those beyond chatHistoryTurns.
func summariseHistory(turns []llm.ChatTurn) chatHistoryJSON {
	var h chatHistoryJSON
	if n := len(turns) - chatHistoryTurns; n > 0 {
		h.Omitted, turns = n, turns[n:]
	}
	split := max(0, len(turns)-chatRecentTurns)
	for _, t := range turns[:split] {
		h.Earlier = append(h.Earlier, keyword.TruncateRunes(chatRole(t.Role)+": "+keyword.CollapseSpace(t.Content), chatOlderRunes))
	}
	for _, t := range turns[split:] {
		h.Recent = append(h.Recent, chatTurnJSON{Role: chatRole(t.Role), Text: keyword.TruncateRunes(keyword.CollapseSpace(t.Content), chatRecentRunes)})
	}
	return h
}

// chatRole is a stored role as the model reads it: a turn not written by the user is the
// assistant's.
func chatRole(role string) string {
	if role == llm.ChatRoleUser {
		return llm.ChatRoleUser
	}
	return llm.ChatRoleAssistant
}

// shortList keeps the first chatListItems items, each cut to chatItemRunes.
func shortList(items []string) []string {
	out := make([]string, 0, min(len(items), chatListItems))
	for _, s := range items[:min(len(items), chatListItems)] {
		out = append(out, keyword.TruncateRunes(keyword.CollapseSpace(s), chatItemRunes))
	}
	return out
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
