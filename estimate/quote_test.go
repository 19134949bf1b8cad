package estimate

import (
	"reflect"
	"testing"
)

func TestIssuerLines(t *testing.T) {
	q := Quote{Lang: "ja", Labels: QuoteLabels{Phone: "TEL", Email: "E-mail", Person: "担当", Registration: "登録番号"},
		Issuer: Issuer{Address: "東京都千代田区", Phone: "03-1234-5678", Email: " ", Registration: "T8000012010038"}}
	want := []string{"東京都千代田区", "TEL：03-1234-5678", "登録番号：T8000012010038"}
	if got := q.IssuerLines(); !reflect.DeepEqual(got, want) {
		t.Errorf("ja: %q, want %q", got, want)
	}
	q.Lang, q.Labels.Phone = "en", "Tel"
	if got := q.IssuerLines()[1]; got != "Tel: 03-1234-5678" {
		t.Errorf("en: %q", got)
	}
}
