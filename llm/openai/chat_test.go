package openai

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"estimator/llm"
	"estimator/llm/internal/sample"
)

// sampleChatConversation is the conversation Chat sends for req.
func sampleChatConversation(o *Engine, req llm.ChatRequest) (conversation, error) {
	factor, _ := minorPerMajor(req.Currency)
	return o.chatConversation(req, llm.ParseIntent(req.Message, req.Currency, req.Totals.SubtotalMinor), factor)
}

// validChat is a valid adjust answer to sample.Chat("ja"): three proposals using every kind of
// change. Its target_change differs from the message's ¥300,000 on purpose.
const validChat = `{"kind":"adjust","reply":"ご要望に沿って3つの案を用意しました。","target_change":-250000,"proposals":[
{"title":"マニュアルの簡素化","description":"運用マニュアルを手順書に絞り、ユーザーマニュアルは画面ヘルプで代替します。","changes":[
 {"position":8,"phases":{"requirements":0,"design":0,"implementation":0,"testing":0,"documentation":2.5},"remove":false,"reason":"運用手順を主要な作業に絞るため。"},
 {"position":9,"phases":{"requirements":0,"design":0,"implementation":0,"testing":0,"documentation":0},"remove":true,"reason":"画面ヘルプで代替するため。"}],
 "additions":[],"discount":0,"unit_cost":0},
{"title":"画面ヘルプへの置き換え","description":"ユーザーマニュアルを外し、主要画面のヘルプを作成します。","changes":[
 {"position":9,"phases":{"requirements":0,"design":0,"implementation":0,"testing":0,"documentation":5},"remove":true,"reason":"画面ヘルプで代替するため。"}],
 "additions":[{"name":"画面ヘルプ","description":"主要10画面の操作ヘルプ","phases":{"requirements":0,"design":0.5,"implementation":1,"testing":0,"documentation":1.5},"reason":"マニュアルの代わりに最低限の操作説明を残すため。"}],
 "discount":50000,"unit_cost":0},
{"title":"単価の見直し","description":"体制を見直し、人日単価を下げます。","changes":[],"additions":[],"discount":0,"unit_cost":37000}]}`

func TestOpenAIChatAdjust(t *testing.T) {
	f := newFakeAPI(t, fakeAnswer(validChat))
	e := newTestEngine(t, f, nil)
	reply, usage, err := e.Chat(context.Background(), sample.Chat("ja"))
	if err != nil {
		t.Fatal(err)
	}
	if usage.InputTokens != 100 || usage.OutputTokens != 20 {
		t.Errorf("usage = %+v", usage)
	}
	if reply.Kind != llm.ChatAdjust || reply.Text != "ご要望に沿って3つの案を用意しました。" || len(reply.Proposals) != 3 {
		t.Fatalf("reply = %+v", reply)
	}
	// Go read ¥300,000 in the message, so the model's own reading (¥250,000) is not used.
	if in := reply.Intent; in.Kind != llm.IntentReduce || in.TargetDeltaMinor != -300000 || !in.Amount {
		t.Errorf("intent = %+v", in)
	}
	p0, p1, p2 := reply.Proposals[0], reply.Proposals[1], reply.Proposals[2]
	want0 := []llm.LineChange{
		{Position: 8, Phases: [5]int64{0, 0, 0, 0, 25}, Reason: "運用手順を主要な作業に絞るため。"},
		{Position: 9, Remove: true, Reason: "画面ヘルプで代替するため。"},
	}
	if p0.Title != "マニュアルの簡素化" || !slices.Equal(p0.Changes, want0) || len(p0.Additions) != 0 || p0.DiscountMinor != 0 || p0.UnitCostMinor != 0 {
		t.Errorf("proposal 0 = %+v", p0)
	}
	wantAdd := llm.LineAddition{Name: "画面ヘルプ", Description: "主要10画面の操作ヘルプ", Phases: [5]int64{0, 5, 10, 0, 15},
		Reason: "マニュアルの代わりに最低限の操作説明を残すため。"}
	if len(p1.Additions) != 1 || p1.Additions[0] != wantAdd || p1.DiscountMinor != 50000 || p1.Changes[0].Phases != [5]int64{} {
		t.Errorf("proposal 1 = %+v", p1)
	}
	if p2.UnitCostMinor != 37000 || len(p2.Changes) != 0 {
		t.Errorf("proposal 2 = %+v", p2)
	}

	r := f.requests()[0]
	checkChatRequest(t, r, "chat")
	_, contents := r.messages(t)
	last := contents[2]
	if strings.Contains(last, "\n  ") {
		t.Errorf("the chat data is indented:\n%s", last)
	}
	for _, want := range []string{
		`"parsed_request":{"kind":"reduce","target_change":-300000,"target_change_person_days":-7.5}`,
		`"pos":4,"name":"プログラム開発","days":[0.0,2.0,30.0,0.0,0.0],"unit_cost":40000,"confidence":"medium"`,
		`"totals":{"person_days":99.5,"lines":3980000,"contingency_percent":10.00,"contingency":398000,"discount":0,"subtotal":4378000,"tax_rate_percent":10.00,"tax":437800,"total":4815800}`,
		`"message":"あと30万円ほど安くする案を教えて"`,
	} {
		if !strings.Contains(last, want) {
			t.Errorf("the last message lacks %s:\n%s", want, last)
		}
	}
}

