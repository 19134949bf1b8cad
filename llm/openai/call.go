package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	goopenai "github.com/sashabaranov/go-openai"

	"estimator/llm"
)

// run performs one operation: it asks the breaker, sends the conversation with retries,
// hands the answer to accept (which decodes and validates it, keeping the result), and on
// an invalid answer asks once more in the same conversation, quoting what was wrong. The
// usage returned sums every attempt that reached the model, the repair included, even when
// the operation fails: those tokens were paid for.
func (o *Engine) run(ctx context.Context, c conversation, accept func(content string) error) (llm.Usage, error) {
	start := o.now()
	usage := llm.Usage{Model: o.model}
	finish := func(err error) (llm.Usage, error) {
		usage.Duration = o.now().Sub(start)
		return usage, err
	}
	if err := o.breaker.allow(); err != nil {
		return finish(err)
	}
	req := o.request(c)
	llm.StartCall(ctx, llm.Usage{Model: o.model, InputTokens: estimatedInputTokens(req)})
	for repaired := false; ; repaired = true {
		resp, err := o.complete(ctx, req, &usage)
		if err != nil {
			o.breaker.done(outcomeOf(ctx, err))
			return finish(err)
		}
		content, problem := answerContent(resp)
		if problem == nil {
			problem = accept(content)
		}
		if problem == nil {
			o.breaker.done(succeeded)
			return finish(nil)
		}
		// From here on the service has answered: whatever the answer is worth, it is up.
		if repaired {
			o.breaker.done(succeeded)
			return finish(&llm.Error{Category: llm.KindInvalidAnswer, Message: sanitize(problem.Error(), o.apiKey), Err: problem})
		}
		repair, err := o.prompts.repairMessage(c, problem)
		if err != nil {
			o.breaker.done(inconclusive)
			return finish(&llm.Error{Category: llm.KindRejected, Message: "the repair prompt could not be built", Err: err})
		}
		req.Messages = slices.Clip(req.Messages)
		if content != "" {
			req.Messages = append(req.Messages, goopenai.ChatCompletionMessage{Role: goopenai.ChatMessageRoleAssistant, Content: content})
		}
		req.Messages = append(req.Messages, goopenai.ChatCompletionMessage{Role: goopenai.ChatMessageRoleUser, Content: repair})
	}
}

// request turns a conversation into a chat completion request.
func (o *Engine) request(c conversation) goopenai.ChatCompletionRequest {
	s := requestSeed
	req := goopenai.ChatCompletionRequest{Model: o.model, Messages: c.messages, Seed: &s}
	if acceptsTemperature(o.model) {
		req.Temperature = requestTemperature
	}
	if o.schemaInText {
		req.ResponseFormat = &goopenai.ChatCompletionResponseFormat{Type: goopenai.ChatCompletionResponseFormatTypeJSONObject}
	} else {
		req.ResponseFormat = &goopenai.ChatCompletionResponseFormat{
			Type:       goopenai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &goopenai.ChatCompletionResponseFormatJSONSchema{Name: c.op, Schema: c.schema, Strict: true},
		}
	}
	return req
}

// estimatedInputTokens is what req is expected to cost in input tokens before the provider says:
// its messages, and the answer's schema when it travels in response_format, since providers bill
// that schema as input too.
func estimatedInputTokens(req goopenai.ChatCompletionRequest) int {
	n := 0
	for _, m := range req.Messages {
		n += llm.EstimateTokens(m.Content)
	}
	if f := req.ResponseFormat; f != nil && f.JSONSchema != nil && f.JSONSchema.Schema != nil {
		if schema, err := json.Marshal(f.JSONSchema.Schema); err == nil {
			n += llm.EstimateTokens(string(schema))
		}
	}
	return n
}

// acceptsTemperature reports whether the model takes a temperature. OpenAI's reasoning models
// only accept the default, and go-openai refuses the request before sending it otherwise.
func acceptsTemperature(model string) bool {
	for _, prefix := range []string{"o1", "o3", "o4", "gpt-5", "gpt-6"} {
		if strings.HasPrefix(model, prefix) {
			return false
		}
	}
	return true
}

// answerContent returns the text of the first choice, or what makes the response unusable as
// an answer. These problems get the repair retry like an invalid answer, since the model,
// not the service, is at fault.
func answerContent(resp goopenai.ChatCompletionResponse) (string, error) {
	if len(resp.Choices) == 0 {
		return "", errors.New("the response has no answer")
	}
	ch := resp.Choices[0]
	switch {
	case ch.Message.Refusal != "":
		return "", errors.New("the model refused to answer")
	case ch.FinishReason == goopenai.FinishReasonLength:
		return ch.Message.Content, errors.New("the answer was cut off at the output limit (finish_reason length); answer more briefly")
	case ch.FinishReason == goopenai.FinishReasonContentFilter:
		return ch.Message.Content, errors.New("the answer was stopped by the provider's content filter")
	}
	return ch.Message.Content, nil
}

