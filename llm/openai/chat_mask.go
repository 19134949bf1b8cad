package openai

import (
	"regexp"

	"estimator/llm"
)

// moneyFigure is a figure as a model writes it, in half-width or full-width digits.
const moneyFigure = `[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?`

// moneyInText finds amounts of money in a model's text: a sign or code of a currency before a
// figure, with an optional multiplier (¥300,000, $3k, ＄1.2M, USD 2,000, ¥30万), or a currency
// word after it (30万円, 1億2000万円, 300ドル, 3,000 yen, 2,000 dollars, 500 USD).
var moneyInText = regexp.MustCompile(`(?i)[-−+＋▲]?` +
	`(?:(?:us\$|[¥￥$＄]|(?:usd|jpy)\s?)\s?` + moneyFigure + `(?:\s?(?:[kmb]\b|thousand\b|million\b|billion\b|[億万千]))?(?:\s?(?:円|ドル))?` +
	`|` + moneyFigure + `(?:\s?[億万千](?:\s?` + moneyFigure + `\s?[万千]?)?)*\s?(?:円|ドル|yen\b|dollars?\b|usd\b|jpy\b))`)

// The placeholder for an amount a model wrote: the amounts shown are those Go computes, in
// the cards and totals below the reply.
const (
	moneyPlaceholderJA = "（金額は下記のとおり）"
	moneyPlaceholderEN = "(see the figures below)"
)

// maskMoney replaces every amount of money in s by the placeholder in lang, "ja" or "en".
func maskMoney(s, lang string) string {
	placeholder := moneyPlaceholderEN
	if lang == "ja" {
		placeholder = moneyPlaceholderJA
	}
	return moneyInText.ReplaceAllLiteralString(s, placeholder)
}

// maskReply masks the amounts in every text of a reply. A model's figures are never shown: it
// may have miscalculated, and the figures Go computes from the same proposal are the ones
// the client will be quoted.
func maskReply(r llm.ChatReply, lang string) llm.ChatReply {
	r.Text = maskMoney(r.Text, lang)
	for i := range r.Proposals {
		p := &r.Proposals[i]
		p.Title, p.Description = maskMoney(p.Title, lang), maskMoney(p.Description, lang)
		for j := range p.Changes {
			p.Changes[j].Reason = maskMoney(p.Changes[j].Reason, lang)
		}
		for j := range p.Additions {
			a := &p.Additions[j]
			a.Name, a.Description, a.Reason = maskMoney(a.Name, lang), maskMoney(a.Description, lang), maskMoney(a.Reason, lang)
		}
	}
	return r
}
