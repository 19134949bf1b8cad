package main

import (
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"
)

// completion wraps content in a chat completion as OpenAI returns it, with token usage. The
// counts are estimates (about four bytes of prompt and three characters of answer a token),
// there so that the application records and prices the calls as it would with a real model.
func completion(id int64, r chatRequest, content string) map[string]any {
	promptBytes := 0
	for _, m := range r.Messages {
		promptBytes += len(m.Content)
	}
	prompt, answer := promptBytes/4+1, utf8.RuneCountInString(content)/3+1
	model := r.Model
	if model == "" {
		model = "fakemodel"
	}
	return map[string]any{
		"id":      fmt.Sprintf("chatcmpl-fake-%d", id),
		"object":  "chat.completion",
		"created": time.Now().Unix(),
		"model":   model,
		"choices": []any{map[string]any{
			"index":         0,
			"message":       map[string]any{"role": "assistant", "content": content},
			"finish_reason": "stop",
		}},
		"usage": map[string]int{"prompt_tokens": prompt, "completion_tokens": answer, "total_tokens": prompt + answer},
	}
}

// apiError is an OpenAI-style error body.
func apiError(message string) map[string]any {
	return map[string]any{"error": map[string]any{"message": message, "type": "invalid_request_error", "code": nil}}
}

// contentOf marshals an answer to the JSON text that goes into the message content.
func contentOf(answer any) (string, error) {
	b, err := json.Marshal(answer)
	if err != nil {
		return "", err
	}
	return string(b), nil
}
