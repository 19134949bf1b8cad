package offline

import "estimator/llm"

// Effort of one function over the five development phases, from basic design to system test,
// in tenths of a person-day. A regression on IPA ソフトウェア開発データ白書 2016-2017 gives about
// 131 / 79 / 61 person-hours per screen / report / batch job (16.4 / 9.8 / 7.7 person-days); JUAS
// ソフトウェアメトリックス調査 2008 gives 0.97 person-months per screen and 0.26 per batch job,
// the same order. APIs and external interfaces have no figure of their own there: an API is a
// function without a screen and is counted like a batch job, and an interface with another
// system like one and a half (its specification is agreed with the other side and it is tested
// jointly), a convention of this model.
const (
	screenTenths      = 164
	reportTenths      = 98
	batchTenths       = 77
	apiTenths         = 77
	integrationTenths = 116
)

// pageTenths is the development effort of one page of a website (design, coding, CMS template
// and checking): small corporate sites of about 15 pages on a CMS sell for 30–150万円, about
// 6–37 person-days at common day rates, so 1.5 person-days a page is the middle of that market.
const pageTenths = 15

// fine is one of the seven phases IPA's figures distinguish. The estimate shows five: the two
// designs together, and building with unit tests (製造・単体テスト, IPA's 製作) and integration
// with system tests (結合・総合テスト) each as one.
type fine int

const (
	fineRequirements fine = iota // 要件定義
	fineBasicDesign              // 基本設計
	fineDetailDesign             // 詳細設計
	fineBuild                    // 製造 (coding)
	fineUnitTest                 // 単体テスト
	fineIntegration              // 結合テスト
	fineSystemTest               // 総合テスト
	numFine
)

// fineShares are the per-mille of the development effort (basic design to system test) each
// phase takes in IPA ソフトウェア開発データ白書 2018-2019 (new development): 基本設計 17 %, 詳細設計
// 18 %, 製作 32 %, 結合テスト 20 %, 総合テスト 13 % (IPA 分析データ集 2020's medians agree: 16.4 /
// 16.8 / 33.5 / 21.0 / 12.3). IPA's 製作 includes unit testing; the model gives unit tests a third
// of it, the usual 2 : 1 of coding to unit testing (a practitioners' convention, not IPA's).
// Requirements definition is not part of these figures: it is about 10 % of requirements and
// development together, so a ninth of development on top (requirementsPerMille).
var fineShares = [numFine]int64{
	fineBasicDesign:  170,
	fineDetailDesign: 180,
	fineBuild:        213,
	fineUnitTest:     107,
	fineIntegration:  200,
	fineSystemTest:   130,
}

// requirementsPerMille is requirements definition as per-mille of the development effort: 10 %
// of the whole is 1/9 of the rest.
const requirementsPerMille = 111

// phaseOf is the estimate's phase a fine phase belongs to.
func phaseOf(f fine) int {
	switch f {
	case fineRequirements:
		return llm.PhaseRequirements
	case fineBasicDesign, fineDetailDesign:
		return llm.PhaseDesign
	case fineBuild, fineUnitTest:
		return llm.PhaseImplementation
	}
	return llm.PhaseTesting
}

// shareOfDevelopment returns f's per-mille of the development effort.
func shareOfDevelopment(f fine) int64 {
	if f == fineRequirements {
		return requirementsPerMille
	}
	return fineShares[f]
}

// DefaultProductivity is the productivity factor, per-mille, applied to the enterprise figures
// above: 1000 keeps them. Projects of small companies are often quoted at 0.5–0.7 of them; an
// operator sets the factor for their own team (OFFLINE_PRODUCTIVITY), and every estimate states it.
const DefaultProductivity = 1000

// Additional deliverables outside IPA's development phases, conventions of this model stated in
// OFFLINE.md: per-mille of the development effort, with a floor in tenths.
const (
	migrationNewPerMille     = 50  // initial data load of a new system
	migrationRenewalPerMille = 200 // a renewal: ≈ 20 % for migration design and tooling (ITpro, 2008)
	infrastructurePerMille   = 50
	documentPerMille         = 20
	additionFloor            = 50 // 5 person-days
	documentFloor            = 20
)

// Manuals are sized by what they describe: a base and an amount per screen or report for a user
// manual, per batch job or interface for an operations manual.
const (
	manualBase           = 30 // tenths
	userManualPerScreen  = 5
	opsManualPerFunction = 10
)