// TestOpenAIChatDollars: amounts go to the model in dollars and come back in cents.
func TestOpenAIChatDollars(t *testing.T) {
	f := newFakeAPI(t, fakeAnswer(`{"kind":"adjust","reply":"One option.","target_change":-3000,"proposals":[
{"title":"Discount","description":"A special discount.","changes":[],"additions":[],"discount":2999.50,"unit_cost":480.25}]}`))
	e := newTestEngine(t, f, nil)
	reply, _, err := e.Chat(context.Background(), sample.Chat("en"))
	if err != nil {
		t.Fatal(err)
	}
	if p := reply.Proposals[0]; p.DiscountMinor != 299950 || p.UnitCostMinor != 48025 {
		t.Errorf("proposal = %+v", p)
	}
	if reply.Intent.TargetDeltaMinor != -300000 {
		t.Errorf("intent = %+v", reply.Intent)
	}
	_, contents := f.requests()[0].messages(t)
	for _, want := range []string{`"target_change":-3000.00`, `"unit_cost":500.00`, `"subtotal":54725.00`} {
		if !strings.Contains(contents[2], want) {
			t.Errorf("the last message lacks %s", want)
		}
	}
}

// TestOpenAIChatModelTarget: without an amount in the message, the model's target is used,
// and a message Go could not classify takes its direction from it.
func TestOpenAIChatModelTarget(t *testing.T) {
	for _, tc := range []struct {
		lang, message, target string
		want                  llm.Intent
	}{
		{"ja", "もう少し安くして", "-200000", llm.Intent{Kind: llm.IntentReduce, TargetDeltaMinor: -200000, Phase: -1}},
		{"en", "something cheaper for the client", "-2000.50", llm.Intent{Kind: llm.IntentReduce, TargetDeltaMinor: -200050, Phase: -1}},
		{"en", "the client has a bigger budget now", "5000", llm.Intent{Kind: llm.IntentIncrease, TargetDeltaMinor: 500000, Phase: -1}},
		{"ja", "例の件、よろしく", "-100000", llm.Intent{Kind: llm.IntentReduce, TargetDeltaMinor: -100000, Phase: -1}},
	} {
		answer := `{"kind":"adjust","reply":"r","target_change":` + tc.target + `,"proposals":[{"title":"t","description":"d",` +
			`"changes":[],"additions":[],"discount":1,"unit_cost":0}]}`
		f := newFakeAPI(t, fakeAnswer(answer))
		req := sample.Chat(tc.lang)
		req.Message = tc.message
		reply, _, err := newTestEngine(t, f, nil).Chat(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if reply.Intent != tc.want {
			t.Errorf("%q: intent = %+v, want %+v", tc.message, reply.Intent, tc.want)
		}
	}
}

func TestOpenAIChatAnswer(t *testing.T) {
	f := newFakeAPI(t, fakeAnswer(`{"kind":"answer","reply":"結合テストでCSV連携を確認するためです。","target_change":-5000,"proposals":[]}`))
	req := sample.Chat("ja")
	req.Message = "なぜテストが多いの？"
	reply, _, err := newTestEngine(t, f, nil).Chat(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	// The target of an answer means nothing and is dropped.
	want := llm.ChatReply{Kind: llm.ChatAnswer, Text: "結合テストでCSV連携を確認するためです。", Intent: llm.Intent{Kind: llm.IntentQuestion, Phase: -1}}
	if reply.Kind != want.Kind || reply.Text != want.Text || reply.Intent != want.Intent || reply.Proposals != nil {
		t.Errorf("reply = %+v, want %+v", reply, want)
	}
}

// TestOpenAIChatMasksFigures: amounts the model writes never reach the user.
func TestOpenAIChatMasksFigures(t *testing.T) {
	answer := `{"kind":"adjust","reply":"合計¥4,378,000から約30万円下げる案です。","target_change":0,"proposals":[
{"title":"300,000円の削減","description":"ユーザーマニュアル(5人日、20%)を外し、＄１，２００と1億2000万円を節約。","changes":[
 {"position":9,"phases":{"requirements":0,"design":0,"implementation":0,"testing":0,"documentation":0},"remove":true,"reason":"200,000円の削減。"}],
 "additions":[],"discount":0,"unit_cost":0}]}`
	f := newFakeAPI(t, fakeAnswer(answer))
	reply, _, err := newTestEngine(t, f, nil).Chat(context.Background(), sample.Chat("ja"))
	if err != nil {
		t.Fatal(err)
	}
	p := reply.Proposals[0]
	got := []string{reply.Text, p.Title, p.Description, p.Changes[0].Reason}
	want := []string{"合計（金額は下記のとおり）から約（金額は下記のとおり）下げる案です。", "（金額は下記のとおり）の削減",
		"ユーザーマニュアル(5人日、20%)を外し、（金額は下記のとおり）と（金額は下記のとおり）を節約。", "（金額は下記のとおり）の削減。"}
	if !slices.Equal(got, want) {
		t.Errorf("texts = %q\nwant    %q", got, want)
	}
}

func TestMaskMoney(t *testing.T) {
	for in, want := range map[string]string{
		"Cut $3,000 (about 7.5 person-days, 20%).":         "Cut (see the figures below) (about 7.5 person-days, 20%).",
		"From $54,725.00 to $51.7k":                        "From (see the figures below) to (see the figures below)",
		"Saves 2,000 dollars, or 300000 yen, or USD 1,500": "Saves (see the figures below), or (see the figures below), or (see the figures below)",
		"A discount of 500 USD and ¥1.2M, 3 lines":         "A discount of (see the figures below) and (see the figures below), 3 lines",
		"Testing drops to 12.5 person-days in 3 lines.":    "Testing drops to 12.5 person-days in 3 lines.",
		"-$1,000 overall":                                  "(see the figures below) overall",
	} {
		if got := maskMoney(in, "en"); got != want {
			t.Errorf("maskMoney(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"３０万円と300ドルと1億円":  "（金額は下記のとおり）と（金額は下記のとおり）と（金額は下記のとおり）",
		"テストを20%、7.5人日削減": "テストを20%、7.5人日削減",
		"▲30万円":           "（金額は下記のとおり）",
	} {
		if got := maskMoney(in, "ja"); got != want {
			t.Errorf("maskMoney(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOpenAIChatRepair: an answer naming a line that does not exist is sent back once, with
// what is wrong, and the corrected answer is used.
func TestOpenAIChatRepair(t *testing.T) {
	bad := `{"kind":"adjust","reply":"r","target_change":0,"proposals":[{"title":"t","description":"d","changes":[` +
		`{"position":42,"phases":{"requirements":0,"design":0,"implementation":1,"testing":0,"documentation":0},"remove":false,"reason":"r"}],` +
		`"additions":[],"discount":0,"unit_cost":0}]}`
	f := newFakeAPI(t, fakeAnswer(bad), fakeAnswer(validChat))
	reply, usage, err := newTestEngine(t, f, nil).Chat(context.Background(), sample.Chat("ja"))
	if err != nil {
		t.Fatal(err)
	}
	if len(reply.Proposals) != 3 || usage.InputTokens != 200 {
		t.Errorf("reply = %+v, usage = %+v", reply, usage)
	}
	reqs := f.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want the answer and one repair", len(reqs))
	}
	roles, contents := reqs[1].messages(t)
	if !slices.Equal(roles, []string{"system", "user", "user", "assistant", "user"}) || contents[3] != bad {
		t.Errorf("repair conversation roles = %v", roles)
	}
	if !strings.Contains(contents[4], "proposals[0].changes[0].position = 42 is not a pos of the current estimate") {
		t.Errorf("the repair message does not say what is wrong: %s", contents[4])
	}
}

func TestOpenAIChatInvalid(t *testing.T) {
	proposal := func(changes, additions, discount, unitCost string) string {
		return `{"title":"t","description":"d","changes":[` + changes + `],"additions":[` + additions + `],"discount":` + discount + `,"unit_cost":` + unitCost + `}`
	}
	answer := func(kind string, proposals ...string) string {
		return `{"kind":"` + kind + `","reply":"r","target_change":0,"proposals":[` + strings.Join(proposals, ",") + `]}`
	}
	change := func(pos, impl string, remove bool) string {
		return `{"position":` + pos + `,"phases":{"requirements":0,"design":0,"implementation":` + impl + `,"testing":0,"documentation":0},"remove":` +
			strconv.FormatBool(remove) + `,"reason":"r"}`
	}
	addition := `{"name":"n","description":"d","phases":{"requirements":0,"design":0,"implementation":1,"testing":0,"documentation":0},"reason":"r"}`
	ok := proposal(change("8", "1", false), "", "0", "0")
	cases := map[string]string{
		"answer with proposals": answer("answer", ok),
		"other with proposals":  answer("other", ok),
		"adjust without":        answer("adjust"),
		"four proposals":        answer("adjust", ok, ok, ok, ok),
		"bad kind":              answer("negotiate", ok),
		"empty reply":           `{"kind":"answer","reply":" ","target_change":0,"proposals":[]}`,
		"long reply":            `{"kind":"answer","reply":"` + strings.Repeat("あ", 2001) + `","target_change":0,"proposals":[]}`,
		"unknown position":      answer("adjust", proposal(change("42", "1", false), "", "0", "0")),
		"position twice":        answer("adjust", proposal(change("8", "1", false)+","+change("8", "0", true), "", "0", "0")),
		"no effort":             answer("adjust", proposal(change("8", "0", false), "", "0", "0")),
		"two decimals":          answer("adjust", proposal(change("8", "1.25", false), "", "0", "0")),
		"over 500 days":         answer("adjust", proposal(change("8", "500.1", false), "", "0", "0")),
		"four additions":        answer("adjust", proposal("", strings.Repeat(addition+",", 3)+addition, "0", "0")),
		"empty addition":        answer("adjust", proposal("", strings.Replace(addition, `"implementation":1`, `"implementation":0`, 1), "0", "0")),
		"nothing":               answer("adjust", proposal("", "", "0", "0")),
		"yen fraction":          answer("adjust", proposal("", "", "1000.5", "0")),
		"negative discount":     answer("adjust", proposal("", "", "-1000", "0")),
		"discount over total":   answer("adjust", proposal("", "", "4378001", "0")),
		"unit cost too high":    answer("adjust", proposal("", "", "0", "10000001")),
		"exponent":              answer("adjust", proposal("", "", "1e3", "0")),
		"long title":            answer("adjust", strings.Replace(ok, `"title":"t"`, `"title":"`+strings.Repeat("t", 101)+`"`, 1)),
		"bad target":            `{"kind":"answer","reply":"r","target_change":-0.5,"proposals":[]}`,
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			f := newFakeAPI(t, fakeAnswer(content), fakeAnswer(content))
			_, _, err := newTestEngine(t, f, nil).Chat(context.Background(), sample.Chat("ja"))
			if errKind(t, err) != llm.KindInvalidAnswer {
				t.Errorf("err = %v, want invalid_answer", err)
			}
			if n := len(f.requests()); n != 2 {
				t.Errorf("%d requests, want the answer and one repair", n)
			}
		})
	}
}

func TestOpenAIChatRejected(t *testing.T) {
	req := sample.Chat("ja")
	req.Currency = "EUR"
	_, _, err := newTestEngine(t, newFakeAPI(t), nil).Chat(context.Background(), req)
	if errKind(t, err) != llm.KindRejected {
		t.Errorf("err = %v, want rejected", err)
	}
}

// TestOpenAIChatSharedPrefix: every turn of a task's chat starts with the same system prompt
// and shared context, so a provider's prompt cache serves them; only the last message differs.
func TestOpenAIChatSharedPrefix(t *testing.T) {
	o := promptEngine(t, "")
	a, err := sampleChatConversation(o, sample.Chat("ja"))
	if err != nil {
		t.Fatal(err)
	}
	next := sample.Chat("ja")
	next.History = append(next.History, llm.ChatTurn{Role: llm.ChatRoleUser, Content: next.Message}, llm.ChatTurn{Role: llm.ChatRoleAssistant, Content: "3つの案を用意しました。"})
	next.Message = "テストを手厚く"
	b, err := sampleChatConversation(o, next)
	if err != nil {
		t.Fatal(err)
	}
	if a.messages[0].Content != b.messages[0].Content || a.messages[1].Content != b.messages[1].Content {
		t.Error("the system prompt or the shared context differs between turns")
	}
	if a.messages[2].Content == b.messages[2].Content {
		t.Error("the last message does not carry the turn")
	}
}

// TestOpenAIChatPromptSize measures the per-turn message of a revision of nine lines after
// ten turns. The bound is about 2,000 tokens, what a few proposals cost to write: Japanese
// takes about a token a character, so 6,000 characters leave room; English about four
// characters a token, so 8,000 are still fewer tokens than the Japanese. Every text in the
// message is bounded (chat_data.go), so even when every text is far longer than
// anyone writes, the message stays within what those bounds add up to.
func TestOpenAIChatPromptSize(t *testing.T) {
	o := promptEngine(t, "")
	for lang, bound := range map[string]int{"ja": 6000, "en": 8000} {
		c, err := sampleChatConversation(o, sample.Chat(lang))
		if err != nil {
			t.Fatal(err)
		}
		n := len([]rune(c.messages[2].Content))
		t.Logf("%s: last message %d characters, system prompt %d", lang, n, len([]rune(c.messages[0].Content)))
		if n >= bound {
			t.Errorf("%s: the last message has %d characters, want < %d", lang, n, bound)
		}
	}

	req := sample.Chat("ja")
	long := strings.Repeat("長", 5000)
	for i := range req.Lines {
		ln := &req.Lines[i]
		ln.Name, ln.Description, ln.Reasoning = strings.Repeat("名", 100), long, long
		ln.Assumptions, ln.Risks = slices.Repeat([]string{long}, 8), slices.Repeat([]string{long}, 8)
	}
	for i := range 50 {
		req.History = append(req.History, llm.ChatTurn{Role: llm.ChatRoleUser, Content: long + string(rune('0'+i%10))})
	}
	req.Message = long
	c, err := sampleChatConversation(o, req)
	if err != nil {
		t.Fatal(err)
	}
	var data struct {
		History chatHistoryJSON `json:"history"`
	}
	_, block, _ := strings.Cut(c.messages[2].Content, "<data>\n")
	if err := json.Unmarshal([]byte(strings.TrimSuffix(block, "\n</data>")), &data); err != nil {
		t.Fatal(err)
	}
	// Per line: the name, the cut description, reasoning and lists, and 200 for the keys and
	// figures; per turn: the cut text and its role; then the message, and 1,000 for the
	// totals, the parsed request and the keys around them.
	perLine := 100 + 2*chatTextRunes + 2*chatListItems*chatItemRunes + 200
	bound := len(req.Lines)*perLine + chatRecentTurns*(chatRecentRunes+30) +
		(chatHistoryTurns-chatRecentTurns)*(chatOlderRunes+5) + chatMessageRunes + 1000
	n := len([]rune(c.messages[2].Content))
	t.Logf("at the longest: last message %d characters, bound %d", n, bound)
	if n > bound {
		t.Errorf("at the longest, the last message has %d characters, more than the bounds allow (%d)", n, bound)
	}
	if h := data.History; h.Omitted != 40 || len(h.Earlier) != 16 || len(h.Recent) != 4 {
		t.Errorf("history: %d omitted, %d earlier, %d recent; want 40, 16, 4", h.Omitted, len(h.Earlier), len(h.Recent))
	}
}
