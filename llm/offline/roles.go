package offline

import (
	"strings"

	"estimator/llm/internal/keyword"
)

// roleKind is how a line takes its part of the system's effort.
type roleKind int

const (
	rolePhase    roleKind = iota // a phase deliverable: 要件定義書, 基本設計書, プログラム開発, 結合テスト …
	roleFunction                 // a part of the system: a screen group, an API, a batch job, an interface
	roleAddition                 // work outside the development phases: manuals, migration, environments, other documents
)

// fnType is the kind of function a function line builds; it picks the per-function effort.
type fnType int

const (
	fnScreen fnType = iota
	fnReport
	fnBatch
	fnAPI
	fnIntegration
	fnOther
	numFnTypes
)

// fnSignal is the count that sizes each function type; fnOther has none.
var fnSignal = [numFnTypes]signal{sigScreens, sigReports, sigBatches, sigAPIs, sigIntegrations, noSignal}

// fnTenths is the development effort of one function of each type (anchors.go); an
// unrecognisable part of the system counts as an average online function.
var fnTenths = [numFnTypes]int64{screenTenths, reportTenths, batchTenths, apiTenths, integrationTenths, screenTenths}

// addition is the kind of work of an addition line.
type addition int

const (
	addUserManual addition = iota
	addOpsManual
	addMigration
	addInfrastructure
	addDocument
)

// role is what a line is in the allocation.
type role struct {
	kind   roleKind
	phases []fine // rolePhase: the phases it delivers
	fn     fnType
	add    addition
}

// covers reports whether a phase deliverable delivers f.
func (r role) covers(f fine) bool {
	for _, p := range r.phases {
		if p == f {
			return true
		}
	}
	return false
}

// Keywords that pick the phases of a phase deliverable, folded. A build deliverable is named by
// what it does (製造, 実装, プログラム開発), not by a part of the system; 「画面開発」 is a screen line.
var (
	buildWords       = []string{"製造", "実装", "プログラム", "コーディング", "開発", "programming", "coding", "implementation", "development", "build"}
	basicDesignWords = []string{"基本設計", "外部設計", "方式設計", "概要設計", "basic design", "external design", "high-level design", "architecture"}
	detailDesignWord = []string{"詳細設計", "内部設計", "プログラム設計", "detailed design", "internal design", "low-level design", "program design"}
	unitTestWords    = []string{"単体", "ユニット", "unit test", "unit testing"}
	integrationWords = []string{"結合", "連結", "統合テスト", "integration test", "integration testing"}
	systemTestWords  = []string{"総合", "システムテスト", "受入", "受け入れ", "運用テスト", "system test", "system testing", "acceptance", "uat", "e2e", "end-to-end"}
	reportWords      = []string{"帳票", "レポート", "report", "reporting"}
	interfaceWords   = []string{"連携", "インターフェース", "i/f", "integration", "interface", "webhook"}
	migrationWords   = []string{"移行", "migration"}
	opsManualWords   = []string{"運用", "保守", "管理者", "operation", "operations", "admin", "administrator", "runbook", "maintenance"}
)

// referencePhrases end a clause that only points at an earlier deliverable: 「詳細設計に基づいた」
// or "based on the design" says what the work starts from, not what it is.
var referencePhrases = []string{"に基づいた", "に基づいて", "に基づく", "に基づき", "をもとに", "を元に", "に従って", "に沿って", "を受けて",
	"based on", "according to", "following the", "derived from", "as per"}

