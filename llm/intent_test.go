package llm

import "testing"

func TestParseIntent(t *testing.T) {
	// The subtotals of sample.Chat: ¥4,378,000 and $54,725.00.
	const yen, cents = 4_378_000, 5_472_500
	reduce := func(delta int64) Intent {
		return Intent{Kind: IntentReduce, TargetDeltaMinor: delta, Phase: -1, Amount: true}
	}
	increase := func(delta int64) Intent {
		return Intent{Kind: IntentIncrease, TargetDeltaMinor: delta, Phase: -1, Amount: true}
	}
	share := func(in Intent, bp int64) Intent { in.Percent = bp; return in }
	kind := func(k string) Intent { return Intent{Kind: k, Phase: -1} }
	strengthen := func(phase int) Intent { return Intent{Kind: IntentStrengthen, Phase: phase} }
	object := func(k, keyword string) Intent { return Intent{Kind: k, Phase: -1, Keyword: keyword} }
	unitCost := func(minor int64) Intent {
		return Intent{Kind: IntentUnitCost, Phase: -1, UnitCostMinor: minor, Amount: true}
	}
	tests := []struct {
		message, currency string
		want              Intent
	}{
		// Money on a yen estimate.
		{"30万円安く", "JPY", reduce(-300_000)},
		{"あと30万円ほど安くする案を教えて", "JPY", reduce(-300_000)},
		{"300,000円下げたい", "JPY", reduce(-300_000)},
		{"30万円程度削減", "JPY", reduce(-300_000)},
		{"20万円を削減", "JPY", reduce(-200_000)},
		{"1.5万円安く", "JPY", reduce(-15_000)},
		{"あと1割下げて", "JPY", share(reduce(-437_800), 1000)},
		{"2割引きで", "JPY", share(reduce(-875_600), 2000)},
		{"100万円アップ", "JPY", increase(1_000_000)},
		{"１００万円アップ", "JPY", increase(1_000_000)},
		{"100万円追加で", "JPY", increase(1_000_000)},
		{"¥200k cheaper", "JPY", reduce(-200_000)},
		{"make it 20% cheaper", "JPY", share(reduce(-875_600), 2000)},
		{"予算300万円以内に収めて", "JPY", reduce(-1_378_000)},
		{"500万円まで上げてもいい", "JPY", increase(622_000)},
		{"単価を5万円に", "JPY", unitCost(50_000)},
		// A dollar amount on a yen estimate is no amount: it is not converted.
		{"$2,000 less", "JPY", kind(IntentReduce)},
		// Money on a dollar estimate.
		{"$2,000 less", "USD", reduce(-200_000)},
		{"make it 20% cheaper", "USD", share(reduce(-1_094_500), 2000)},
		{"reduce it by $1,500", "USD", reduce(-150_000)},
		{"$3,000 more", "USD", increase(300_000)},
		{"bring it under $50,000", "USD", reduce(-472_500)},
		{"Could you take $500 off?", "USD", reduce(-50_000)},
		{"set the day rate to $600", "USD", unitCost(60_000)},
		{"単価を600ドルに", "USD", unitCost(60_000)},
		{"12.5% cheaper please", "USD", share(reduce(-684_063), 1250)},
		// Without an amount.
		{"テストを手厚く", "JPY", strengthen(PhaseTesting)},
		{"strengthen the testing", "USD", strengthen(PhaseTesting)},
		{"more thorough tests", "USD", strengthen(PhaseTesting)},
		{"テストを増やして", "JPY", strengthen(PhaseTesting)},
		{"セキュリティを強化", "JPY", strengthen(-1)},
		{"add load testing", "USD", object(IntentAddLine, "load testing")},
		{"Please add a penetration test for the API.", "USD", object(IntentAddLine, "penetration test")},
		{"負荷テストを追加して", "JPY", object(IntentAddLine, "負荷テスト")},
		{"できればセキュリティ診断も追加してほしい", "JPY", object(IntentAddLine, "セキュリティ診断")},
		{"load testingを追加", "JPY", object(IntentAddLine, "load testing")},
		{"remove the manuals", "USD", object(IntentRemove, "manuals")},
		{"We don’t need the user manual", "USD", object(IntentRemove, "user manual")},
		{"the user manual is not needed", "USD", object(IntentRemove, "user manual")},
		{"マニュアルを外して", "JPY", object(IntentRemove, "マニュアル")},
		{"ユーザーマニュアルは不要", "JPY", object(IntentRemove, "ユーザーマニュアル")},
		{"テストの自動化をやめたい", "JPY", object(IntentRemove, "テストの自動化")},
		{"drop the price a bit", "USD", kind(IntentReduce)},
		{"安くできますか？", "JPY", kind(IntentReduce)},
		{"make it cheaper", "USD", kind(IntentReduce)},
		{"もう少し高くてもいい", "JPY", kind(IntentIncrease)},
		// Questions.
		{"なぜテストが多いの？", "JPY", kind(IntentQuestion)},
		{"なんで高くなったの？", "JPY", kind(IntentQuestion)},
		{"テストの内訳を教えて", "JPY", kind(IntentQuestion)},
		{"what does the design phase include?", "USD", kind(IntentQuestion)},
		{"Why is it $3,000 more than last time?", "USD", kind(IntentQuestion)},
		{"Is the data migration included?", "USD", kind(IntentQuestion)},
		// Nothing to act on.
		{"こんにちは", "JPY", kind(IntentUnknown)},
		{"30万円で", "JPY", kind(IntentUnknown)},
		{"マニュアルを外して（20万円くらい）", "JPY", object(IntentRemove, "マニュアル")},
		{"", "JPY", kind(IntentUnknown)},
		// English words match whole words only: the predecessor found "ui" in "requirements"
		// and "all" in "install".
		{"the requirements look fine", "USD", kind(IntentUnknown)},
		{"install it at the lessons room", "USD", kind(IntentUnknown)},
		{"address the downtime", "USD", kind(IntentUnknown)},
		{"Moreover, thanks", "USD", kind(IntentUnknown)},
	}
	for _, tt := range tests {
		base := int64(yen)
		if tt.currency == "USD" {
			base = cents
		}
		if got := ParseIntent(tt.message, tt.currency, base); got != tt.want {
			t.Errorf("ParseIntent(%q, %s) = %+v\nwant %+v", tt.message, tt.currency, got, tt.want)
		}
	}
}

