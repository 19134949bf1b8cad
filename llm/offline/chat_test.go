package offline

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"estimator/estimate"
	"estimator/llm"
	"estimator/llm/internal/sample"
)

// offlineChat answers message about sample.Chat(lang) with the offline engine.
func offlineChat(t *testing.T, lang, message string) llm.ChatReply {
	t.Helper()
	req := sample.Chat(lang)
	req.Message = message
	reply, usage, err := New().Chat(context.Background(), req)
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
			"結合・総合テスト工程は合計21.0人日で、見積り全体99.5人日の21.1%です。",
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
			"「ユーザーマニュアル」は合計5.0人日（要件定義 0.0、設計 0.0、製造・単体テスト 0.0、結合・総合テスト 0.0、ドキュメント 5.0）で、見積り全体99.5人日の5%です。",
			"「ユーザーマニュアル」の見積りの根拠：…",
			"前提：…",
		}},
		{"Line", "en", "Why does the user manual take so long?", []string{
			"“User manual” takes 5.0 person-days (requirements 0.0, design 0.0, build and unit test 0.0, integration and system test 0.0, documentation 5.0), 5% of the estimate's 99.5 person-days.",
			"Basis of the estimate of “User manual”: User manual: sized…",
			"Assumptions: …",
		}},
		{"LineAndPhase", "en", "Why is there testing in the integration testing line at all?", []string{
			"The integration and system test phase takes 21.0 person-days in all, 21.1% of the estimate's 99.5 person-days.",
			"Of these, “Integration testing” takes 8.0 person-days.",
			"Basis of the estimate of “Integration testing”: …",
			"Assumptions: …",
		}},
		{"Summary", "ja", "内訳は？", []string{
			"工程別の内訳は、要件定義 9.0人日（9%）、設計 26.0人日（26.1%）、製造・単体テスト 30.0人日（30.2%）、結合・総合テスト 21.0人日（21.1%）、ドキュメント 13.5人日（13.6%）で、合計99.5人日です。",
		}},
		{"Summary", "en", "Can you explain the estimate?", []string{
			"By phase: requirements 9.0 person-days (9%), design 26.0 person-days (26.1%), build and unit test 30.0 person-days (30.2%), integration and system test 21.0 person-days (21.1%), documentation 13.5 person-days (13.6%); 99.5 person-days in all.",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.lang, func(t *testing.T) {
			reply := offlineChat(t, tt.lang, tt.message)
			if reply.Kind != llm.ChatAnswer || reply.Intent.Kind != llm.IntentQuestion || reply.Proposals != nil {
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
		if reply.Kind != llm.ChatOther || reply.Text != want || reply.Intent.Kind != llm.IntentUnknown {
			t.Errorf("%s: reply = %+v", lang, reply)
		}
	}
}

// TestOfflineChatAdjust: every request to adjust listed for the chat gets cards built by the
// estimate operations, and a card that names an amount moves the subtotal by about that amount.
func TestOfflineChatAdjust(t *testing.T) {
	tests := []struct {
		lang, message string
		cards         int
		target        int64 // Δ subtotal the cards aim at; 0 when the request names none
	}{
		{"ja", "あと30万円ほど安くする案を教えて", 3, -300000},
		{"ja", "30万円安く", 3, -300000},
		{"ja", "300,000円下げたい", 3, -300000},
		{"ja", "あと1割下げて", 3, 0},
		{"ja", "¥200k cheaper", 3, -200000},
		{"en", "$2,000 less", 3, -200000},
		{"en", "make it $2,000 cheaper", 3, -200000},
		{"en", "make it 20% cheaper", 3, 0},
		{"ja", "100万円アップ", 3, 1000000},
		{"ja", "テストを手厚く", 2, 0},
		{"en", "strengthen the testing", 2, 0},
		{"en", "add load testing", 1, 0},
		{"ja", "負荷テストを追加して", 1, 0},
		{"en", "remove the manuals", 1, 0},
		{"ja", "マニュアルを外して", 1, 0},
		{"ja", "単価を5万円に", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.message, func(t *testing.T) {
			req := sample.Chat(tt.lang)
			req.Message = tt.message
			reply, _, err := New().Chat(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if reply.Kind != llm.ChatAdjust || len(reply.Proposals) != tt.cards || reply.Text == "" {
				t.Fatalf("reply = %+v, want %d cards", reply, tt.cards)
			}
			doc := chatDocument(req)
			before, err := doc.Totals()
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range reply.Proposals {
				if p.Title == "" || p.Description == "" {
					t.Errorf("card %d has no title or description: %+v", i+1, p)
				}
				after, err := applyChatProposal(doc, p)
				if err != nil {
					t.Fatalf("card %d: %v", i+1, err)
				}
				delta := after.SubtotalMinor - before.SubtotalMinor
				if tt.target != 0 && abs(delta-tt.target) > abs(tt.target)/5 {
					t.Errorf("card %d %q moves the subtotal by %d, want about %d", i+1, p.Title, delta, tt.target)
				}
				if tt.target == 0 && delta == 0 && p.UnitCostMinor == 0 {
					t.Errorf("card %d %q changes nothing", i+1, p.Title)
				}
			}
		})
	}
}

// applyChatProposal applies an engine's proposal to the document it was made for, as the jobs do.
func applyChatProposal(doc estimate.Document, p llm.Proposal) (estimate.Totals, error) {
	ep := estimate.Proposal{DiscountMinor: p.DiscountMinor, UnitCostMinor: p.UnitCostMinor}
	for _, c := range p.Changes {
		ep.Changes = append(ep.Changes, estimate.LineChange{Key: strconv.Itoa(c.Position), Remove: c.Remove, Phases: c.Phases})
	}
	for i, a := range p.Additions {
		ep.Additions = append(ep.Additions, estimate.NewLine{Key: "new-" + strconv.Itoa(i), Name: a.Name, Phases: a.Phases, Source: estimate.SourceOffline})
	}
	out, err := doc.Apply(ep)
	if err != nil {
		return estimate.Totals{}, err
	}
	return out.Totals()
}

func TestOfflineChatCannotPrice(t *testing.T) {
	for _, msg := range []string{"remove the spaceship", "安くして"} {
		if reply := offlineChat(t, "ja", msg); reply.Kind != llm.ChatOther || reply.Text == "" || reply.Proposals != nil {
			t.Errorf("%q: reply = %+v", msg, reply)
		}
	}
}

func TestOfflineChatEdges(t *testing.T) {
	req := sample.Chat("en")
	req.Lines, req.Message = nil, "why so expensive?"
	reply, _, err := New().Chat(context.Background(), req)
	if err != nil || reply.Text != "This estimate has no person-days yet." {
		t.Errorf("no lines: reply = %+v, err = %v", reply, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := New().Chat(ctx, req); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v", err)
	}
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