// complete sends req, retrying what may succeed later: 429 after its Retry-After, 5xx,
// network failures and timeouts after a jittered exponential backoff, up to maxRetries
// times. Each attempt has its own timeout; the waits between attempts end early when ctx is
// done. Token usage of the successful attempt is added to usage, with the prompt tokens the
// provider served from its cache when it reports them (OpenAI's prompt_tokens_details).
func (o *Engine) complete(ctx context.Context, req goopenai.ChatCompletionRequest, usage *llm.Usage) (goopenai.ChatCompletionResponse, error) {
	for attempt := 0; ; attempt++ {
		var rec attemptHeaders
		actx, cancel := context.WithTimeout(withAttemptHeaders(ctx, &rec), o.timeout)
		resp, err := o.client.CreateChatCompletion(actx, req)
		cancel()
		if err == nil {
			usage.InputTokens += resp.Usage.PromptTokens
			usage.OutputTokens += resp.Usage.CompletionTokens
			if d := resp.Usage.PromptTokensDetails; d != nil {
				// Kept within the prompt tokens, so that a proxy's odd figure cannot make the
				// cheaper share larger than the whole.
				usage.CachedInputTokens += min(max(d.CachedTokens, 0), max(resp.Usage.PromptTokens, 0))
			}
			return resp, nil
		}
		e, wait, retry := o.classify(ctx, err, rec.header, attempt)
		if !retry || attempt >= o.maxRetries {
			if retry && attempt > 0 {
				e.Message = fmt.Sprintf("after %d attempts: %s", attempt+1, e.Message)
			}
			return resp, e
		}
		if err := o.sleep(ctx, wait); err != nil {
			return resp, cancelled(ctx)
		}
	}
}

// providerError describes a provider's error by its type, code and parameter, the fields that
// carry no user text.
func providerError(typ string, code any, param *string) string {
	fields := [][2]string{{"type", typ}, {"code", ""}, {"param", ""}}
	if code != nil {
		fields[1][1] = fmt.Sprint(code)
	}
	if param != nil {
		fields[2][1] = *param
	}
	var parts []string
	for _, f := range fields {
		if f[1] != "" {
			parts = append(parts, f[0]+"="+f[1])
		}
	}
	return strings.Join(parts, " ")
}

// classify turns a failed attempt into an *llm.Error and decides whether, and after how long, to
// try again.
func (o *Engine) classify(ctx context.Context, err error, header http.Header, attempt int) (e *llm.Error, wait time.Duration, retry bool) {
	if ctx.Err() != nil {
		return cancelled(ctx), 0, false
	}
	var apiErr *goopenai.APIError
	var reqErr *goopenai.RequestError
	var status int
	var msg string
	var code any
	// The provider's own text is never kept: it may quote the prompt, that is the user's data.
	// Its type and code say what went wrong.
	switch {
	case errors.As(err, &apiErr):
		status, code = apiErr.HTTPStatusCode, apiErr.Code
		msg = providerError(apiErr.Type, apiErr.Code, apiErr.Param)
	case errors.As(err, &reqErr):
		status = reqErr.HTTPStatusCode
	}
	msg = sanitize(msg, o.apiKey)
	if status != 0 {
		e = &llm.Error{Status: status, Message: msg, Err: err}
		switch {
		case status == http.StatusTooManyRequests && code == "insufficient_quota":
			// Out of credit: no wait will fix it, and retrying only delays the message.
			e.Category = llm.KindRejected
			return e, 0, false
		case status == http.StatusTooManyRequests:
			e.Category = llm.KindRateLimited
			if d, ok := retryAfter(header, o.now()); ok {
				return e, d, true
			}
			return e, backoff(attempt), true
		case status >= http.StatusInternalServerError:
			e.Category = llm.KindUnavailable
			return e, backoff(attempt), true
		default:
			e.Category = llm.KindRejected
			if e.Message == "" {
				e.Message = http.StatusText(status)
			}
			return e, 0, false
		}
	}

	detail := sanitize(err.Error(), o.apiKey)
	var netErr net.Error
	var opErr *net.OpError
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return &llm.Error{Category: llm.KindTimeout, Message: "no answer within " + o.timeout.String(), Err: err}, backoff(attempt), true
	case errors.As(err, &opErr) && opErr.Op == "dial":
		// A connect timeout is an unreachable service, not a slow model.
		return &llm.Error{Category: llm.KindUnavailable, Message: detail, Err: err}, backoff(attempt), true
	case errors.As(err, &netErr) && netErr.Timeout():
		return &llm.Error{Category: llm.KindTimeout, Message: detail, Err: err}, backoff(attempt), true
	case errors.As(err, &netErr), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &llm.Error{Category: llm.KindUnavailable, Message: detail, Err: err}, backoff(attempt), true
	case errors.As(err, &syntaxErr), errors.As(err, &typeErr):
		// A 2xx whose body is not a chat completion: usually a proxy's error page.
		return &llm.Error{Category: llm.KindUnavailable, Message: "unreadable response: " + detail, Err: err}, backoff(attempt), true
	}
	// What remains was refused before it was sent, by go-openai's own request checks.
	return &llm.Error{Category: llm.KindRejected, Message: detail, Err: err}, 0, false
}

// cancelled is the error of an operation whose caller gave up (ctx cancelled or past its
// deadline). It wraps ctx's error, so errors.Is(err, context.Canceled) holds.
func cancelled(ctx context.Context) *llm.Error {
	msg := "cancelled by the caller"
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		msg = "the caller's deadline passed"
	}
	return &llm.Error{Category: llm.KindTimeout, Message: msg, Err: ctx.Err()}
}

// outcomeOf is what a failed operation tells the breaker. Only a service that looks down
// counts: a cancelled call or a rejected request says nothing about its health, and opening
// the breaker on them would hide the provider's message behind "breaker open".
func outcomeOf(ctx context.Context, err error) outcome {
	if ctx.Err() == nil && llm.IsUnavailable(err) {
		return failed
	}
	return inconclusive
}