func TestPortion(t *testing.T) {
	for _, tc := range []struct{ amount, bp, want int64 }{
		{4_378_000, 1000, 437_800},
		{5_472_500, 1250, 684_063}, // 684,062.5 rounds half up
		{1, 5000, 1},
		{1, 4999, 0},
		{9_000_000_000_000_000_000, 10000, 9_000_000_000_000_000_000},
		{-5, 1000, 0},
	} {
		if got := portion(tc.amount, tc.bp); got != tc.want {
			t.Errorf("portion(%d, %d) = %d, want %d", tc.amount, tc.bp, got, tc.want)
		}
	}
}

// FuzzParseIntent: any message gives a known kind and figures of the right sign.
func FuzzParseIntent(f *testing.F) {
	for _, s := range []string{"あと30万円ほど安くする案を教えて", "$2,000 less", "remove the manuals", "単価を5万円に", "2割引きで", "なぜ？"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, message string) {
		in := ParseIntent(message, "JPY", 4_378_000)
		switch in.Kind {
		case IntentReduce:
			if in.TargetDeltaMinor > 0 {
				t.Errorf("%q: reduce by %d", message, in.TargetDeltaMinor)
			}
		case IntentIncrease:
			if in.TargetDeltaMinor < 0 {
				t.Errorf("%q: increase by %d", message, in.TargetDeltaMinor)
			}
		case IntentUnitCost:
			if in.UnitCostMinor < 0 {
				t.Errorf("%q: unit cost %d", message, in.UnitCostMinor)
			}
		case IntentStrengthen, IntentAddLine, IntentRemove, IntentQuestion, IntentUnknown:
		default:
			t.Errorf("%q: kind %q", message, in.Kind)
		}
		if in.Phase < -1 || in.Phase > PhaseDocumentation || in.Percent < 0 || in.Percent > maxPercentBP {
			t.Errorf("%q: %+v", message, in)
		}
	})
}
