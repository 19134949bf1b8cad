package openai

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"estimator/estimate"
	"estimator/llm"
)

// Bounds of a chat answer, beyond those every answer shares (validate.go).
const (
	maxReplyRunes    = 2000
	maxProposals     = 3          // cards one turn shows
	maxAdditions     = 3          // new deliverables one proposal adds
	maxUnitCostMajor = 10_000_000 // per person-day: beyond any real rate, in yen or dollars
)

// chatAnswer is the answer of the chat operation. Figures stay decimal text until validate
// converts them.
type chatAnswer struct {
	Kind         string           `json:"kind"`
	Reply        string           `json:"reply"`
	TargetChange json.Number      `json:"target_change"`
	Proposals    []proposalAnswer `json:"proposals"`
}

type proposalAnswer struct {
	Title       string           `json:"title"`
	Description string           `json:"description"`
	Changes     []changeAnswer   `json:"changes"`
	Additions   []additionAnswer `json:"additions"`
	Discount    json.Number      `json:"discount"`
	UnitCost    json.Number      `json:"unit_cost"`
}

type changeAnswer struct {
	Position int          `json:"position"`
	Phases   phasesAnswer `json:"phases"`
	Remove   bool         `json:"remove"`
	Reason   string       `json:"reason"`
}

type additionAnswer struct {
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Phases      phasesAnswer `json:"phases"`
	Reason      string       `json:"reason"`
}

// chatSchema describes chatAnswer: the kind first, so that the model decides what the turn is
// before it writes, and the reply before the proposals it introduces.
func chatSchema() jsonSchema {
	return schemaObject("",
		enumField("kind", "adjust: the message asks to change the price or the scope; answer: a question about the estimate; other: anything else",
			llm.ChatAdjust, llm.ChatAnswer, llm.ChatOther),
		stringField("reply", "what you say to the user, at most 2000 characters, without any amount of money"),
		numberField("target_change", "the change of the subtotal before tax the user asked for, in whole currency units, negative for cheaper; 0 when none"),
		schemaField("proposals", schemaArray("one to three alternative adjustments, best first, when kind is adjust; empty otherwise",
			schemaObject("",
				stringField("title", "short name of the adjustment, at most 100 characters"),
				stringField("description", "what changes, what the client gives up and the risks, at most 1000 characters"),
				schemaField("changes", schemaArray("changed deliverables of the current estimate, each position at most once",
					schemaObject("",
						schemaField("position", jsonSchema{Type: "integer", Description: "pos of the deliverable in the current estimate"}),
						schemaField("phases", phasesSchema("new person-days of every phase of this deliverable")),
						schemaField("remove", jsonSchema{Type: "boolean", Description: "true to remove the deliverable"}),
						stringField("reason", "why this change, at most 300 characters"),
					))),
				schemaField("additions", schemaArray("new deliverables, at most 3",
					schemaObject("",
						stringField("name", "name of the new deliverable, at most 100 characters"),
						stringField("description", "what it contains, at most 1000 characters"),
						schemaField("phases", phasesSchema("person-days of every phase of the new deliverable")),
						stringField("reason", "why add it, at most 300 characters"),
					))),
				numberField("discount", "special discount (出精値引) added to the current one, in whole currency units, 0 for none"),
				numberField("unit_cost", "new cost of one person-day for every deliverable, in whole currency units, 0 to keep it"),
			))))
}

// validate checks the answer against the revision and returns the reply, and the model's
// target in minor units (0 unless the kind is adjust).
func (a chatAnswer) validate(lim chatLimits) (llm.ChatReply, int64, error) {
	var p problems
	reply := llm.ChatReply{Kind: strings.TrimSpace(a.Kind), Text: checkText(&p, "reply", a.Reply, maxReplyRunes)}
	target := parseMoney(&p, "target_change", a.TargetChange, lim.currency, true)
	switch n := len(a.Proposals); {
	case !slices.Contains([]string{llm.ChatAdjust, llm.ChatAnswer, llm.ChatOther}, reply.Kind):
		p.addf("kind = %q is not one of %s, %s, %s", a.Kind, llm.ChatAdjust, llm.ChatAnswer, llm.ChatOther)
	case reply.Kind == llm.ChatAdjust && (n < 1 || n > maxProposals):
		p.addf("proposals has %d items; kind adjust needs 1 to %d", n, maxProposals)
	case reply.Kind != llm.ChatAdjust && n > 0:
		p.addf("proposals has %d items; kind %s needs none", n, reply.Kind)
	}
	if reply.Kind != llm.ChatAdjust {
		target = 0
	}
	for i, ap := range a.Proposals {
		reply.Proposals = append(reply.Proposals, ap.validate(&p, fmt.Sprintf("proposals[%d]", i), lim))
	}
	if err := p.err(); err != nil {
		return llm.ChatReply{}, 0, err
	}
	return reply, target, nil
}

