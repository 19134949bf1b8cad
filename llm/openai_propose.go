package llm

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Propose asks the model for up to three ways to move the estimate towards
// req.TargetDeltaMinor. The model only names line changes and a discount; their effect on
// days and money is computed by the caller, never taken from the model.
func (o *OpenAI) Propose(ctx context.Context, req ProposalRequest) ([]Proposal, Usage, error) {
	c, limits, err := o.proposeConversation(req)
	if err != nil {
		return nil, Usage{Model: o.model}, err
	}
	var out []Proposal
	usage, err := o.run(ctx, c, func(content string) error {
		var a proposalsAnswer
		if err := decodeAnswer(content, &a); err != nil {
			return err
		}
		ps, err := a.validate(req.Lines, limits)
		if err != nil {
			return err
		}
		out = ps
		return nil
	})
	if err != nil {
		return nil, usage, err
	}
	return out, usage, nil
}

// proposalLimits is what validating a proposal needs to know about the money.
type proposalLimits struct {
	factor      int64 // minor units per major unit of the currency
	maxDiscount int64 // the current amount in major units: no discount can make it negative
}

// proposeConversation is what Propose sends: the last message holds the revision being
// negotiated, the money and the client's words.
func (o *OpenAI) proposeConversation(req ProposalRequest) (conversation, proposalLimits, error) {
	factor, ok := minorPerMajor(req.Currency)
	if !ok {
		return conversation{}, proposalLimits{}, &Error{Category: KindRejected, Message: fmt.Sprintf("currency %q is not supported", req.Currency)}
	}
	if req.UnitCostMinor <= 0 {
		return conversation{}, proposalLimits{}, &Error{Category: KindRejected, Message: "the unit cost must be positive"}
	}
	data := proposalRequestJSON{
		Currency:               req.Currency,
		UnitCost:               majorUnits(req.UnitCostMinor, factor),
		TargetChange:           majorUnits(req.TargetDeltaMinor, factor),
		TargetChangePersonDays: daysJSON(divRound(req.TargetDeltaMinor*10, req.UnitCostMinor)),
		Lines:                  make([]proposalLineJSON, len(req.Lines)),
		Request:                req.Message,
	}
	var totalMinor int64
	for i, l := range req.Lines {
		var days int64
		for _, v := range l.Phases {
			days += v
		}
		totalMinor += days * req.UnitCostMinor / 10
		data.Lines[i] = proposalLineJSON{Position: l.Position, Name: l.Name, Phases: toPhasesJSON(l.Phases), Total: daysJSON(days)}
	}
	c, err := o.prompts.build(opPropose, req.Task, proposalsSchema(), o.schemaInText, nil, data)
	if err != nil {
		return c, proposalLimits{}, &Error{Category: KindRejected, Message: "the prompt could not be built", Err: err}
	}
	return c, proposalLimits{factor: factor, maxDiscount: totalMinor / factor}, nil
}

// maxProposals is how many proposal cards one request shows.
const maxProposals = 3

// proposalRequestJSON is the last message of the propose operation: the revision being
// negotiated and what the client asked for. Money is in major units (yen, dollars), as people
// and models read it; the target is also given in person-days, computed here, so that the
// model does not have to divide.
type proposalRequestJSON struct {
	Currency               string             `json:"currency"`
	UnitCost               json.Number        `json:"unit_cost_per_person_day"`
	TargetChange           json.Number        `json:"target_change"`
	TargetChangePersonDays daysJSON           `json:"target_change_person_days"`
	Lines                  []proposalLineJSON `json:"current_estimate"`
	Request                string             `json:"client_request"`
}

type proposalLineJSON struct {
	Position int        `json:"position"`
	Name     string     `json:"name"`
	Phases   phasesJSON `json:"phases"`
	Total    daysJSON   `json:"total"`
}

// proposalsAnswer is the answer of the propose operation.
type proposalsAnswer struct {
	Proposals []struct {
		Title       string `json:"title"`
		Description string `json:"description"`
		Changes     []struct {
			Position int          `json:"position"`
			Phases   phasesAnswer `json:"phases"`
			Remove   bool         `json:"remove"`
			Reason   string       `json:"reason"`
		} `json:"changes"`
		Discount json.Number `json:"discount"`
	} `json:"proposals"`
}

