package llm

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// offlineChat answers message about sampleChat(lang) with the offline engine.
func offlineChat(t *testing.T, lang, message string) ChatReply {
	t.Helper()
	req := sampleChat(lang)
	req.Message = message
	reply, usage, err := NewOffline().Chat(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if usage != offlineUsage() {
		t.Errorf("usage = %+v", usage)
	}
	return reply
}

// TestOfflineChatAnswers: questions are answered from the estimate's figures and texts, in the
// task's language. The sample has 99.5 person-days: requirements 9.0, design 26.0,
// implementation 30.0, testing 21.0, documentation 13.5.
func TestOfflineChatAnswers(t *testing.T) {
	tests := []struct {
		name, lang, message string
		want                []string // the answer's lines; a line ending in … is a prefix
	}{
		{"Phase", "ja", "なぜテストが多いの？", []string{
			"テスト工程は合計21.0人日で、見積り全体99.5人日の21.1%です。",
			"最も多いのは「結合テスト」の8.0人日です。",
			"「結合テスト」の見積りの根拠：結合テストは、画面約20・帳票10種類という回答を規模の前提とし、…",
			"前提：画面は約20、帳票は10種類とする。／本番環境はAWS上に構築する。",
		}},
		{"Phase", "en", "what does the design phase include?", []string{
			"The design phase takes 26.0 person-days in all, 26.1% of the estimate's 99.5 person-days.",
			"The largest part is “Basic design document”, with 12.0 person-days.",
			"Basis of the estimate of “Basic design document”: Basic design document: sized from the answer of about 20 screens…",
			"Assumptions: About 20 screens and 10 reports.; Production runs on AWS.",
		}},
		{"Line", "ja", "ユーザーマニュアルの根拠は？", []string{
			"「ユーザーマニュアル」は合計5.0人日（要件定義 0.0、設計 0.0、実装 0.0、テスト 0.0、ドキュメント 5.0）で、見積り全体99.5人日の5%です。",
			"「ユーザーマニュアル」の見積りの根拠：…",
			"前提：…",
		}},
		{"Line", "en", "Why does the user manual take so long?", []string{
			"“User manual” takes 5.0 person-days (requirements 0.0, design 0.0, implementation 0.0, testing 0.0, documentation 5.0), 5% of the estimate's 99.5 person-days.",
			"Basis of the estimate of “User manual”: User manual: sized…",
			"Assumptions: …",
		}},
		{"LineAndPhase", "en", "Why is there testing in the integration testing line at all?", []string{
			"The testing phase takes 21.0 person-days in all, 21.1% of the estimate's 99.5 person-days.",
			"Of these, “Integration testing” takes 8.0 person-days.",
			"Basis of the estimate of “Integration testing”: …",
			"Assumptions: …",
		}},
		{"Summary", "ja", "内訳は？", []string{
			"工程別の内訳は、要件定義 9.0人日（9%）、設計 26.0人日（26.1%）、実装 30.0人日（30.2%）、テスト 21.0人日（21.1%）、ドキュメント 13.5人日（13.6%）で、合計99.5人日です。",
		}},
		{"Summary", "en", "Can you explain the estimate?", []string{
			"By phase: requirements 9.0 person-days (9%), design 26.0 person-days (26.1%), implementation 30.0 person-days (30.2%), testing 21.0 person-days (21.1%), documentation 13.5 person-days (13.6%); 99.5 person-days in all.",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.lang, func(t *testing.T) {
			reply := offlineChat(t, tt.lang, tt.message)
			if reply.Kind != ChatAnswer || reply.Intent.Kind != IntentQuestion || reply.Proposals != nil {
				t.Errorf("reply = %+v", reply)
			}
			got := strings.Split(reply.Text, "\n")
			if len(got) != len(tt.want) {
				t.Fatalf("answer has %d lines, want %d:\n%s", len(got), len(tt.want), reply.Text)
			}
			for i, want := range tt.want {
				prefix, isPrefix := strings.CutSuffix(want, "…")
				if got[i] != want && !(isPrefix && strings.HasPrefix(got[i], prefix)) {
					t.Errorf("line %d = %q\nwant      %q", i+1, got[i], want)
				}
			}
			// The stored reasoning is quoted up to 200 characters, after a lead-in.
			for _, l := range got {
				if n := len([]rune(l)); n > answerReasoningRunes+60 {
					t.Errorf("line of %d characters: %q", n, l)
				}
			}
		})
	}
}

func TestOfflineChatOther(t *testing.T) {
	for lang, want := range map[string]string{"ja": chatHelpJA, "en": chatHelpEN} {
		reply := offlineChat(t, lang, "こんにちは")
		if reply.Kind != ChatOther || reply.Text != want || reply.Intent.Kind != IntentUnknown {
			t.Errorf("%s: reply = %+v", lang, reply)
		}
	}
}

// TestOfflineChatAdjust: a request to adjust comes back as its intent, with no text and no
// proposals; those are built from the intent by the estimate operations.
func TestOfflineChatAdjust(t *testing.T) {
	reply := offlineChat(t, "ja", "あと30万円ほど安くする案を教えて")
	want := Intent{Kind: IntentReduce, TargetDeltaMinor: -300000, Phase: -1, Amount: true}
	if reply.Kind != ChatAdjust || reply.Text != "" || reply.Proposals != nil || reply.Intent != want {
		t.Errorf("reply = %+v", reply)
	}
	if reply := offlineChat(t, "en", "remove the manuals"); reply.Kind != ChatAdjust || reply.Intent.Keyword != "manuals" {
		t.Errorf("reply = %+v", reply)
	}
}

func TestOfflineChatEdges(t *testing.T) {
	req := sampleChat("en")
	req.Lines, req.Message = nil, "why so expensive?"
	reply, _, err := NewOffline().Chat(context.Background(), req)
	if err != nil || reply.Text != "This estimate has no person-days yet." {
		t.Errorf("no lines: reply = %+v, err = %v", reply, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := NewOffline().Chat(ctx, req); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v", err)
	}
}
