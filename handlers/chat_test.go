package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"estimator/estimate"
)

// nearTarget reports whether delta is within the tolerance (±20 %) of target, the promise a
// card makes when the user named an amount.
func nearTarget(delta, target int64) bool {
	diff := delta - target
	return diff*diff*25 <= target*target
}

// checkCards checks what every card promises: its data-total-minor is the total it shows, and
// the total is its subtotal plus tax.
func checkCards(t *testing.T, cards []chatCard) {
	t.Helper()
	for _, c := range cards {
		if c.totalMinor != c.total || c.total != c.subtotal+c.tax {
			t.Errorf("card %s: data-total-minor %d, total %d, subtotal %d + tax %d", c.id, c.totalMinor, c.total, c.subtotal, c.tax)
		}
	}
}

// offered starts an environment with the offline engine, asks message about a new sample task
// in lang and returns the reply's cards, which must be n and keep their promises.
func offered(t *testing.T, lang, message string, n int) (*testEnv, string, []chatCard) {
	t.Helper()
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	path := e.chatSample(t, lang)
	cards := cardsOf(t, e.ask(t, path, message))
	if len(cards) != n {
		t.Fatalf("%d cards for %q, want %d", len(cards), message, n)
	}
	checkCards(t, cards)
	return e, path, cards
}

// htmxDestination is where a successful htmx POST sends the browser: HX-Redirect, or the path
// of HX-Location.
func htmxDestination(t *testing.T, resp *http.Response) string {
	t.Helper()
	if to := resp.Header.Get("HX-Redirect"); to != "" {
		return to
	}
	var loc struct{ Path string }
	if err := json.Unmarshal([]byte(resp.Header.Get("HX-Location")), &loc); err != nil {
		t.Errorf("neither HX-Redirect nor HX-Location: %v", resp.Header)
	}
	return loc.Path
}

// replyText is what the assistant says in a reply.
func replyText(li *goquery.Selection) string {
	return strings.TrimSpace(li.Find("p.pre-line").First().Text())
}

