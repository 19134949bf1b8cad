package offline

import (
	"testing"

	"estimator/llm/internal/keyword"
)

func TestScanCounts(t *testing.T) {
	type want map[signal]int64
	tests := []struct {
		text string
		want want
	}{
		{"全20画面", want{sigScreens: 20}},
		{"画面数：約20", want{sigScreens: 20}},
		{"画面は20程度", want{sigScreens: 20}},
		{"20以上の画面", want{sigScreens: 20}},
		{"20 screens", want{sigScreens: 20}},
		{"20 admin screens", want{sigScreens: 20}},
		{"Screens: 20", want{sigScreens: 20}},
		{"the number of screens is about 20", want{sigScreens: 20}},
		{"API 5本", want{sigAPIs: 5}},
		{"５本のＡＰＩ", want{sigAPIs: 5}},
		{"5 APIs", want{sigAPIs: 5}},
		{"5 REST APIs", want{sigAPIs: 5}},
		{"帳票10種類", want{sigReports: 10}},
		{"10種類の帳票", want{sigReports: 10}},
		{"10 reports", want{sigReports: 10}},
		{"ユーザー300名", want{sigUsers: 300}},
		{"ユーザー数は1,500", want{sigUsers: 1500}},
		{"利用者1万人", want{sigUsers: 10000}},
		{"1.5万人のユーザー", want{sigUsers: 15000}},
		{"300 users", want{sigUsers: 300}},
		{"300 concurrent users", want{sigUsers: 300}},
		{"up to 10k users", want{sigUsers: 10000}},
		{"外部連携3件", want{sigIntegrations: 3}},
		{"3 integrations", want{sigIntegrations: 3}},
		{"3 external integrations", want{sigIntegrations: 3}},
		{"テーブル30個", want{sigTables: 30}},
		{"30 tables", want{sigTables: 30}},
		{"4 batch jobs", want{sigBatches: 4}},
		{"画面20、API 5本、帳票3種類", want{sigScreens: 20, sigAPIs: 5, sigReports: 3}},
		// The largest of repeated counts, not their sum.
		{"全20画面（うち管理画面8画面）", want{sigScreens: 20}},
		// Numbers that count something else.
		{"画面 2025年リリース", want{}},
		{"API 5人日", want{}},
		{"ユーザー300万円", want{}},
		{"EC2 3台", want{}},
		{"API v2.1", want{}},
		{"Windows11", want{}},
		{"", want{}},
		{"99999999999999999999999999画面", want{sigScreens: maxCount}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			c := scanCounts(keyword.Fold(tt.text), srcLine)
			for s := range numSignals {
				n, ok := tt.want[s]
				if c.has(s) != ok || c.n[s] != n {
					t.Errorf("signal %d = %d (found %v), want %d (found %v)", s, c.n[s], c.has(s), n, ok)
				}
			}
		})
	}
}

func TestShareOf(t *testing.T) {
	tests := []struct{ n, lines, want int64 }{
		{20, 1, 20}, {20, 2, 10}, {20, 3, 7}, {1, 3, 1}, {0, 3, 0}, {5, 2, 3},
	}
	for _, tt := range tests {
		if got := shareOf(tt.n, tt.lines); got != tt.want {
			t.Errorf("shareOf(%d, %d) = %d, want %d", tt.n, tt.lines, got, tt.want)
		}
	}
}
