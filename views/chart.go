package views

import (
	"strconv"
	"strings"

	"estimator/i18n"
)

// chartGeometry is one layout of the amounts chart, in SVG user units. The wide layout puts the
// label, the bar and the value on one row; the narrow one, for phones, puts the label above the
// bar so that text stays about 13 px high when the chart is shrunk to a phone's width.
type chartGeometry struct {
	width, labelW, valueW, rowH, barH, padding int
	labelAbove                                 bool
	labelRunes                                 int // longest label shown whole
}

var (
	wideChart   = chartGeometry{width: 720, labelW: 200, valueW: 110, rowH: 28, barH: 18, padding: 8, labelRunes: 14}
	narrowChart = chartGeometry{width: 360, valueW: 96, rowH: 40, barH: 14, padding: 6, labelAbove: true, labelRunes: 24}
)

// chartRow is one bar laid out for the SVG.
type chartRow struct {
	Bar                                       ChartBar
	Label                                     string
	LabelY, BarY, ValueY, Width, BarX, ValueX string
}

// layout scales the bars to the largest amount. Widths are whole units: the chart is a
// picture of the table next to it, not a second source of numbers.
func (g chartGeometry) layout(bars []ChartBar) (rows []chartRow, viewBox string) {
	var top int64
	for _, b := range bars {
		top = max(top, b.AmountMinor)
	}
	area := int64(g.width - g.labelW - g.valueW - 2*g.padding)
	for i, b := range bars {
		w := int64(0)
		if top > 0 {
			w = max(b.AmountMinor*area/top, 1)
		}
		y := g.padding + i*g.rowH
		barY, labelY := y, y+g.barH-4
		if g.labelAbove {
			labelY, barY = y+12, y+18
		}
		rows = append(rows, chartRow{
			Bar:    b,
			Label:  shorten(b.Label, g.labelRunes),
			LabelY: strconv.Itoa(labelY),
			BarY:   strconv.Itoa(barY),
			ValueY: strconv.Itoa(barY + g.barH - 3),
			Width:  strconv.FormatInt(w, 10),
			BarX:   strconv.Itoa(g.labelW),
			ValueX: strconv.FormatInt(int64(g.labelW)+w+6, 10),
		})
	}
	height := len(bars)*g.rowH + 2*g.padding
	return rows, "0 0 " + strconv.Itoa(g.width) + " " + strconv.Itoa(height)
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
