package main

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Phase shares in per cent (requirements, design, implementation, testing, documentation). The
// general split follows the prompt's typical project; documents, tests and manuals put almost
// all their effort in one phase, as a careful estimator would.
var (
	generalSplit = [5]int64{10, 23, 49, 16, 2}
	designSplit  = [5]int64{15, 75, 0, 0, 10}
	testSplit    = [5]int64{0, 10, 0, 85, 5}
	manualSplit  = [5]int64{0, 5, 0, 5, 90}
)

// splitFor picks the shares from words in the deliverable's name.
func splitFor(name string) [5]int64 {
	n := strings.ToLower(name)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(n, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("manual", "マニュアル", "guide"):
		return manualSplit
	case has("test", "テスト", "試験"):
		return testSplit
	case has("design", "設計", "requirement", "要件", "specification", "仕様"):
		return designSplit
	}
	return generalSplit
}

// tenths writes tenths of a person-day as a JSON number with one decimal: 123 → 12.3. The
// application refuses more than one decimal, so floats never enter.
type tenths int64

func (t tenths) MarshalJSON() ([]byte, error) {
	return []byte(strconv.FormatInt(int64(t)/10, 10) + "." + strconv.FormatInt(int64(t)%10, 10)), nil
}

// lineAnswer is a plausible estimate of the deliverable: 3.0 to 30.0 person-days chosen from a
// hash of its name (the same deliverable always gets the same figures), split by phase, with
// optimistic = 80 % and pessimistic = 140 % of the sum, so optimistic ≤ sum ≤ pessimistic.
func lineAnswer(r chatRequest) map[string]any {
	t, ja := r.target(), r.japanese()
	h := fnv.New32a()
	h.Write([]byte(t.Name + "\x00" + t.Description))
	seed := int64(h.Sum32())
	total := 30 + seed%271 // tenths: 3.0 to 30.0
	split := splitFor(t.Name)
	var phases [5]tenths
	var sum, largest int64
	for i, share := range split {
		phases[i] = tenths(total * share / 100)
		sum += int64(phases[i])
		if share > split[largest] {
			largest = int64(i)
		}
	}
	// Integer shares round down; the remainder goes to the main phase so the sum is the total.
	phases[largest] += tenths(total - sum)
	confidence := []string{"medium", "high", "medium", "low"}[seed%4]
	name := t.Name
	if name == "" {
		name = "this deliverable"
	}
	answer := map[string]any{
		"reasoning": fmt.Sprintf("Sized %q at %s person-days from its description and the answers, split by the usual effort of each phase for this kind of deliverable.",
			name, formatTenths(total)),
		"assumptions": []string{"Unanswered questions are taken at the typical scope for a system of this size.",
			"The client reviews each document within five working days."},
		"risks": []string{"Scope may grow once the client reviews the first drafts.",
			"Late answers on integrations could delay design."},
		"phases": map[string]tenths{"requirements": phases[0], "design": phases[1],
			"implementation": phases[2], "testing": phases[3], "documentation": phases[4]},
		"optimistic":  tenths(total * 8 / 10),
		"pessimistic": tenths((total*14 + 9) / 10),
		"confidence":  confidence,
	}
	if ja {
		answer["reasoning"] = fmt.Sprintf("「%s」を説明と回答から%s人日と見積もり、この種の成果物の工程別の標準的な比率で配分した。", name, formatTenths(total))
		answer["assumptions"] = []string{"未回答の質問は、この規模のシステムで一般的な範囲と仮定する。", "顧客のレビューは各文書5営業日以内とする。"}
		answer["risks"] = []string{"初版レビュー後に範囲が拡大する可能性がある。", "連携に関する回答が遅れると設計が遅延する。"}
	}
	return answer
}

func formatTenths(t int64) string {
	return strconv.FormatInt(t/10, 10) + "." + strconv.FormatInt(t%10, 10)
}
