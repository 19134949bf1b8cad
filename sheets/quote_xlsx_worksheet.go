package sheets

// writeWorksheet writes the sheet as a worksheet part, in the order the format requires: view,
// columns, rows, merged cells, then the print setup and the pictures' drawing (relationship
// rId1 of the sheet).
func (s *wbSheet) writeWorksheet(x *wbXML) {
	x.raw(wbXMLHeader + `<worksheet xmlns="` + wbNSMain + `" xmlns:r="` + wbNSRelationships + `">`)
	// fitToWidth and fitToHeight only count when the sheet asks to fit to the page.
	x.raw(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="`)
	x.rangeRef(s.used())
	x.raw(`"/>`)
	s.writeView(x)
	x.raw(`<sheetFormatPr defaultRowHeight="15"/>`)
	if len(s.widths) > 0 {
		x.raw("<cols>")
		for i, w := range s.widths {
			if w == 0 {
				continue
			}
			x.raw("<col")
			x.intAttr("min", int64(i+1))
			x.intAttr("max", int64(i+1))
			x.floatAttr("width", w)
			x.raw(` customWidth="1"/>`)
		}
		x.raw("</cols>")
	}
	s.writeRows(x)
	if len(s.merges) > 0 {
		x.raw("<mergeCells")
		x.intAttr("count", int64(len(s.merges)))
		x.raw(">")
		for _, m := range s.merges {
			x.raw(`<mergeCell ref="`)
			x.rangeRef(m)
			x.raw(`"/>`)
		}
		x.raw("</mergeCells>")
	}
	s.writePrint(x)
	if len(s.pictures) > 0 {
		x.raw(`<drawing r:id="rId1"/>`)
	}
	x.raw("</worksheet>")
}

// writeView writes how the sheet opens: grid lines, whether it is the sheet shown, and the
// frozen header row and columns.
func (s *wbSheet) writeView(x *wbXML) {
	x.raw("<sheetViews><sheetView")
	if s.hideGrid {
		x.raw(` showGridLines="0"`)
	}
	if s.selected {
		x.raw(` tabSelected="1"`)
	}
	x.raw(` workbookViewId="0"`)
	if !s.frozen {
		x.raw("/></sheetViews>")
		return
	}
	x.raw("><pane")
	pane := "bottomLeft"
	if s.freezeCols > 0 {
		pane = "bottomRight"
		x.intAttr("xSplit", int64(s.freezeCols))
	}
	x.raw(` ySplit="1" topLeftCell="` + wbCellRef(s.freezeCols+1, 2) + `" activePane="` + pane + `" state="frozen"/>`)
	x.raw("</sheetView></sheetViews>")
}

// writeRows writes the rows that have cells or a height of their own, each cell with its style
// (none for the default), type and value.
func (s *wbSheet) writeRows(x *wbXML) {
	x.raw("<sheetData>")
	for row := 1; row <= max(s.rows(), len(s.heights)); row++ {
		var cells []wbCell
		if row <= s.rows() {
			cells = s.cells[(row-1)*s.cols : row*s.cols]
		}
		height := 0.0
		if row <= len(s.heights) {
			height = s.heights[row-1]
		}
		if height == 0 && !wbAnyCell(cells) {
			continue
		}
		x.raw("<row")
		x.intAttr("r", int64(row))
		if height != 0 {
			x.floatAttr("ht", height)
			x.raw(` customHeight="1"`)
		}
		x.raw(">")
		for i, c := range cells {
			if c.kind == wbAbsent {
				continue
			}
			x.raw(`<c r="`)
			x.cellRef(i+1, row)
			x.raw(`"`)
			if c.style != 0 {
				x.intAttr("s", int64(c.style))
			}
			switch c.kind {
			case wbStyled:
				x.raw("/>")
				continue
			case wbString:
				x.raw(` t="s"><v>`)
				x.int(c.value)
			default:
				x.raw("><v>")
				x.buf = qxAppendDecimal(x.buf, c.value, int(c.scale))
			}
			x.raw("</v></c>")
		}
		x.raw("</row>")
	}
	x.raw("</sheetData>")
}

// wbAnyCell reports whether a row has a cell to write.
func wbAnyCell(cells []wbCell) bool {
	for _, c := range cells {
		if c.kind != wbAbsent {
			return true
		}
	}
	return false
}

// writePrint writes the page setup: A4 in the sheet's orientation, one page wide, centred, the
// margins and the footer.
func (s *wbSheet) writePrint(x *wbXML) {
	x.raw(`<printOptions horizontalCentered="1"/><pageMargins`)
	x.floatAttr("left", wbMarginSide)
	x.floatAttr("right", wbMarginSide)
	x.floatAttr("top", wbMarginTopBot)
	x.floatAttr("bottom", wbMarginTopBot)
	x.floatAttr("header", wbMarginHeadFoot)
	x.floatAttr("footer", wbMarginHeadFoot)
	x.raw("/><pageSetup")
	x.intAttr("paperSize", wbPaperA4)
	orientation := "portrait"
	if s.print.landscape {
		orientation = "landscape"
	}
	x.raw(` orientation="` + orientation + `" fitToWidth="1" fitToHeight="0"/>`)
	if s.footer != "" {
		x.raw("<headerFooter><oddFooter>")
		x.text(s.footer)
		x.raw("</oddFooter></headerFooter>")
	}
}
