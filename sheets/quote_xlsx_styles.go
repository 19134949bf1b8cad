package sheets

import (
	"fmt"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Sizes and colours of the quotation, in points and RGB. Body text is 10.5 pt, the size of
// Japanese business documents; the print is meant to work in black and white.
const (
	wbBaseSize        = 10.5
	wbSmallSize       = 9
	wbHeadingSize     = 22
	wbAddresseeSize   = 14
	wbHeadlineSize    = 16
	wbLargeSize       = 12 // the issuer's name and the headline's caption
	wbLineColor       = "595959"
	wbHeaderFill      = "E7ECF3"
	wbDescriptionGrey = "666666"
)

// wbQuoteStyles are the style ids of the workbook's cells.
type wbQuoteStyles struct {
	// The head of the 見積書.
	heading, metaLabel, metaValue, addressee, plain, infoLabel, infoValue int
	headlineLabel, headlineTotal, headlineTax, issuer                     int
	// The tables: header and body cells. A line of the 見積書 with a description takes two
	// rows that read as one: lineTop is open below, the description row open above.
	header                 int
	body, lineTop          wbCellStyles
	daysTo                 int
	description, lineFoot  int
	sumLabel, sumMoney     int
	totalLabel, totalMoney int
	remarksHead, remark    int
}

// wbCellStyles are the styles of a table's body cells by what they hold.
type wbCellStyles struct {
	no, text, unit, days, money int
}

// wbStyleBook registers styles in a workbook in the document's font and keeps the first error.
type wbStyleBook struct {
	f    *excelize.File
	font wbQuoteFont
	err  error
}

// add registers s, giving its font the document's family and the base size unless it sets them.
func (b *wbStyleBook) add(s excelize.Style) int {
	if b.err != nil {
		return 0
	}
	font := excelize.Font{}
	if s.Font != nil {
		font = *s.Font
	}
	if font.Family == "" {
		font.Family = b.font.family
	}
	if font.Size == 0 {
		font.Size = wbBaseSize
	}
	s.Font = &font
	id, err := b.f.NewStyle(&s)
	if err != nil {
		b.err = fmt.Errorf("register style: %w", err)
	}
	return id
}

// wbBorders draws thin lines on the given sides of a cell.
func wbBorders(sides ...string) []excelize.Border {
	out := make([]excelize.Border, len(sides))
	for i, side := range sides {
		out[i] = excelize.Border{Type: side, Color: wbLineColor, Style: 1}
	}
	return out
}

// wbBox is a thin border all round.
func wbBox() []excelize.Border { return wbBorders("left", "top", "right", "bottom") }

// wbTopRule is a box with a double line above, which sets the total apart.
func wbTopRule() []excelize.Border {
	b := wbBox()
	b[1].Style = 6 // double
	return b
}

// wbAlign places text in a cell, wrapping it or not.
func wbAlign(horizontal, vertical string, wrap bool) *excelize.Alignment {
	return &excelize.Alignment{Horizontal: horizontal, Vertical: vertical, WrapText: wrap}
}

// wbFill shades a cell with a solid colour.
func wbFill(color string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}

// wbNewQuoteStyles registers every style of the workbook. Amounts use the currency's format, with
// the captions of the headline (「（税込）」, 「内消費税」) written into their formats so that the
// figures stay numbers.
func wbNewQuoteStyles(f *excelize.File, q Quote, cur qxQuoteCurrency, taxBefore, taxAfter string) (wbQuoteStyles, error) {
	b := &wbStyleBook{f: f, font: wbFontFor(q.Lang)}
	money := cur.numFmt(q.Lang, "", "")
	total := cur.numFmt(q.Lang, "", wbSpaceBefore(q.Labels.TaxIncluded))
	tax := cur.numFmt(q.Lang, taxBefore, taxAfter)
	daysTo := `"– "` + qxDaysNumFmt
	bold := &excelize.Font{Bold: true}
	s := wbQuoteStyles{
		heading:       b.add(excelize.Style{Font: &excelize.Font{Bold: true, Size: wbHeadingSize}, Alignment: wbAlign("center", "center", false)}),
		metaLabel:     b.add(excelize.Style{Alignment: wbAlign("right", "center", false)}),
		metaValue:     b.add(excelize.Style{Border: wbBorders("bottom"), Alignment: wbAlign("right", "center", false)}),
		addressee:     b.add(excelize.Style{Font: &excelize.Font{Size: wbAddresseeSize, Underline: "single"}, Border: wbBorders("bottom"), Alignment: wbAlign("left", "bottom", false)}),
		plain:         b.add(excelize.Style{Alignment: wbAlign("left", "center", false)}),
		infoLabel:     b.add(excelize.Style{Font: bold, Border: wbBorders("bottom"), Alignment: wbAlign("left", "center", false)}),
		infoValue:     b.add(excelize.Style{Border: wbBorders("bottom"), Alignment: wbAlign("left", "center", true)}),
		headlineLabel: b.add(excelize.Style{Font: &excelize.Font{Bold: true, Size: wbLargeSize}, Fill: wbFill(wbHeaderFill), Border: wbBox(), Alignment: wbAlign("center", "center", false)}),
		headlineTotal: b.add(excelize.Style{Font: &excelize.Font{Bold: true, Size: wbHeadlineSize}, Border: wbBox(), Alignment: wbAlign("center", "center", false), CustomNumFmt: &total}),
		headlineTax:   b.add(excelize.Style{Alignment: wbAlign("right", "center", false), CustomNumFmt: &tax}),
		issuer:        b.add(excelize.Style{Alignment: wbAlign("left", "top", true)}),
		header:        b.add(excelize.Style{Font: bold, Fill: wbFill(wbHeaderFill), Border: wbBox(), Alignment: wbAlign("center", "center", true)}),
		body:          b.cells(wbBox(), money),
		lineTop:       b.cells(wbBorders("left", "top", "right"), money),
		daysTo:        b.add(excelize.Style{Border: wbBox(), Alignment: wbAlign("left", "top", false), CustomNumFmt: &daysTo}),
		description:   b.add(excelize.Style{Font: &excelize.Font{Size: wbSmallSize, Color: wbDescriptionGrey}, Border: wbBorders("left", "right", "bottom"), Alignment: wbAlign("left", "top", true)}),
		lineFoot:      b.add(excelize.Style{Border: wbBorders("left", "right", "bottom")}),
		sumLabel:      b.add(excelize.Style{Border: wbBox(), Alignment: wbAlign("center", "center", false)}),
		sumMoney:      b.add(excelize.Style{Border: wbBox(), Alignment: wbAlign("right", "center", false), CustomNumFmt: &money}),
		totalLabel:    b.add(excelize.Style{Font: bold, Fill: wbFill(wbHeaderFill), Border: wbTopRule(), Alignment: wbAlign("center", "center", false)}),
		totalMoney:    b.add(excelize.Style{Font: bold, Border: wbTopRule(), Alignment: wbAlign("right", "center", false), CustomNumFmt: &money}),
		remarksHead:   b.add(excelize.Style{Font: bold, Fill: wbFill(wbHeaderFill), Border: wbBox(), Alignment: wbAlign("left", "center", false)}),
		remark:        b.add(excelize.Style{Border: wbBox(), Alignment: wbAlign("left", "top", true)}),
	}
	if b.err != nil {
		return wbQuoteStyles{}, b.err
	}
	return s, nil
}

// cells registers the body styles of a table with the given border.
func (b *wbStyleBook) cells(border []excelize.Border, money string) wbCellStyles {
	days := qxDaysNumFmt
	return wbCellStyles{
		no:    b.add(excelize.Style{Border: border, Alignment: wbAlign("center", "top", false)}),
		text:  b.add(excelize.Style{Border: border, Alignment: wbAlign("left", "top", true)}),
		unit:  b.add(excelize.Style{Border: border, Alignment: wbAlign("center", "top", false)}),
		days:  b.add(excelize.Style{Border: border, Alignment: wbAlign("right", "top", false), CustomNumFmt: &days}),
		money: b.add(excelize.Style{Border: border, Alignment: wbAlign("right", "top", false), CustomNumFmt: &money}),
	}
}

// wbSpaceBefore puts a space between a figure and a caption in Latin script, "$1,000.00 (tax
// incl.)", and none before a full-width one, 「¥1,000（税込）」, whose bracket has its own space.
func wbSpaceBefore(caption string) string {
	if caption != "" && caption[0] < utf8.RuneSelf && caption[0] != ' ' {
		return " " + caption
	}
	return caption
}
