package llm

import "testing"

func TestEstimateTokens(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abcd", 1},
		{"abcde", 2}, // a started token counts
		{"見積り", 3},
		{"ログイン画面 login form", 6 + 3}, // 6 kana and kanji, then 11 ASCII characters
		{"{\"no\": 1}", 3},
	}
	for _, tt := range tests {
		if got := EstimateTokens(tt.s); got != tt.want {
			t.Errorf("EstimateTokens(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}
