package sheets

import "estimator/estimate"

// The quotation model lives in package estimate, where the print page finds it too.
type (
	Quote         = estimate.Quote
	Issuer        = estimate.Issuer
	QuoteLine     = estimate.QuoteLine
	QuoteTotals   = estimate.QuoteTotals
	QuoteQA       = estimate.QuoteQA
	QuoteRevision = estimate.QuoteRevision
	QuoteLabels   = estimate.QuoteLabels
)
