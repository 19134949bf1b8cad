package estimate

import "strings"

// Quote is a quotation (見積書) of one revision, ready to be shown as a print page or written as a
// workbook, a PDF or a CSV: every text is already in the document's language and every figure was computed by the
// estimate package. Whoever shows it only lays it out and never computes money.
type Quote struct {
	Lang     string // "ja" or "en": the document's language
	Currency string // "JPY" or "USD"
	Labels   QuoteLabels
	// Money formats an amount in minor units of Currency ("¥1,234", "$12.50"), and Days tenths of
	// a person-day ("1.5"), the way the pages do; the PDF writes them as text.
	Money func(minor int64) string
	Days  func(tenths int64) string

	Number     string // 見積番号
	IssueDate  string // formatted in the document's language and the display time zone
	ValidUntil string
	Title      string // 件名
	Addressee  string // 「株式会社○○ 御中」, or the name alone
	Delivery   string // 納期
	Payment    string // 支払条件
	Remarks    []string
	Revision   int // the revision quoted

	Issuer Issuer
	Lines  []QuoteLine
	Totals QuoteTotals
	QA     []QuoteQA
	// Revisions is the history of the estimate, newest first.
	Revisions []QuoteRevision
}

// Issuer is the company that sends the quotation. Empty fields are left out of the document.
type Issuer struct {
	Company, Address, Phone, Email, Person string
	Registration                           string // 適格請求書発行事業者登録番号, T + 13 digits
	Seal, Logo                             []byte // PNG images, already checked and re-encoded
}

// QuoteLine is a deliverable of the quotation.
type QuoteLine struct {
	No                 int
	Name, Description  string
	DaysTenths         int64 // 数量, in person-days
	UnitCostMinor      int64 // 単価 per person-day
	AmountMinor        int64 // 金額
	Phases             [5]int64
	OptimisticTenths   int64
	PessimisticTenths  int64
	Confidence, Engine string // already translated
	Reasoning          string
	Assumptions, Risks []string
}

// QuoteTotals are the document's totals in minor units; the rates in basis points.
type QuoteTotals struct {
	DaysTenths                          int64
	LinesMinor                          int64
	ContingencyBP, ContingencyMinor     int64
	DiscountMinor                       int64 // shown as ▲ on the document
	SubtotalMinor, TaxMinor, TotalMinor int64
	TaxRateBP                           int64
}

// QuoteQA is a question and the answer the estimate rests on.
type QuoteQA struct {
	Question, Answer string
}

// QuoteRevision is one revision in the quotation's history.
type QuoteRevision struct {
	Number                    int
	Time, Kind, Note          string // already formatted and translated
	SubtotalMinor, TotalMinor int64
}

// QuoteLabels are the fixed texts of a quotation in its language, provided by the caller from the
// translation catalogs. Sheet names are the workbook's; the others are captions.
type QuoteLabels struct {
	SheetQuote, SheetBreakdown, SheetQA, SheetRevisions string

	Heading              string // 御見積書 / QUOTATION
	Greeting             string // 下記の通りお見積り申し上げます。
	Number               string // 見積番号
	IssueDate            string // 発行日
	ValidUntil           string // 有効期限
	Title                string // 件名
	Delivery             string // 納期
	Payment              string // 支払条件
	Headline             string // 御見積金額
	TaxIncluded          string // （税込）
	TaxInside            string // 内消費税 {amount}; the caller fills the amount in
	Registration         string // 登録番号
	Phone, Email, Person string // captions of the issuer's contact lines: TEL, E-mail, 担当

	No, Name, Description, Quantity, Unit, UnitPrice, Amount string
	UnitDays                                                 string // 人日 / person-days
	Contingency, Discount, Subtotal, Tax, Total              string // Tax includes the rate
	Remarks                                                  string
	Phases                                                   [5]string
	Range, Confidence, Engine, Reasoning, Assumptions, Risks string
	Question, Answer                                         string
	RevisionNumber, RevisionTime, RevisionKind, RevisionNote string
	Page                                                     string // "{page} / {pages}" with those two placeholders
}

// IssuerLines are the issuer's address and contact lines with their captions ("TEL：03-…"), as
// every format shows them; empty ones are left out.
func (q Quote) IssuerLines() []string {
	sep := ": "
	if q.Lang == "ja" {
		sep = "："
	}
	var out []string
	for _, f := range [][2]string{
		{"", q.Issuer.Address}, {q.Labels.Phone, q.Issuer.Phone}, {q.Labels.Email, q.Issuer.Email},
		{q.Labels.Person, q.Issuer.Person}, {q.Labels.Registration, q.Issuer.Registration},
	} {
		switch {
		case strings.TrimSpace(f[1]) == "":
		case f[0] == "":
			out = append(out, f[1])
		default:
			out = append(out, f[0]+sep+f[1])
		}
	}
	return out
}
