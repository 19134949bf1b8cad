package estimate

// Finding is something in an estimate's proportions that an experienced reviewer would question.
// Findings inform; they never change a figure.
type Finding struct {
	Code      string // what was found, e.g. "testing_share_low"; the UI's message key
	ValueBP   int64  // the estimate's figure, in basis points (a share of the whole, or a ratio)
	TypicalBP int64  // the usual figure, in basis points
}

// Typical shares of a new development's effort, in basis points of the whole. IPA ソフトウェア
// 開発データ白書 2018-2019 (new development) puts 基本設計 at 17 %, 詳細設計 18 %, 製作 (with unit
// tests) 32 %, 結合テスト 20 % and 総合テスト 13 % of the effort from basic design to system test,
// with requirements definition about 10 % on top; the IPA 分析データ集 2020 medians agree (16.4 /
// 16.8 / 33.5 / 21.0 / 12.3). Over 110 parts that is requirements 9 %, design 32 %,
// implementation 29 %, testing 30 %. Manuals are not in those figures; a few percent is usual.
const (
	typicalRequirementsBP   = 900
	typicalDesignBP         = 3200
	typicalImplementationBP = 2900
	typicalTestingBP        = 3000
	typicalDocumentationBP  = 500
	typicalTestToBuildBP    = 10300 // 結合 + 総合 (33) over 製作 (32)
)

// shareBand is how far a phase's share may stray from its typical share before it is worth a
// remark: projects differ (a package introduction designs more, a migration tests more), so the
// bands are wide, and only a share outside them suggests a phase was forgotten or doubled.
type shareBand struct {
	phase         Phase
	typical       int64
	lowBP, highBP int64
	lowOK, highOK bool // whether a low or a high share is unremarkable for this phase
}

// shareBands are checked in phase order. Documentation is only ever too high: a list without
// manuals is common.
func shareBands() []shareBand {
	return []shareBand{
		{phase: Requirements, typical: typicalRequirementsBP, lowBP: 300, highBP: 2500},
		{phase: Design, typical: typicalDesignBP, lowBP: 1500, highBP: 5000},
		{phase: Implementation, typical: typicalImplementationBP, lowBP: 1500, highBP: 5500},
		{phase: Testing, typical: typicalTestingBP, lowBP: 1500, highBP: 5000},
		{phase: Documentation, typical: typicalDocumentationBP, highBP: 2000},
	}
}

// minCheckedTenths is the smallest estimate whose proportions are checked: below a person-month
// one phase done in a few days swings every share.
const minCheckedTenths = 200

// Plausibility checks the proportions of an estimate against public project data: the share of
// each phase, testing against building, and documents against the rest. An estimate without any
// implementation is not a development (a design or a migration study, say) and only its
// documentation share is checked.
func Plausibility(lines []Line) []Finding {
	var phases [PhaseCount]int64
	var total int64
	for _, l := range lines {
		for p, v := range l.Effort.Phases {
			phases[p] += v
			total += v
		}
	}
	if total < minCheckedTenths {
		return nil
	}
	building := phases[Implementation] > 0
	var findings []Finding
	testingOff := false
	for _, b := range shareBands() {
		if !building && b.phase != Documentation {
			continue
		}
		share := phases[b.phase] * 10000 / total
		code := ""
		switch {
		case b.phase == Testing && phases[Testing] == 0:
			code = "testing_missing"
		case share < b.lowBP:
			code = b.phase.Key() + "_share_low"
		case share > b.highBP:
			code = b.phase.Key() + "_share_high"
		}
		if code != "" {
			findings = append(findings, Finding{Code: code, ValueBP: share, TypicalBP: b.typical})
			testingOff = testingOff || b.phase == Testing
		}
	}
	if building && !testingOff {
		ratio := phases[Testing] * 10000 / phases[Implementation]
		switch {
		case ratio < typicalTestToBuildBP/2:
			findings = append(findings, Finding{Code: "test_build_ratio_low", ValueBP: ratio, TypicalBP: typicalTestToBuildBP})
		case ratio > typicalTestToBuildBP*2:
			findings = append(findings, Finding{Code: "test_build_ratio_high", ValueBP: ratio, TypicalBP: typicalTestToBuildBP})
		}
	}
	return findings
}

// LineFinding is a line whose effort is far from the usual size of a deliverable of its kind in
// the same system: a figure to look at twice, typed by hand or estimated by a model.
type LineFinding struct {
	Code          string // "line_far_above" or "line_far_below"
	Line          int    // 1-based
	Name          string
	Tenths        int64 // the line's effort
	TypicalTenths int64 // the usual size
}

// Bounds of the line check: a line more than farFactor times above or below its usual size, by
// at least minOutlierTenths, is remarked on; estimates of one deliverable legitimately differ by
// less.
const (
	farFactor        = 3
	minOutlierTenths = 50
)

// LineOutliers compares each line's effort with typical, the usual size of each line (0 when
// unknown), in tenths; typical is aligned with lines.
func LineOutliers(lines []Line, typical []int64) []LineFinding {
	var out []LineFinding
	for i, l := range lines {
		if i >= len(typical) || typical[i] <= 0 {
			continue
		}
		days, usual := l.Effort.Days(), typical[i]
		f := LineFinding{Line: i + 1, Name: l.Name, Tenths: days, TypicalTenths: usual}
		switch {
		case days > farFactor*usual && days-usual >= minOutlierTenths:
			f.Code = "line_far_above"
		case days*farFactor < usual && usual-days >= minOutlierTenths:
			f.Code = "line_far_below"
		default:
			continue
		}
		out = append(out, f)
	}
	return out
}
