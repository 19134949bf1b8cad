package views

// QuoteTermsView is the form of what a task's quotation says beyond the estimate: number, dates,
// subject, addressee, delivery, payment terms and remarks, as stored or as typed.
type QuoteTermsView struct {
	TaskID                                         string
	Number, IssueDate, ValidUntil                  string
	Title, Addressee, Honorific                    string
	Delivery, Payment, Remarks                     string
	DefaultTitle, DefaultAddressee, DefaultPayment string // what an empty field falls back to
	Errors                                         map[string]Msg
	Saved                                          bool
}

func (v QuoteTermsView) errorFor(field string) Msg { return v.Errors[field] }