func proposalsSchema() jsonSchema {
	return schemaObject("",
		schemaField("proposals", schemaArray("one to three alternative adjustments, best first",
			schemaObject("",
				stringField("title", "short name of the adjustment, at most 100 characters"),
				stringField("description", "what changes, what the client gives up and the risks, at most 1000 characters"),
				schemaField("changes", schemaArray("changed deliverables, each position at most once",
					schemaObject("",
						schemaField("position", jsonSchema{Type: "integer", Description: "position of the deliverable in the current estimate"}),
						schemaField("phases", phasesSchema("new person-days of every phase of this deliverable")),
						schemaField("remove", jsonSchema{Type: "boolean", Description: "true to remove the deliverable"}),
						stringField("reason", "why this change, at most 300 characters"),
					))),
				numberField("discount", "special discount in whole currency units (yen or dollars), 0 for none"),
			))))
}

// validate checks every proposal against the lines being negotiated and returns them with the
// discount in minor units.
func (a proposalsAnswer) validate(lines []ProposalLine, limits proposalLimits) ([]Proposal, error) {
	var p problems
	if n := len(a.Proposals); n < 1 || n > maxProposals {
		p.addf("proposals has %d items; 1 to %d are required", n, maxProposals)
	}
	known := make(map[int]bool, len(lines))
	for _, l := range lines {
		known[l.Position] = true
	}
	out := make([]Proposal, 0, len(a.Proposals))
	for i, ap := range a.Proposals {
		field := fmt.Sprintf("proposals[%d]", i)
		prop := Proposal{
			Title:       checkText(&p, field+".title", ap.Title, maxTitleRunes),
			Description: checkText(&p, field+".description", ap.Description, maxDescRunes),
		}
		seen := make(map[int]bool, len(ap.Changes))
		for j, ac := range ap.Changes {
			cf := fmt.Sprintf("%s.changes[%d]", field, j)
			switch {
			case !known[ac.Position]:
				p.addf("%s.position = %d is not a position of the current estimate", cf, ac.Position)
			case seen[ac.Position]:
				p.addf("%s.position = %d is changed twice in the same proposal", cf, ac.Position)
			}
			seen[ac.Position] = true
			change := LineChange{Position: ac.Position, Remove: ac.Remove,
				Reason: checkText(&p, cf+".reason", ac.Reason, maxItemRunes)}
			if !ac.Remove {
				change.Phases = ac.Phases.tenths(&p, cf+".phases")
				if change.Phases == [5]int64{} {
					p.addf("%s sets every phase to 0; set remove to true to drop a deliverable", cf)
				}
			}
			prop.Changes = append(prop.Changes, change)
		}
		discount, problem := parseFixed(ap.Discount, 0)
		switch {
		case problem != "":
			p.addf("%s.discount = %s %s", field, strings.TrimSpace(string(ap.Discount)), problem)
		case discount > limits.maxDiscount:
			p.addf("%s.discount = %d exceeds the current amount of %d", field, discount, limits.maxDiscount)
		}
		prop.DiscountMinor = discount * limits.factor
		if len(prop.Changes) == 0 && prop.DiscountMinor == 0 {
			p.addf("%s changes nothing", field)
		}
		out = append(out, prop)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// minorPerMajor is the number of minor units in one unit of the currency.
func minorPerMajor(currency string) (int64, bool) {
	switch currency {
	case "JPY":
		return 1, true
	case "USD":
		return 100, true
	}
	return 0, false
}

// majorUnits writes minor units as an exact decimal number of major units: 12345 cents →
// 123.45.
func majorUnits(minor, factor int64) json.Number {
	if factor == 1 {
		return json.Number(strconv.FormatInt(minor, 10))
	}
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	digits := len(strconv.FormatInt(factor, 10)) - 1
	return json.Number(fmt.Sprintf("%s%d.%0*d", sign, minor/factor, digits, minor%factor))
}

// divRound divides, rounding half away from zero.
func divRound(a, b int64) int64 {
	if (a < 0) != (b < 0) {
		return (a - b/2) / b
	}
	return (a + b/2) / b
}