// TestChatOfflineReduceAndApply follows one negotiation with the offline rules through the real
// router: the message comes back as a polling panel (htmx) or a 303 (plain), the reply brings
// three cards that each take about ¥300,000 off, and applying one makes revision 2 whose total
// is exactly the card's.
func TestChatOfflineReduceAndApply(t *testing.T) {
	e := newTestEnv(t, nil)
	stop := e.chatWorkers(t)
	path := e.chatSample(t, "ja")
	stop() // so that the reply is still pending when the panel comes back
	id := strings.TrimPrefix(path, "/tasks/")
	before := e.taskPage(t, path)
	subtotal := minor(t, before.Find("#subtotal"))

	const message = "あと30万円ほど安くする案を教えて"
	resp, body := e.say(t, path, 1, message, "HX-Request: true")
	wantStatus(t, resp, http.StatusOK)
	if strings.Contains(body, "<html") {
		t.Errorf("htmx message: want the fragment alone:\n%s", body)
	}
	panel := parseHTML(t, body).Find("section#chat")
	if panel.AttrOr("hx-get", "") != path+"/chat" || panel.AttrOr("hx-trigger", "") != "every 1s" || panel.AttrOr("hx-swap", "") != "outerHTML" {
		t.Errorf("the panel does not poll while the reply is pending: %v", panel.Nodes[0].Attr)
	}
	if got := strings.TrimSpace(panel.Find(`li[data-role="user"] p.pre-line`).Text()); got != message {
		t.Errorf("the user's message shows as %q", got)
	}
	if panel.Find(`li[data-message][data-role="assistant"][data-status="pending"]`).Length() != 1 {
		t.Fatalf("no pending reply in the panel:\n%s", body)
	}

	resp, _ = e.say(t, path, 1, message)
	wantStatus(t, resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != path+"#chat" {
		t.Errorf("plain message: Location %q", loc)
	}
	e.startWorkers(t)
	e.waitReplies(t, path)
	panel = e.chatPanel(t, path)
	if _, polling := panel.Attr("hx-trigger"); polling {
		t.Error("the panel keeps polling once every reply is written")
	}
	replies := panel.Find(`li[data-role="assistant"][data-status="done"]`)
	if replies.Length() != 2 {
		t.Fatalf("%d replies done, want 2", replies.Length())
	}
	cards := cardsOf(t, replies.Last())
	if len(cards) != 3 {
		t.Fatalf("%d cards, want 3", len(cards))
	}
	checkCards(t, cards)
	for _, c := range cards {
		if !nearTarget(c.delta, -300000) || c.subtotal-c.delta != subtotal || c.base != "1" || !c.applyForm {
			t.Errorf("card %s: delta %d (want -300,000 ± 20 %%), subtotal %d from %d, base %s", c.id, c.delta, c.subtotal, subtotal, c.base)
		}
	}

	chosen := cards[1]
	resp, _ = e.applyCard(t, path, chosen)
	wantStatus(t, resp, http.StatusSeeOther)
	doc := e.taskPage(t, path)
	if rev := doc.Find("main").AttrOr("data-revision", ""); rev != "2" {
		t.Errorf("after applying: data-revision %q, want 2", rev)
	}
	if got := minor(t, doc.Find("#total")); got != chosen.totalMinor {
		t.Errorf("total %d after applying, the card said %d", got, chosen.totalMinor)
	}
	_, history := e.get(t, path+"/revisions")
	row := parseHTML(t, history).Find(`tr[data-revision="2"]`)
	if !strings.Contains(row.Text(), "提案を適用") || minor(t, row.Find(`[data-field="total"]`)) != chosen.totalMinor {
		t.Errorf("revision 2 in the history: %q", strings.Join(strings.Fields(row.Text()), " "))
	}
	after := cardsOf(t, doc.Find("#chat li[data-message]").Last())
	applied := doc.Find(`article[data-proposal="` + chosen.id + `"]`)
	if after[1].applyForm || !applied.HasClass("proposal-applied") || !strings.Contains(applied.Find(".badge-current").Text(), "改訂 2 として適用済み") {
		t.Errorf("the applied card does not say so: %q", applied.Text())
	}
	if !after[0].applyForm || !strings.Contains(after[0].text, "現在は改訂 2") {
		t.Errorf("an open card on revision 1 does not say it is stale: %q", after[0].text)
	}
	if msgs, _ := e.store.ChatMessages(context.Background(), id); len(msgs) != 4 {
		t.Errorf("%d messages stored, want 2 turns", len(msgs))
	}
}

// TestChatOfflineEnglish: a dollar task reads "$2,000" in cents.
func TestChatOfflineEnglish(t *testing.T) {
	e, path, cards := offered(t, "en", "make it $2,000 cheaper", 3)
	for _, c := range cards {
		if !nearTarget(c.delta, -200000) {
			t.Errorf("card %s: delta %d cents, want -200,000 ± 20 %%", c.id, c.delta)
		}
	}
	resp, _ := e.applyCard(t, path, cards[2], "HX-Request: true")
	wantStatus(t, resp, http.StatusOK)
	if to := htmxDestination(t, resp); to != path && to != path+"#result" {
		t.Errorf("htmx apply: sends the browser to %q", to)
	}
	if got := minor(t, e.taskPage(t, path).Find("#total")); got != cards[2].totalMinor {
		t.Errorf("total %d after applying, the card said %d", got, cards[2].totalMinor)
	}
}

// TestChatOfflinePhrases: each kind of request the rules understand gets its cards (or none)
// and its reply, on the Japanese and the English sample.
func TestChatOfflinePhrases(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	paths := map[string]string{"ja": e.chatSample(t, "ja"), "en": e.chatSample(t, "en")}
	subtotals := map[string]int64{}
	for lang, path := range paths {
		subtotals[lang] = minor(t, e.taskPage(t, path).Find("#subtotal"))
	}
	for _, tc := range []struct {
		lang, message, reply string
		cards                int
		check                func(t *testing.T, c chatCard, li *goquery.Selection)
	}{
		{"ja", "テストを手厚く", "強化の案を用意しました。", 2, func(t *testing.T, c chatCard, _ *goquery.Selection) {
			if c.delta <= 0 || c.changedRows == 0 {
				t.Errorf("card %s: delta %d over %d lines, want more testing", c.id, c.delta, c.changedRows)
			}
		}},
		{"en", "add load testing", "Here is the change.", 1, func(t *testing.T, c chatCard, li *goquery.Selection) {
			added := li.Find(`article[data-proposal="` + c.id + `"] tr[data-change="added"]`)
			if c.delta <= 0 || added.Length() != 1 || !strings.Contains(added.Text(), "Load testing") {
				t.Errorf("card %s: delta %d, added %q", c.id, c.delta, added.Text())
			}
		}},
		{"en", "remove the manuals", "Here is the change.", 1, func(t *testing.T, c chatCard, li *goquery.Selection) {
			removed := li.Find(`article[data-proposal="` + c.id + `"] tr[data-change="removed"]`)
			if c.delta >= 0 || removed.Length() != 1 || !strings.Contains(removed.Text(), "Operations Manual") {
				t.Errorf("card %s: delta %d, removed %q", c.id, c.delta, removed.Text())
			}
		}},
		{"ja", "単価を5万円に", "次の案を用意しました。", 1, func(t *testing.T, c chatCard, _ *goquery.Selection) {
			// Every line is at ¥40,000 and there is no contingency: the subtotal grows by 5/4.
			if c.subtotal != subtotals["ja"]*5/4 || !strings.Contains(c.text, "人日単価を ¥50,000 に変更") {
				t.Errorf("card %s: subtotal %d, want %d", c.id, c.subtotal, subtotals["ja"]*5/4)
			}
		}},
		{"ja", "なぜテストが多いの？", "結合・総合テスト工程は合計", 0, nil},
		{"ja", "こんにちは", "見積りの調整の依頼や、見積りについての質問ができます。", 0, nil},
	} {
		t.Run(tc.lang+" "+tc.message, func(t *testing.T) {
			li := e.ask(t, paths[tc.lang], tc.message)
			if got := replyText(li); !strings.HasPrefix(got, tc.reply) {
				t.Errorf("reply %q, want it to start with %q", got, tc.reply)
			}
			cards := cardsOf(t, li)
			if len(cards) != tc.cards {
				t.Fatalf("%d cards, want %d", len(cards), tc.cards)
			}
			checkCards(t, cards)
			for _, c := range cards {
				tc.check(t, c, li)
			}
		})
	}
}

// TestChatStaleCard: a card whose base is no longer current is refused with a way to recompute
// it on the current revision, without a model call; the recomputed card applies exactly.
func TestChatStaleCard(t *testing.T) {
	e, path, cards := offered(t, "ja", "あと30万円ほど安くする案を教えて", 3)
	wantStatus(t, first(e.applyCard(t, path, cards[1])), http.StatusSeeOther)
	resp, _ := e.postValues(t, path+"/adjust", url.Values{"action": {"contingency"}, "percent": {"10"}, "base": {"2"}})
	wantStatus(t, resp, http.StatusSeeOther)

	recompute := path + "/proposals/" + cards[0].id + "/recompute"
	resp, body := e.applyCard(t, path, cards[0])
	wantStatus(t, resp, http.StatusConflict)
	conflict := parseHTML(t, body).Find("#conflict")
	if conflict.Length() != 1 || conflict.Find(`form[method="post"][action="`+recompute+`"]`).Length() != 1 {
		t.Fatalf("409 without a form recomputing the card:\n%s", body)
	}
	if e.currentRevision(t, path) != 3 {
		t.Fatal("a stale card changed the estimate")
	}
	resp, body = e.applyCard(t, path, cards[0], "HX-Request: true")
	wantStatus(t, resp, http.StatusConflict)
	if resp.Header.Get("HX-Retarget") != "#estimate" || parseHTML(t, body).Find(`section#estimate #conflict form[action="`+recompute+`"]`).Length() != 1 {
		t.Errorf("htmx 409: HX-Retarget %q, body %s", resp.Header.Get("HX-Retarget"), body)
	}

	replies := e.chatPanel(t, path).Find(`li[data-role="assistant"]`).Length()
	resp, _ = e.postValues(t, recompute, nil)
	wantStatus(t, resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != path+"#chat" {
		t.Errorf("recompute: Location %q", loc)
	}
	panel := e.chatPanel(t, path)
	if n := panel.Find(`li[data-role="assistant"]`).Length(); n != replies+1 {
		t.Fatalf("%d replies after recomputing, want %d", n, replies+1)
	}
	last := panel.Find("li[data-message]").Last()
	again := cardsOf(t, last)
	if last.AttrOr("data-role", "") != "assistant" || len(again) != 1 || again[0].base != "3" || !again[0].applyForm {
		t.Fatalf("the recomputed reply: %d cards %+v", len(again), again)
	}
	checkCards(t, again)
	resp, _ = e.applyCard(t, path, again[0])
	wantStatus(t, resp, http.StatusSeeOther)
	doc := e.taskPage(t, path)
	if doc.Find("main").AttrOr("data-revision", "") != "4" || minor(t, doc.Find("#total")) != again[0].totalMinor {
		t.Errorf("after applying the recomputed card: revision %s, total %d, the card said %d",
			doc.Find("main").AttrOr("data-revision", ""), minor(t, doc.Find("#total")), again[0].totalMinor)
	}
}

// TestChatConcurrentApply: two tabs apply the same card at once; exactly one succeeds, and a
// message about a revision that is no longer current is refused.
func TestChatConcurrentApply(t *testing.T) {
	e, path, cards := offered(t, "ja", "あと30万円ほど安くする案を教えて", 3)
	c := cards[0]

	codes := make([]int, 2)
	var wg sync.WaitGroup
	for i := range codes {
		wg.Go(func() {
			req, err := http.NewRequest(http.MethodPost, e.srv.URL+path+"/proposals/"+c.id+"/apply", strings.NewReader("base="+c.base))
			if err != nil {
				t.Error(err)
				return
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			resp, err := e.client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			codes[i] = resp.StatusCode
		})
	}
	wg.Wait()
	if (codes[0] == http.StatusSeeOther) == (codes[1] == http.StatusSeeOther) || codes[0]+codes[1] != http.StatusSeeOther+http.StatusConflict {
		t.Errorf("two tabs applying one card: %v, want one 303 and one 409", codes)
	}
	if n := e.currentRevision(t, path); n != 2 {
		t.Errorf("revision %d after applying one card twice, want 2", n)
	}

	resp, body := e.say(t, path, 1, "テストを手厚く")
	wantStatus(t, resp, http.StatusConflict)
	if parseHTML(t, body).Find("#conflict").Length() != 1 {
		t.Errorf("a stale message is refused without the conflict message:\n%s", body)
	}
	if msgs, _ := e.store.ChatMessages(context.Background(), strings.TrimPrefix(path, "/tasks/")); len(msgs) != 2 {
		t.Errorf("%d messages stored, want the first turn only", len(msgs))
	}
}

// TestChatValidation: an empty or too long message comes back next to the textarea, with the
// conversation kept; what the user types is escaped.
func TestChatValidation(t *testing.T) {
	e := newTestEnv(t, nil)
	e.startWorkers(t)
	path := e.chatSample(t, "ja")
	id := strings.TrimPrefix(path, "/tasks/")
	const script = `<script>alert("x")</script>`
	li := e.ask(t, path, script)
	if got := strings.TrimSpace(li.Prev().Find("p.pre-line").Text()); got != script {
		t.Errorf("the message shows as %q", got)
	}
	_, body := e.get(t, path)
	if strings.Contains(body, script) || !strings.Contains(body, "&lt;script&gt;") {
		t.Error("the message is not escaped")
	}

	for _, tc := range []struct {
		name, message, draft, error string
	}{
		{"empty", " \r\n\t ", "", "メッセージを入力してください。"},
		{"long", strings.Repeat("安", maxMessage) + strings.Repeat("鬱", 500), strings.Repeat("安", maxMessage), "2500文字あります"},
	} {
		for _, hx := range []bool{false, true} {
			t.Run(tc.name+" htmx="+strconv.FormatBool(hx), func(t *testing.T) {
				var headers []string
				if hx {
					headers = append(headers, "HX-Request: true")
				}
				resp, body := e.say(t, path, 1, tc.message, headers...)
				wantStatus(t, resp, http.StatusUnprocessableEntity)
				doc := parseHTML(t, body)
				if hx != (doc.Find("main").Length() == 0) {
					t.Errorf("htmx %v: the answer is not the %s", hx, map[bool]string{true: "fragment", false: "page"}[hx])
				}
				panel := doc.Find("section#chat")
				area := panel.Find(`textarea#chat-message[aria-invalid="true"]`)
				if area.Text() != tc.draft || utf8.RuneCountInString(area.Text()) > maxMessage {
					t.Errorf("the textarea holds %d characters, want %d", utf8.RuneCountInString(area.Text()), utf8.RuneCountInString(tc.draft))
				}
				if got := panel.Find("textarea#chat-message + p.field-error#chat-error").Text(); !strings.Contains(got, tc.error) {
					t.Errorf("error next to the textarea: %q, want %q", got, tc.error)
				}
				if strings.Contains(body, "鬱") {
					t.Error("the text beyond the limit came back")
				}
				if panel.Find("li[data-message]").Length() != 2 {
					t.Error("the conversation is not kept")
				}
			})
		}
	}
	if msgs, _ := e.store.ChatMessages(context.Background(), id); len(msgs) != 2 {
		t.Errorf("%d messages stored, want the first turn only", len(msgs))
	}
	resp, _ := e.postValues(t, path+"/messages", url.Values{"message": {"テストを手厚く"}})
	wantStatus(t, resp, http.StatusBadRequest)
}

// modelChat is the fake model's answer to "あと30万円ほど安くする案を教えて" on the Japanese
// sample as fakeOpenAI estimates it (nine lines of 1.5 + 2 + 5.5 + 2 + 1 days at ¥40,000): figures
// of its own everywhere, fields nobody asked for, and three proposals. The first meets the
// ¥300,000 (7 days of line 2 and a ¥20,000 discount); the second takes only 3 days off and
// must be scaled; the third removes line 9 (¥480,000), which cannot be scaled, and must go.
const modelChat = `{"kind":"adjust","reply":"合計¥4,320,000から¥999,999下げる案です。","target_change":-999999,"total":1,"subtotal":999999,
"proposals":[
{"title":"¥999,999の削減：基本設計の絞り込みと値引き","description":"合計が¥999,999になります。","total":1,"delta":-999999,"changes":[
 {"position":2,"phases":{"requirements":1.5,"design":0,"implementation":0.5,"testing":2,"documentation":1},"remove":false,"reason":"999,999円の削減","amount":999999}],
 "additions":[],"discount":20000,"unit_cost":0},
{"title":"実装の圧縮","description":"3つの成果物の実装を少しずつ減らします（¥999,999）。","total":1,"changes":[
 {"position":1,"phases":{"requirements":1.5,"design":2,"implementation":4.5,"testing":2,"documentation":1},"remove":false,"reason":"実装を見直し"},
 {"position":3,"phases":{"requirements":1.5,"design":2,"implementation":4.5,"testing":2,"documentation":1},"remove":false,"reason":"実装を見直し"},
 {"position":4,"phases":{"requirements":1.5,"design":2,"implementation":4.5,"testing":2,"documentation":1},"remove":false,"reason":"実装を見直し"}],
 "additions":[],"discount":0,"unit_cost":0},
{"title":"ユーザーマニュアルを外す","description":"¥999,999の削減","changes":[
 {"position":9,"phases":{"requirements":0,"design":0,"implementation":0,"testing":0,"documentation":0},"remove":true,"reason":"画面ヘルプで代替"}],
 "additions":[],"discount":0,"unit_cost":0}]}`

// modelCalls is how many model calls the task page says were made.
func modelCalls(t *testing.T, e *testEnv, path string) string {
	t.Helper()
	_, body := e.get(t, path+"?lang=en")
	cost := parseHTML(t, body).Find("#model-cost").Text()
	calls, _, ok := strings.Cut(strings.TrimPrefix(strings.TrimSpace(cost), "Model usage: "), " calls")
	if !ok {
		t.Fatalf("no model cost on the page: %q", cost)
	}
	return calls
}

// TestChatModelFiguresAreGos: against an OpenAI-compatible model, one turn is one call; the
// model only chooses what to change, and every figure shown is computed in Go: its own figures
// are masked or ignored, a proposal that misses the ¥300,000 is scaled to it or dropped.
func TestChatModelFiguresAreGos(t *testing.T) {
	m := newChatModel(t)
	e := chatModelEnv(t, m)
	path := e.chatSample(t, "ja")
	id := strings.TrimPrefix(path, "/tasks/")
	if calls := modelCalls(t, e, path); calls != "10" {
		t.Fatalf("%s model calls before the chat, want 10 (questions and nine lines)", calls)
	}

	m.answer(modelChat)
	li := e.ask(t, path, "あと30万円ほど安くする案を教えて")
	if n := m.chats.Load(); n != 1 {
		t.Errorf("%d model calls for one turn, want 1", n)
	}
	if calls := modelCalls(t, e, path); calls != "11" {
		t.Errorf("%s model calls recorded after one turn, want 11", calls)
	}
	if got := replyText(li); got != "合計（金額は下記のとおり）から（金額は下記のとおり）下げる案です。" {
		t.Errorf("reply %q: the model's figures are not masked", got)
	}
	if html, _ := li.Html(); strings.Contains(html, "999,999") || strings.Contains(html, "999999") || strings.Contains(html, "4,320,000") {
		t.Errorf("a figure of the model's is shown:\n%s", html)
	}
	if li.Find(".badge-offline").Length() != 0 {
		t.Error("a model's reply is labelled offline")
	}
	cards := cardsOf(t, li)
	if len(cards) != 2 {
		t.Fatalf("%d cards, want 2: the proposal that cannot be brought to ¥300,000 is dropped", len(cards))
	}
	checkCards(t, cards)
	for _, c := range cards {
		if !nearTarget(c.delta, -300000) || c.totalMinor == 1 {
			t.Errorf("card %s: delta %d, total %d; want -300,000 ± 20 %%", c.id, c.delta, c.totalMinor)
		}
	}
	if cards[1].delta == -120000 || !strings.Contains(cards[1].title, "実装の圧縮") {
		t.Errorf("the second card %q was not scaled to the request: delta %d", cards[1].title, cards[1].delta)
	}

	// The first card, computed here by the estimate package: line 2 at 5.0 days and ¥20,000 off.
	ctx := context.Background()
	rev, lines, err := e.store.Revision(ctx, id, 1)
	if err != nil {
		t.Fatal(err)
	}
	base := rev.Document(lines)
	want := base.Clone()
	want.Lines[1].Effort.Phases = [5]int64{15, 0, 5, 20, 10}
	want.DiscountMinor += 20000
	tot, err := want.Totals()
	if err != nil {
		t.Fatal(err)
	}
	if c := cards[0]; c.subtotal != tot.SubtotalMinor || c.tax != tot.TaxMinor || c.totalMinor != tot.TotalMinor || c.delta != -300000 {
		t.Errorf("first card: subtotal %d, tax %d, total %d, delta %d; the estimate package says %+v", c.subtotal, c.tax, c.totalMinor, c.delta, tot)
	}
	// Every stored card, applied to its base by the estimate package, gives what the card shows.
	stored, err := e.store.Proposals(ctx, id)
	if err != nil || len(stored) != 2 {
		t.Fatalf("%d proposals stored (%v), want 2", len(stored), err)
	}
	for i, p := range stored {
		var ep estimate.Proposal
		if err := json.Unmarshal([]byte(p.Changes), &ep); err != nil {
			t.Fatal(err)
		}
		after, err := base.Apply(ep)
		if err != nil {
			t.Fatal(err)
		}
		tot, err := after.Totals()
		if err != nil {
			t.Fatal(err)
		}
		if strconv.FormatInt(p.ID, 10) != cards[i].id || p.BaseNumber != 1 || tot.TotalMinor != cards[i].totalMinor || strings.Contains(p.Title+p.Description+p.Changes, "999,999") {
			t.Errorf("proposal %d (base %d, %q): total %d, card %s shows %d", p.ID, p.BaseNumber, p.Title, tot.TotalMinor, cards[i].id, cards[i].totalMinor)
		}
	}
	resp, _ := e.applyCard(t, path, cards[1])
	wantStatus(t, resp, http.StatusSeeOther)
	if got := minor(t, e.taskPage(t, path).Find("#total")); got != cards[1].totalMinor {
		t.Errorf("total %d after applying, the card said %d", got, cards[1].totalMinor)
	}

	// An answer that names a line the estimate lacks is sent back once; the repair is used.
	bad := strings.Replace(modelChat, `"position":9`, `"position":42`, 1)
	m.answer(bad, `{"kind":"answer","reply":"結合テストだけで¥999,999かかるためです。","target_change":0,"proposals":[]}`)
	li = e.ask(t, path, "なぜテストが多いの？")
	if n := m.chats.Load(); n != 3 {
		t.Errorf("%d model calls after the second turn, want 3 (the answer and its one repair)", n)
	}
	if got := replyText(li); got != "結合テストだけで（金額は下記のとおり）かかるためです。" || len(cardsOf(t, li)) != 0 {
		t.Errorf("the repaired answer: %q with %d cards", got, len(cardsOf(t, li)))
	}
}

// TestChatModelFailure: when the model cannot answer, the message stays and the reply says
// why, with a way to try again and a way to let the offline rules answer, labelled as such.
func TestChatModelFailure(t *testing.T) {
	m := newChatModel(t)
	e := chatModelEnv(t, m)
	path := e.chatSample(t, "ja")
	m.fail(http.StatusInternalServerError)
	const message = "あと30万円ほど安くする案を教えて"
	li := e.ask(t, path, message)
	if n := m.chats.Load(); n != 1 {
		t.Errorf("%d model calls, want 1", n)
	}
	if got := strings.TrimSpace(li.Prev().Find("p.pre-line").Text()); got != message {
		t.Errorf("the user's message shows as %q", got)
	}
	mid := li.AttrOr("data-message", "")
	retry := path + "/messages/" + mid + "/retry"
	if li.AttrOr("data-status", "") != "failed" || !strings.Contains(li.Find(".notice-error").Text(), "AIサービスに接続できませんでした") {
		t.Fatalf("the failed reply says %q", li.Text())
	}
	if li.Find(`form[action="`+retry+`"]`).Length() != 1 || li.Find(`form[action="`+retry+`?engine=offline"]`).Length() != 1 {
		t.Fatalf("no retry forms in the failed reply:\n%s", first(li.Html()))
	}
	if len(cardsOf(t, li)) != 0 {
		t.Error("a failed reply shows cards")
	}

	resp, _ := e.postValues(t, retry+"?engine=offline", nil)
	wantStatus(t, resp, http.StatusSeeOther)
	li = e.waitReplies(t, path)
	if li.AttrOr("data-message", "") != mid || li.AttrOr("data-status", "") != "done" || li.Find(".chat-meta .badge-offline").Length() != 1 {
		t.Fatalf("the offline retry: message %s, status %s, meta %q", li.AttrOr("data-message", ""), li.AttrOr("data-status", ""), li.Find(".chat-meta").Text())
	}
	cards := cardsOf(t, li)
	if len(cards) != 3 {
		t.Fatalf("%d offline cards, want 3", len(cards))
	}
	checkCards(t, cards)
	if n := m.chats.Load(); n != 1 {
		t.Errorf("%d model calls after the offline retry, want still 1", n)
	}
	resp, _ = e.postValues(t, retry, nil)
	wantStatus(t, resp, http.StatusConflict)
}

// first is the first of two results, such as a response whose body the caller does not read.
func first[A, B any](a A, _ B) A { return a }

// TestChatInvalidMessageOnStalePage: a message that needs fixing, sent from a page whose
// revision is no longer current, comes back with the chat of the current revision, so that the
// next send is not refused as stale.
func TestChatInvalidMessageOnStalePage(t *testing.T) {
	e, path, cards := offered(t, "ja", "あと30万円ほど安くする案を教えて", 3)
	wantStatus(t, first(e.applyCard(t, path, cards[0])), http.StatusSeeOther)
	resp, body := e.say(t, path, 1, "")
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	doc := parseHTML(t, body)
	if rev, base := doc.Find("main").AttrOr("data-revision", ""), doc.Find(`#chat form[data-form="message"] input[name="base"]`).AttrOr("value", ""); rev != "2" || base != "2" {
		t.Errorf("the page shows revision %s, its chat form posts base %s; want 2 and 2", rev, base)
	}
}
