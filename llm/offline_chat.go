package llm

import "context"

// Chat answers a turn of the negotiation chat with the offline rules: ParseIntent reads the
// message, a question is answered from the estimate's own figures and texts, a request to adjust
// the estimate gets proposal cards built with the estimate package's operations (see
// offlineProposals), and a message the rules do not understand gets a short help text.
func (o *Offline) Chat(ctx context.Context, req ChatRequest) (ChatReply, Usage, error) {
	if err := ctx.Err(); err != nil {
		return ChatReply{}, offlineUsage(), err
	}
	in := ParseIntent(req.Message, req.Currency, req.Totals.SubtotalMinor)
	l := languageOf(req.Task.Language)
	switch in.Kind {
	case IntentQuestion:
		return ChatReply{Kind: ChatAnswer, Text: answerFromEstimate(req.Lines, req.Message, l), Intent: in}, offlineUsage(), nil
	case IntentUnknown:
		return ChatReply{Kind: ChatOther, Text: bi{chatHelpJA, chatHelpEN}.in(l), Intent: in}, offlineUsage(), nil
	}
	text, proposals := o.offlineProposals(ctx, req, in, l)
	if len(proposals) == 0 {
		return ChatReply{Kind: ChatOther, Text: text, Intent: in}, offlineUsage(), nil
	}
	return ChatReply{Kind: ChatAdjust, Text: text, Intent: in, Proposals: proposals}, offlineUsage(), nil
}

// The reply to a message the rules do not understand: what can be asked.
const (
	chatHelpJA = "見積りの調整の依頼や、見積りについての質問ができます。例：\n" +
		"・「あと30万円安くする案を教えて」\n・「テストを手厚く」\n・「マニュアルを外して」\n" +
		"・「負荷テストを追加して」\n・「単価を5万円に」\n・「なぜテストが多いの？」"
	chatHelpEN = "You can ask for changes to the estimate, or ask about it. For example:\n" +
		"- “make it $2,000 cheaper”\n- “strengthen the testing”\n- “remove the manuals”\n" +
		"- “add load testing”\n- “set the day rate to $600”\n- “why is there so much testing?”"
)

// NoFittingProposal is the reply, in the task's language, when no proposal could be priced to
// meet the request: better no card than one that only claims to meet it.
func NoFittingProposal(lang string) string {
	return bi{"ご要望の金額に見合う案を作れませんでした。金額を変えるか、外す成果物や値引きを具体的に指定してください。",
		"No proposal could be priced to meet this request. Try another amount, or name what to remove or a discount."}.in(languageOf(lang))
}

// NewLineNote is the note, in the task's language, of the revision that adds a deliverable the
// engine estimated.
func NewLineNote(lang, name string) string {
	l := languageOf(lang)
	return bi{"「" + name + "」を追加（見積りエンジンで見積り）", "Added " + quote(l, name) + " (estimated by the engine)"}.in(l)
}