// roleOf decides a line's role from its folded name and description. The name decides when it
// names something; the description only when the name does not, and then without the clauses
// that refer to other deliverables.
func roleOf(name, desc string) role {
	det := detectProfile(name, withoutReferences(desc))
	if !det.inName && containsAny(name, buildWords) {
		return role{kind: rolePhase, phases: []fine{fineBuild, fineUnitTest}}
	}
	text := name
	if !det.inName {
		text = withoutReferences(desc)
	}
	switch det.profile {
	case profileRequirementsDoc:
		return role{kind: rolePhase, phases: []fine{fineRequirements}}
	case profileDesignDoc, profileDesign, profileDatabase:
		if containsAny(name, migrationWords) {
			return role{kind: roleAddition, add: addMigration} // 移行設計 designs the migration
		}
		return designRole(text, det)
	case profileTest:
		return testRole(text)
	case profileScreen:
		if containsAny(text, reportWords) {
			return role{kind: roleFunction, fn: fnReport}
		}
		return role{kind: roleFunction, fn: fnScreen}
	case profileAPI:
		if containsAny(name, interfaceWords) || containsAny(text, interfaceWords) {
			return role{kind: roleFunction, fn: fnIntegration}
		}
		return role{kind: roleFunction, fn: fnAPI}
	case profileBatch:
		return role{kind: roleFunction, fn: fnBatch}
	case profileManual:
		if containsAny(text, opsManualWords) {
			return role{kind: roleAddition, add: addOpsManual}
		}
		return role{kind: roleAddition, add: addUserManual}
	case profileMigration:
		return role{kind: roleAddition, add: addMigration}
	case profileInfrastructure:
		return role{kind: roleAddition, add: addInfrastructure}
	case profileDocument:
		return role{kind: roleAddition, add: addDocument}
	}
	return role{kind: roleFunction, fn: fnOther}
}

// designRole picks the design phases a design deliverable delivers: basic or detailed design when
// it says which; the detailed design of a part (API設計, データベース設計, 画面設計) otherwise when it
// names one; both otherwise.
func designRole(text string, det detection) role {
	switch {
	case containsAny(text, basicDesignWords):
		return role{kind: rolePhase, phases: []fine{fineBasicDesign}}
	case containsAny(text, detailDesignWord):
		return role{kind: rolePhase, phases: []fine{fineDetailDesign}}
	case det.profile == profileDatabase:
		return role{kind: rolePhase, phases: []fine{fineDetailDesign}}
	}
	if _, _, ok := subjectOf(text, ""); ok {
		return role{kind: rolePhase, phases: []fine{fineDetailDesign}}
	}
	return role{kind: rolePhase, phases: []fine{fineBasicDesign, fineDetailDesign}}
}

// testRole picks the test phases a test deliverable delivers; a test named by no level is the
// integration and system tests, the ones run as deliverables of their own.
func testRole(text string) role {
	switch {
	case containsAny(text, unitTestWords):
		return role{kind: rolePhase, phases: []fine{fineUnitTest}}
	case containsAny(text, integrationWords):
		return role{kind: rolePhase, phases: []fine{fineIntegration}}
	case containsAny(text, systemTestWords):
		return role{kind: rolePhase, phases: []fine{fineSystemTest}}
	}
	return role{kind: rolePhase, phases: []fine{fineIntegration, fineSystemTest}}
}

// withoutReferences removes from a folded description every clause that ends in a reference
// phrase: what comes before 「に基づいた」 or after "based on" up to the next comma or stop names
// another deliverable.
func withoutReferences(desc string) string {
	for _, p := range referencePhrases {
		for {
			m, ok := keyword.FirstOccurrence(desc, p)
			if !ok {
				break
			}
			if isJapanesePhrase(p) {
				start := strings.LastIndexAny(desc[:m.Start], clauseBreaks) + 1
				desc = desc[:start] + desc[m.End:]
				continue
			}
			end := len(desc)
			if i := strings.IndexAny(desc[m.End:], ",.;、。"); i >= 0 {
				end = m.End + i
			}
			desc = desc[:m.Start] + desc[end:]
		}
	}
	return desc
}

// isJapanesePhrase reports whether a reference phrase follows what it refers to, as Japanese
// particles do.
func isJapanesePhrase(p string) bool {
	return p != "" && p[0] >= 0x80
}

// profile is the kind of deliverable a role is, for its working assumptions and risks.
func (r role) profile() profileID {
	switch r.kind {
	case rolePhase:
		switch r.phases[0] {
		case fineRequirements:
			return profileRequirementsDoc
		case fineBasicDesign, fineDetailDesign:
			return profileDesignDoc
		case fineBuild:
			return profileBuild
		}
		return profileTest
	case roleFunction:
		return [numFnTypes]profileID{fnScreen: profileScreen, fnReport: profileScreen, fnBatch: profileBatch,
			fnAPI: profileAPI, fnIntegration: profileAPI, fnOther: profileOther}[r.fn]
	}
	return [...]profileID{addUserManual: profileManual, addOpsManual: profileManual, addMigration: profileMigration,
		addInfrastructure: profileInfrastructure, addDocument: profileDocument}[r.add]
}
