package llm

// Texts that jobs store beside an engine's results, whichever engine gave them, in the task's
// language: Japanese for "ja", English for anything else, as the engines decide.

// NoFittingProposal is the reply, in the task's language, when no proposal could be priced to
// meet the request: better no card than one that only claims to meet it.
func NoFittingProposal(lang string) string {
	if lang == "ja" {
		return "ご要望の金額に見合う案を作れませんでした。金額を変えるか、外す成果物や値引きを具体的に指定してください。"
	}
	return "No proposal could be priced to meet this request. Try another amount, or name what to remove or a discount."
}

// NewLineNote is the note, in the task's language, of the revision that adds a deliverable the
// engine estimated.
func NewLineNote(lang, name string) string {
	if lang == "ja" {
		return "「" + name + "」を追加（見積りエンジンで見積り）"
	}
	return "Added “" + name + "” (estimated by the engine)"
}
