package sheets

// wbDefaultFontSize is the size of the workbook's default font, Excel's: it sets the unit of
// the column widths.
const wbDefaultFontSize = 11

// wbFont is the font of a style, in the document's family.
type wbFont struct {
	size            float64
	bold, underline bool
	color           string // RGB, "" for automatic
}

// wbBorder is a cell's border: thin lines on the sides it has, the top one double with
// wbDoubleTop.
type wbBorder uint8

const (
	wbLeft wbBorder = 1 << iota
	wbRight
	wbTop
	wbBottom
	wbDoubleTop
)

// wbAlignment places text in a cell.
type wbAlignment struct {
	horizontal, vertical string
	wrap                 bool
}

// wbStyle is a cell format. It is comparable, so equal formats share one entry.
type wbStyle struct {
	font   wbFont
	fill   string // solid fill colour (RGB), "" for none
	border wbBorder
	align  wbAlignment
	numFmt string // custom number format, "" for General
}

// wbStyleSheet registers a workbook's cell formats and writes them as xl/styles.xml: fonts,
// fills, borders and number formats each listed once, and the formats (xf) that combine them.
type wbStyleSheet struct {
	family  string
	ids     map[wbStyle]int
	xfs     []wbXf   // xf 1 on; xf 0 is the default format
	fonts   []wbFont // font 1 on; font 0 is the default font
	fills   []string // fill 2 on; 0 and 1 are the two fills the format reserves
	borders []wbBorder
	numFmts []string // numFmtId 164 on, the first custom id
}

// wbXf is a registered format: the ids of its parts, and its alignment.
type wbXf struct {
	numFmt, font, fill, border int
	align                      wbAlignment
}

func newWBStyleSheet(family string) *wbStyleSheet {
	return &wbStyleSheet{family: family, ids: map[wbStyle]int{}, borders: []wbBorder{0}}
}

// add returns the id of s, registering it if it is new; a font without a size has the base size.
func (b *wbStyleSheet) add(s wbStyle) int {
	if s.font.size == 0 {
		s.font.size = wbBaseSize
	}
	if id, ok := b.ids[s]; ok {
		return id
	}
	xf := wbXf{font: 1 + wbIndexOf(&b.fonts, s.font), border: wbIndexOf(&b.borders, s.border), align: s.align}
	if s.fill != "" {
		xf.fill = 2 + wbIndexOf(&b.fills, s.fill)
	}
	if s.numFmt != "" {
		xf.numFmt = wbFirstCustomNumFmt + wbIndexOf(&b.numFmts, s.numFmt)
	}
	b.xfs = append(b.xfs, xf)
	b.ids[s] = len(b.xfs)
	return len(b.xfs)
}

// wbIndexOf returns the position of v in *list, appending it if it is not there. The lists are
// a few entries long.
func wbIndexOf[T comparable](list *[]T, v T) int {
	for i, have := range *list {
		if have == v {
			return i
		}
	}
	*list = append(*list, v)
	return len(*list) - 1
}

// write writes xl/styles.xml.
func (b *wbStyleSheet) write(x *wbXML) {
	x.raw(wbXMLHeader + `<styleSheet xmlns="` + wbNSMain + `">`)
	if len(b.numFmts) > 0 {
		x.raw("<numFmts")
		x.intAttr("count", int64(len(b.numFmts)))
		x.raw(">")
		for i, f := range b.numFmts {
			x.raw("<numFmt")
			x.intAttr("numFmtId", int64(wbFirstCustomNumFmt+i))
			x.attr("formatCode", f)
			x.raw("/>")
		}
		x.raw("</numFmts>")
	}
	x.raw("<fonts")
	x.intAttr("count", int64(len(b.fonts)+1))
	x.raw(">")
	b.writeFont(x, wbFont{size: wbDefaultFontSize}, `<color theme="1"/>`)
	for _, f := range b.fonts {
		b.writeFont(x, f, "<color/>")
	}
	x.raw("</fonts><fills")
	x.intAttr("count", int64(len(b.fills)+2))
	x.raw(`><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>`)
	for _, color := range b.fills {
		x.raw(`<fill><patternFill patternType="solid"><fgColor rgb="FF`)
		x.text(color)
		x.raw(`"/></patternFill></fill>`)
	}
	x.raw("</fills><borders")
	x.intAttr("count", int64(len(b.borders)))
	x.raw(">")
	for _, border := range b.borders {
		wbWriteBorder(x, border)
	}
	x.raw(`</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs`)
	x.intAttr("count", int64(len(b.xfs)+1))
	x.raw(`><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`)
	for _, xf := range b.xfs {
		wbWriteXf(x, xf)
	}
	x.raw(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
}

// wbFirstCustomNumFmt is the first number format id free for a workbook's own formats.
const wbFirstCustomNumFmt = 164

// wbWriteXf writes a format.
func wbWriteXf(x *wbXML, xf wbXf) {
	x.raw("<xf")
	x.intAttr("numFmtId", int64(xf.numFmt))
	x.intAttr("fontId", int64(xf.font))
	x.intAttr("fillId", int64(xf.fill))
	x.intAttr("borderId", int64(xf.border))
	x.raw(` xfId="0" applyFont="1"`)
	if xf.numFmt != 0 {
		x.raw(` applyNumberFormat="1"`)
	}
	if xf.fill != 0 {
		x.raw(` applyFill="1"`)
	}
	if xf.border != 0 {
		x.raw(` applyBorder="1"`)
	}
	if xf.align == (wbAlignment{}) {
		x.raw("/>")
		return
	}
	x.raw(` applyAlignment="1"><alignment`)
	if xf.align.horizontal != "" {
		x.attr("horizontal", xf.align.horizontal)
	}
	if xf.align.vertical != "" {
		x.attr("vertical", xf.align.vertical)
	}
	if xf.align.wrap {
		x.raw(` wrapText="1"`)
	}
	x.raw("/></xf>")
}

// writeFont writes a font of the document's family, in its colour or else in noColor: the theme's
// text colour for the default font, automatic for the others.
func (b *wbStyleSheet) writeFont(x *wbXML, f wbFont, noColor string) {
	x.raw("<font>")
	if f.bold {
		x.raw(`<b val="1"/>`)
	}
	if f.underline {
		x.raw(`<u val="single"/>`)
	}
	x.raw("<sz")
	x.floatAttr("val", f.size)
	x.raw("/>")
	if f.color != "" {
		x.raw(`<color rgb="FF`)
		x.text(f.color)
		x.raw(`"/>`)
	} else {
		x.raw(noColor)
	}
	x.raw(`<name val="`)
	x.text(b.family)
	x.raw(`"/><family val="2"/></font>`)
}

// wbWriteBorder writes a border: thin lines in the document's line colour on its sides.
func wbWriteBorder(x *wbXML, border wbBorder) {
	x.raw("<border>")
	for _, side := range [...]struct {
		side wbBorder
		name string
	}{{wbLeft, "left"}, {wbRight, "right"}, {wbTop, "top"}, {wbBottom, "bottom"}} {
		if border&side.side == 0 {
			x.raw("<" + side.name + "/>")
			continue
		}
		style := "thin"
		if side.side == wbTop && border&wbDoubleTop != 0 {
			style = "double"
		}
		x.raw("<" + side.name + ` style="` + style + `"><color rgb="FF` + wbLineColor + `"/></` + side.name + ">")
	}
	x.raw("<diagonal/></border>")
}
