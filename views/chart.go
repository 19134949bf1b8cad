package views

import (
	"strconv"
	"strings"

	"estimator/i18n"
)

// Chart geometry, in SVG user units: a label column, a bar area and a value column.
const (
	chartWidth   = 720
	chartLabelW  = 200
	chartValueW  = 110
	chartRowH    = 28
	chartBarH    = 18
	chartPadding = 8
)

// chartRow is one bar laid out for the SVG.
type chartRow struct {
	Bar                           ChartBar
	Y, TextY, Width, BarX, ValueX string
}

// chartLayout scales the bars to the largest amount. Widths are whole units: the chart is a
// picture of the table next to it, not a second source of numbers.
func chartLayout(bars []ChartBar) (rows []chartRow, height string) {
	var top int64
	for _, b := range bars {
		top = max(top, b.AmountMinor)
	}
	area := int64(chartWidth - chartLabelW - chartValueW - 2*chartPadding)
	for i, b := range bars {
		w := int64(0)
		if top > 0 {
			w = max(b.AmountMinor*area/top, 1)
		}
		y := chartPadding + i*chartRowH
		rows = append(rows, chartRow{
			Bar:    b,
			Y:      strconv.Itoa(y),
			TextY:  strconv.Itoa(y + chartBarH - 4),
			Width:  strconv.FormatInt(w, 10),
			BarX:   strconv.Itoa(chartLabelW),
			ValueX: strconv.FormatInt(chartLabelW+w+6, 10),
		})
	}
	return rows, strconv.Itoa(len(bars)*chartRowH + 2*chartPadding)
}

// shorten keeps a chart label within the label column.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// chartDescription says in words what the bars show: every line and its amount.
func chartDescription(bars []ChartBar, currency string) string {
	parts := make([]string, 0, len(bars))
	for _, b := range bars {
		parts = append(parts, b.Label+": "+i18n.Money(b.AmountMinor, currency))
	}
	return strings.Join(parts, "; ")
}
