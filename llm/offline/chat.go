package offline

import (
	"context"

	"estimator/llm"
)

// Chat answers a turn of the negotiation chat with the offline rules: ParseIntent reads the
// message, a question is answered from the estimate's own figures and texts, a request to adjust
// the estimate gets proposal cards built with the estimate package's operations (see
// offlineProposals), and a message the rules do not understand gets a short help text.
func (o *Engine) Chat(ctx context.Context, req llm.ChatRequest) (llm.ChatReply, llm.Usage, error) {
	if err := ctx.Err(); err != nil {
		return llm.ChatReply{}, offlineUsage(), err
	}
	in := llm.ParseIntent(req.Message, req.Currency, req.Totals.SubtotalMinor)
	l := languageOf(req.Task.Language)
	switch in.Kind {
	case llm.IntentQuestion:
		return llm.ChatReply{Kind: llm.ChatAnswer, Text: answerFromEstimate(req.Lines, req.Message, l), Intent: in}, offlineUsage(), nil
	case llm.IntentUnknown:
		return llm.ChatReply{Kind: llm.ChatOther, Text: bi{chatHelpJA, chatHelpEN}.in(l), Intent: in}, offlineUsage(), nil
	}
	text, proposals := o.offlineProposals(ctx, req, in, l)
	if len(proposals) == 0 {
		return llm.ChatReply{Kind: llm.ChatOther, Text: text, Intent: in}, offlineUsage(), nil
	}
	return llm.ChatReply{Kind: llm.ChatAdjust, Text: text, Intent: in, Proposals: proposals}, offlineUsage(), nil
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
