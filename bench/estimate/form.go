package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
)

// Deliverables typed into the form, cycled and numbered when more are asked for: a mix of
// documents, screens, tests and manuals, as a real system's list has.
var deliverables = map[string][]string{
	"ja": {"要件定義書", "基本設計書", "詳細設計書", "ログイン画面", "受注一覧画面", "受注登録画面", "顧客マスタ画面",
		"商品マスタ画面", "在庫照会画面", "売上集計帳票", "請求書発行帳票", "夜間バッチ", "会計システム連携API",
		"データ移行ツール", "権限管理機能", "単体テスト", "結合テスト", "総合テスト", "運用マニュアル", "利用者マニュアル"},
	"en": {"Requirements definition", "Basic design document", "Detailed design document", "Login screen",
		"Order list screen", "Order entry screen", "Customer master screen", "Product master screen",
		"Stock inquiry screen", "Monthly sales report", "Invoice report", "Nightly batch", "Accounting system API",
		"Data migration tool", "Access control", "Unit test", "Integration test", "System test",
		"Operations manual", "User manual"},
}

// answerText is what every clarifying question is answered with: specific enough that a
// model would use it, the same for every task so runs compare.
var answerText = map[string]string{
	"ja": "画面は約30本、帳票10本、バッチ5本。会計システムとAPI連携あり。クラウド（AWS）で稼働。",
	"en": "About 30 screens, 10 reports and 5 batch jobs; one API integration with accounting; runs on AWS.",
}

// taskFields are the new-estimate form's fields for one task of n deliverables.
func taskFields(i, n int, lang string) *multipartBody {
	b := newMultipart()
	currency, honorific := "JPY", "onchu"
	if lang == "en" {
		currency, honorific = "USD", "sama"
	}
	b.field("title", fmt.Sprintf("Benchmark task %d", i+1))
	b.field("client_name", "Benchmark client")
	b.field("client_honorific", honorific)
	b.field("language", lang)
	b.field("currency", currency)
	b.field("requirements", "Order management web system for about 200 users: orders, customers, products, stock, invoices.")
	names := deliverables[lang]
	for j := range n {
		name := names[j%len(names)]
		if j >= len(names) {
			name = fmt.Sprintf("%s %d", name, j/len(names)+1)
		}
		b.field("name", name)
		b.field("description", "As listed in the client's request for proposal.")
	}
	return b
}

// multipartBody builds a multipart/form-data body as a browser sends the form.
type multipartBody struct {
	buf bytes.Buffer
	w   *multipart.Writer
	err error
}

func newMultipart() *multipartBody {
	b := &multipartBody{}
	b.w = multipart.NewWriter(&b.buf)
	return b
}

func (b *multipartBody) field(name, value string) {
	if b.err == nil {
		b.err = b.w.WriteField(name, value)
	}
}

func (b *multipartBody) finish() (contentType string, body []byte, err error) {
	if b.err == nil {
		b.err = b.w.Close()
	}
	return b.w.FormDataContentType(), b.buf.Bytes(), b.err
}

// postForm sends a form as a same-origin browser post would (the application refuses cross-origin
// posts) and returns the Location of the 303 that answers a successful post.
func postForm(ctx context.Context, c *http.Client, target, contentType string, body []byte) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("POST %s: status %d, want 303: %.200s", target, resp.StatusCode, msg)
	}
	return resp.Header.Get("Location"), nil
}

// createTask posts the new-estimate form and returns the task's id from the redirect.
func createTask(ctx context.Context, c *http.Client, base string, i, lines int, lang string) (string, error) {
	ct, body, err := taskFields(i, lines, lang).finish()
	if err != nil {
		return "", err
	}
	loc, err := postForm(ctx, c, base+"/tasks", ct, body)
	if err != nil {
		return "", err
	}
	id, ok := strings.CutPrefix(loc, "/tasks/")
	if !ok || id == "" || strings.Contains(id, "/") {
		return "", fmt.Errorf("create task: redirected to %q, want /tasks/{id}", loc)
	}
	return id, nil
}

// postAnswers answers every question of the task with the same text.
func postAnswers(ctx context.Context, c *http.Client, base, id string, n int, lang string) error {
	v := url.Values{}
	for range n {
		v.Add("answer", answerText[lang])
	}
	_, err := postForm(ctx, c, base+"/tasks/"+id+"/answers", "application/x-www-form-urlencoded", []byte(v.Encode()))
	return err
}
