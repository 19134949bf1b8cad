package offline

import (
	"strings"
	"unicode/utf8"

	"estimator/llm"
	"estimator/llm/internal/keyword"
)

// facts are what the task states about the system as a whole: counts by signal with where each
// was found, whether it renews an existing system, and which questions went unanswered.
type facts struct {
	counts     counts
	renewal    bool
	website    bool            // a website rather than a system: its screens are pages
	unanswered []string        // questions left unanswered
	known      [numTopics]bool // bank topics with a known answer
	mentioned  [numTopics]bool // bank topics the requirements or known answers speak of
	tx         texts
}

// renewalWords say that the system replaces an existing one, which makes data migration a large
// part of the work.
var renewalWords = []string{"刷新", "リプレース", "再構築", "移行", "更改", "現行システム", "既存システム", "老朽化",
	"renewal", "replace", "replacement", "rebuild", "re-platform", "migration", "legacy", "existing system"}

// websiteWords and systemWords tell a website (pages on a CMS) from a system (screens with
// business logic): a task speaking only of the first is a website.
var (
	websiteWords = []string{"サイト", "ホームページ", "wordpress", "cms", "website", "web site", "homepage", "landing page"}
	systemWords  = []string{"システム", "業務", "アプリ", "system", "app", "application", "portal"}
)

// statedFacts reads the requirements and the known answers. An answer states a count more
// recently and precisely than the requirements, so a count in the answers replaces the
// requirements' count of the same thing. The option lists of a requirements template (「（10ページ
// 以内 / 10〜30ページ / 100ページ超）」) are choices the user has not made, not facts, and are left
// out until the user keeps one.
func statedFacts(t llm.Task) facts {
	var f facts
	f.tx.requirements = keyword.Fold(withoutOptions(t.Requirements))
	for _, a := range t.Answers {
		if isUnknown(a.Answer) {
			f.unanswered = append(f.unanswered, a.Question)
			continue
		}
		f.tx.answers = append(f.tx.answers, keyword.Fold(a.Answer))
		if tp, ok := bankTopic(a.Question); ok {
			f.known[tp] = true
		}
	}
	f.counts = scanCounts(f.tx.requirements, srcRequirements)
	for _, a := range f.tx.answers {
		answered := scanCounts(a, srcAnswers)
		for s := range numSignals {
			if answered.has(s) && f.counts.src[s] != srcAnswers {
				f.counts.n[s], f.counts.src[s] = 0, srcNone // the answer replaces the requirements
			}
		}
		f.counts.merge(answered)
	}
	for tp, e := range questionBank {
		for _, w := range e.words {
			if f.mentioned[tp] {
				break
			}
			f.mentioned[tp] = keyword.Contains(f.tx.requirements, w) || containsIn(f.tx.answers, w)
		}
	}
	said := func(words []string) bool {
		for _, w := range words {
			if keyword.Contains(f.tx.requirements, w) || containsIn(f.tx.answers, w) {
				return true
			}
		}
		return false
	}
	f.renewal = said(renewalWords)
	f.website = said(websiteWords) && !said(systemWords)
	return f
}

func containsIn(texts []string, w string) bool {
	for _, t := range texts {
		if keyword.Contains(t, w) {
			return true
		}
	}
	return false
}

// withoutOptions removes every bracketed group that offers choices separated by slashes, the
// way requirement templates list them: 「（簡易／標準／複雑）」, "(none / 1–3 / more)".
func withoutOptions(text string) string {
	var b strings.Builder
	for {
		open := strings.IndexAny(text, "(（")
		if open < 0 {
			b.WriteString(text)
			return b.String()
		}
		rest := text[open:]
		closing := strings.IndexAny(rest, ")）")
		if closing < 0 {
			b.WriteString(text)
			return b.String()
		}
		_, width := utf8.DecodeRuneInString(rest[closing:])
		group := rest[:closing+width]
		b.WriteString(text[:open])
		if !strings.ContainsAny(group, "/／") {
			b.WriteString(group)
		}
		text = rest[closing+width:]
	}
}
