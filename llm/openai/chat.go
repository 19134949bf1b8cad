package openai

import (
	"context"
	"fmt"

	"estimator/llm"
)

// Chat answers one turn of the negotiation chat with one model call (and at most its one
// repair). ParseIntent reads the message first and the model is given what it found, so that
// it does not have to compute the target; the model then decides what kind of turn it is and
// what to change, and every figure of a proposal's effect is computed by the caller. Amounts
// the model writes in its texts are replaced by a neutral placeholder (see maskMoney).
func (o *Engine) Chat(ctx context.Context, req llm.ChatRequest) (llm.ChatReply, llm.Usage, error) {
	limits, err := newChatLimits(req)
	if err != nil {
		return llm.ChatReply{}, llm.Usage{Model: o.model}, err
	}
	in := llm.ParseIntent(req.Message, req.Currency, req.Totals.SubtotalMinor)
	c, err := o.chatConversation(req, in, limits.factor)
	if err != nil {
		return llm.ChatReply{}, llm.Usage{Model: o.model}, &llm.Error{Category: llm.KindRejected, Message: "the prompt could not be built", Err: err}
	}
	var out llm.ChatReply
	var target int64
	usage, err := o.run(ctx, c, func(content string) error {
		var a chatAnswer
		if err := decodeAnswer(content, &a); err != nil {
			return err
		}
		reply, t, err := a.validate(limits)
		if err != nil {
			return err
		}
		out, target = reply, t
		return nil
	})
	if err != nil {
		return llm.ChatReply{}, usage, err
	}
	out.Intent = withModelTarget(in, target)
	return maskReply(out, promptLanguage(req.Task.Language)), usage, nil
}

// chatConversation is what Chat sends: after the task's shared context, the last message
// holds the revision, the parsed request, the shortened history and the user's words.
func (o *Engine) chatConversation(req llm.ChatRequest, in llm.Intent, factor int64) (conversation, error) {
	return o.prompts.build(opChat, newPromptInput(req.Task, o.sizer), chatSchema(), o.schemaInText,
		lastMessage{Data: newChatData(req, in, factor)})
}

// chatLimits is what validating a chat answer needs to know about the revision.
type chatLimits struct {
	currency  string
	factor    int64        // minor units per major unit
	subtotal  int64        // minor units: no discount may exceed it
	positions map[int]bool // the lines that changes may refer to
}

func newChatLimits(req llm.ChatRequest) (chatLimits, error) {
	factor, ok := minorPerMajor(req.Currency)
	if !ok {
		return chatLimits{}, &llm.Error{Category: llm.KindRejected, Message: fmt.Sprintf("currency %q is not supported", req.Currency)}
	}
	l := chatLimits{currency: req.Currency, factor: factor, subtotal: req.Totals.SubtotalMinor,
		positions: make(map[int]bool, len(req.Lines))}
	for _, ln := range req.Lines {
		l.positions[ln.Position] = true
	}
	return l, nil
}

// withModelTarget completes the parsed intent with the model's reading of the target, in
// minor units, when the message named no amount Go could read: "make it a bit cheaper" gets
// the model's figure, "30万円安く" keeps Go's. A message Go could not classify becomes a
// reduction or an increase by the model's target's sign.
func withModelTarget(in llm.Intent, target int64) llm.Intent {
	if in.Amount || target == 0 {
		return in
	}
	in.TargetDeltaMinor = target
	if in.Kind == llm.IntentUnknown {
		in.Kind = llm.IntentIncrease
		if target < 0 {
			in.Kind = llm.IntentReduce
		}
	}
	return in
}
