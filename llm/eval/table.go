package eval

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Table writes results as a plain aligned text table, one row per case, then a summary line and
// the errors of failed lines. It prints no durations, so that a deterministic engine gives the
// same table byte for byte. A share outside its band is marked with "*".
func Table(w io.Writer, results []Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "case\tlang\tdays\tband\ttotal\treq\tdesign\timpl\ttest\tdoc\trange\tcovers mid\tcalls\ttokens in\ttokens out\tcost")
	for _, r := range results {
		cells := []string{r.Case.ID, r.Case.Language}
		band := r.Case.Expect.Total
		if r.Failed() {
			cells = append(cells, fmt.Sprintf("failed (%d of %d lines)", len(r.Errors), len(r.Case.Lines)),
				bandText(band), "-", "-", "-", "-", "-", "-", "-", "-")
		} else {
			cells = append(cells, formatTenths(r.Total), bandText(band), inOut(r.InBand))
			for p, share := range r.Shares {
				cell := fmt.Sprintf("%.1f%%", share*100)
				if !r.SharesInBand[p] {
					cell += "*"
				}
				cells = append(cells, cell)
			}
			cells = append(cells, formatTenths(r.Optimistic)+"-"+formatTenths(r.Pessimistic), yesNo(r.CoversMidpoint))
		}
		cells = append(cells, fmt.Sprint(r.Calls), fmt.Sprint(r.InputTokens), fmt.Sprint(r.OutputTokens), dollars(r.CostMicroUSD))
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("eval: write table: %w", err)
	}
	if _, err := io.WriteString(w, summary(results)); err != nil {
		return fmt.Errorf("eval: write table: %w", err)
	}
	return nil
}

// summary is the line under the table, with the cases inside their band counted per language
// too, since an engine may estimate one language's cases better than the other's; then the
// errors of the failed lines.
func summary(results []Result) string {
	var langs []string
	inside, cases := map[string]int{}, map[string]int{}
	var in, sharesIn, covers, calls, tokensIn, tokensOut int
	var cost int64
	var failures []string
	for _, r := range results {
		if cases[r.Case.Language] == 0 {
			langs = append(langs, r.Case.Language)
		}
		cases[r.Case.Language]++
		if r.InBand {
			in++
			inside[r.Case.Language]++
		}
		for _, ok := range r.SharesInBand {
			if ok {
				sharesIn++
			}
		}
		if r.CoversMidpoint {
			covers++
		}
		calls += r.Calls
		tokensIn += r.InputTokens
		tokensOut += r.OutputTokens
		cost += r.CostMicroUSD
		for _, e := range r.Errors {
			failures = append(failures, r.Case.ID+" "+e.Error())
		}
	}
	perLang := make([]string, len(langs))
	for i, l := range langs {
		perLang[i] = fmt.Sprintf("%s %d/%d", l, inside[l], cases[l])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\ncases inside band: %d/%d (%s); shares inside band: %d/%d; range covers band midpoint: %d/%d; calls: %d; tokens: %d in, %d out; cost: %s\n",
		in, len(results), strings.Join(perLang, ", "), sharesIn, 5*len(results), covers, len(results), calls, tokensIn, tokensOut, dollars(cost))
	b.WriteString("* share outside its expected band\n")
	if len(failures) > 0 {
		b.WriteString("\nfailed lines:\n")
		for _, f := range failures {
			b.WriteString("  " + f + "\n")
		}
	}
	return b.String()
}

// bandText writes a band as its case file does: whole person-days without a decimal.
func bandText(b Band) string { return bandEnd(b.Min) + "-" + bandEnd(b.Max) }

func bandEnd(tenths int64) string {
	if tenths%10 == 0 {
		return fmt.Sprint(tenths / 10)
	}
	return formatTenths(tenths)
}

func inOut(in bool) string {
	if in {
		return "in"
	}
	return "out"
}

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "no"
}

// dollars shows micro-USD as US dollars to the hundredth of a cent: 12345 → "$0.0123".
func dollars(micro int64) string {
	return fmt.Sprintf("$%d.%04d", micro/1_000_000, micro%1_000_000/100)
}
