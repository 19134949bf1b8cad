package sheets

import "unicode/utf8"

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

// Borders the styles use.
const (
	wbBox       = wbLeft | wbRight | wbTop | wbBottom
	wbTopRule   = wbBox | wbDoubleTop // sets the total apart
	wbUnderline = wbBottom
	wbOpenBelow = wbLeft | wbTop | wbRight
	wbOpenAbove = wbLeft | wbRight | wbBottom
)

// wbAlign places text in a cell, wrapping it or not.
func wbAlign(horizontal, vertical string, wrap bool) wbAlignment {
	return wbAlignment{horizontal: horizontal, vertical: vertical, wrap: wrap}
}

// wbNewQuoteStyles registers every style of the workbook. Amounts use the currency's format, with
// the captions of the headline (「（税込）」, 「内消費税」) written into their formats so that the
// figures stay numbers.
func wbNewQuoteStyles(b *wbStyleSheet, q Quote, cur qxQuoteCurrency, taxBefore, taxAfter string) wbQuoteStyles {
	money := cur.numFmt(q.Lang, "", "")
	total := cur.numFmt(q.Lang, "", wbSpaceBefore(q.Labels.TaxIncluded))
	tax := cur.numFmt(q.Lang, taxBefore, taxAfter)
	daysTo := `"– "` + qxDaysNumFmt
	bold := wbFont{bold: true}
	return wbQuoteStyles{
		heading:       b.add(wbStyle{font: wbFont{bold: true, size: wbHeadingSize}, align: wbAlign("center", "center", false)}),
		metaLabel:     b.add(wbStyle{align: wbAlign("right", "center", false)}),
		metaValue:     b.add(wbStyle{border: wbUnderline, align: wbAlign("right", "center", false)}),
		addressee:     b.add(wbStyle{font: wbFont{size: wbAddresseeSize, underline: true}, border: wbUnderline, align: wbAlign("left", "bottom", false)}),
		plain:         b.add(wbStyle{align: wbAlign("left", "center", false)}),
		infoLabel:     b.add(wbStyle{font: bold, border: wbUnderline, align: wbAlign("left", "center", false)}),
		infoValue:     b.add(wbStyle{border: wbUnderline, align: wbAlign("left", "center", true)}),
		headlineLabel: b.add(wbStyle{font: wbFont{bold: true, size: wbLargeSize}, fill: wbHeaderFill, border: wbBox, align: wbAlign("center", "center", false)}),
		headlineTotal: b.add(wbStyle{font: wbFont{bold: true, size: wbHeadlineSize}, border: wbBox, align: wbAlign("center", "center", false), numFmt: total}),
		headlineTax:   b.add(wbStyle{align: wbAlign("right", "center", false), numFmt: tax}),
		issuer:        b.add(wbStyle{align: wbAlign("left", "top", true)}),
		header:        b.add(wbStyle{font: bold, fill: wbHeaderFill, border: wbBox, align: wbAlign("center", "center", true)}),
		body:          wbBodyStyles(b, wbBox, money),
		lineTop:       wbBodyStyles(b, wbOpenBelow, money),
		daysTo:        b.add(wbStyle{border: wbBox, align: wbAlign("left", "top", false), numFmt: daysTo}),
		description:   b.add(wbStyle{font: wbFont{size: wbSmallSize, color: wbDescriptionGrey}, border: wbOpenAbove, align: wbAlign("left", "top", true)}),
		lineFoot:      b.add(wbStyle{border: wbOpenAbove}),
		sumLabel:      b.add(wbStyle{border: wbBox, align: wbAlign("center", "center", false)}),
		sumMoney:      b.add(wbStyle{border: wbBox, align: wbAlign("right", "center", false), numFmt: money}),
		totalLabel:    b.add(wbStyle{font: bold, fill: wbHeaderFill, border: wbTopRule, align: wbAlign("center", "center", false)}),
		totalMoney:    b.add(wbStyle{font: bold, border: wbTopRule, align: wbAlign("right", "center", false), numFmt: money}),
		remarksHead:   b.add(wbStyle{font: bold, fill: wbHeaderFill, border: wbBox, align: wbAlign("left", "center", false)}),
		remark:        b.add(wbStyle{border: wbBox, align: wbAlign("left", "top", true)}),
	}
}

// wbBodyStyles registers the body styles of a table with the given border.
func wbBodyStyles(b *wbStyleSheet, border wbBorder, money string) wbCellStyles {
	return wbCellStyles{
		no:    b.add(wbStyle{border: border, align: wbAlign("center", "top", false)}),
		text:  b.add(wbStyle{border: border, align: wbAlign("left", "top", true)}),
		unit:  b.add(wbStyle{border: border, align: wbAlign("center", "top", false)}),
		days:  b.add(wbStyle{border: border, align: wbAlign("right", "top", false), numFmt: qxDaysNumFmt}),
		money: b.add(wbStyle{border: border, align: wbAlign("right", "top", false), numFmt: money}),
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