// validate checks one proposal and converts it; what is wrong goes to p.
func (a proposalAnswer) validate(p *problems, field string, lim chatLimits) llm.Proposal {
	prop := llm.Proposal{
		Title:       checkText(p, field+".title", a.Title, maxTitleRunes),
		Description: checkText(p, field+".description", a.Description, maxDescRunes),
	}
	seen := make(map[int]bool, len(a.Changes))
	for j, ac := range a.Changes {
		cf := fmt.Sprintf("%s.changes[%d]", field, j)
		switch {
		case !lim.positions[ac.Position]:
			p.addf("%s.position = %d is not a pos of the current estimate", cf, ac.Position)
		case seen[ac.Position]:
			p.addf("%s.position = %d is changed twice in the same proposal", cf, ac.Position)
		}
		seen[ac.Position] = true
		change := llm.LineChange{Position: ac.Position, Remove: ac.Remove, Reason: checkText(p, cf+".reason", ac.Reason, maxItemRunes)}
		if !ac.Remove {
			change.Phases = effortOf(p, cf, ac.Phases, "; set remove to true to drop a deliverable")
		}
		prop.Changes = append(prop.Changes, change)
	}
	if n := len(a.Additions); n > maxAdditions {
		p.addf("%s.additions has %d items, more than %d", field, n, maxAdditions)
	}
	for j, aa := range a.Additions {
		af := fmt.Sprintf("%s.additions[%d]", field, j)
		prop.Additions = append(prop.Additions, llm.LineAddition{
			Name:        checkText(p, af+".name", aa.Name, maxTitleRunes),
			Description: checkText(p, af+".description", aa.Description, maxDescRunes),
			Phases:      effortOf(p, af, aa.Phases, ""),
			Reason:      checkText(p, af+".reason", aa.Reason, maxItemRunes),
		})
	}
	prop.DiscountMinor = parseMoney(p, field+".discount", a.Discount, lim.currency, false)
	if prop.DiscountMinor > lim.subtotal {
		p.addf("%s.discount = %s exceeds the current subtotal of %s", field, a.Discount, majorUnits(lim.subtotal, lim.factor))
	}
	prop.UnitCostMinor = parseMoney(p, field+".unit_cost", a.UnitCost, lim.currency, false)
	if c := prop.UnitCostMinor; c != 0 && (c < lim.factor || c > maxUnitCostMajor*lim.factor) {
		p.addf("%s.unit_cost = %s is neither 0 nor between 1 and %d", field, a.UnitCost, maxUnitCostMajor)
	}
	if len(prop.Changes) == 0 && len(prop.Additions) == 0 && prop.DiscountMinor == 0 && prop.UnitCostMinor == 0 {
		p.addf("%s changes nothing", field)
	}
	return prop
}

// effortOf converts the phases of a deliverable that is kept or added, which must take some
// effort; hint tells the model what to do instead of answering all zeros.
func effortOf(p *problems, field string, a phasesAnswer, hint string) [5]int64 {
	before := len(*p)
	phases := a.tenths(p, field+".phases")
	if len(*p) == before && phases == [5]int64{} {
		p.addf("%s sets every phase to 0%s", field, hint)
	}
	return phases
}

// parseMoney reads an amount of the answer, in whole currency units, into minor units, with
// the rules of a typed amount (estimate.ParseAmount): no exponent, no more decimals than the
// currency has, at most estimate.MaxAmountMinor. Only a signed amount may be negative.
func parseMoney(p *problems, field string, v json.Number, currency string, signed bool) int64 {
	s := strings.TrimSpace(string(v))
	if s == "" {
		p.addf("%s is missing", field)
		return 0
	}
	digits, negative := strings.CutPrefix(s, "-")
	if negative && !signed {
		p.addf("%s = %s is negative", field, s)
		return 0
	}
	minor, err := estimate.ParseAmount(digits, currency)
	switch {
	case errors.Is(err, estimate.ErrAmountFraction):
		p.addf("%s = %s has more decimals than %s has", field, s, currency)
	case errors.Is(err, estimate.ErrAmountTooLarge):
		p.addf("%s = %s is far too large", field, s)
	case err != nil:
		p.addf("%s = %s is not a plain decimal number such as 1500", field, s)
	case negative:
		return -minor
	}
	return minor
}
