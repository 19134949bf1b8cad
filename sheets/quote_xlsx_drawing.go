package sheets

// wbEMUPerPixel converts pixels to the English Metric Units drawings are measured in.
const wbEMUPerPixel = 9525

// wbPicture is a PNG anchored at a cell (1-based), offsetX pixels to its right, width × height
// pixels: printed with the sheet, moving with its cell without being stretched by it (a
// one-cell anchor), the aspect ratio locked.
type wbPicture struct {
	col, row      int
	data          []byte
	offsetX       int
	width, height int
	alt           string
}

// wbWriteDrawing writes the drawing part of a sheet's pictures; the picture numbered i (from 0)
// is the relationship rId{i+1} of the drawing.
func wbWriteDrawing(x *wbXML, pictures []wbPicture) {
	x.raw(wbXMLHeader + `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"` +
		` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="` + wbNSRelationships + `">`)
	for i, p := range pictures {
		id := int64(i + 2) // 1 is the drawing itself
		cx, cy := int64(p.width)*wbEMUPerPixel, int64(p.height)*wbEMUPerPixel
		x.raw("<xdr:oneCellAnchor><xdr:from><xdr:col>")
		x.int(int64(p.col - 1))
		x.raw("</xdr:col><xdr:colOff>")
		x.int(int64(p.offsetX) * wbEMUPerPixel)
		x.raw("</xdr:colOff><xdr:row>")
		x.int(int64(p.row - 1))
		x.raw("</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext")
		x.intAttr("cx", cx)
		x.intAttr("cy", cy)
		x.raw("/><xdr:pic><xdr:nvPicPr><xdr:cNvPr")
		x.intAttr("id", id)
		x.raw(` name="Picture `)
		x.int(id)
		x.raw(`"`)
		x.attr("descr", p.alt)
		x.raw(`/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>`)
		x.raw(`<xdr:blipFill><a:blip r:embed="rId`)
		x.int(int64(i + 1))
		x.raw(`"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>`)
		x.raw(`<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext`)
		x.intAttr("cx", cx)
		x.intAttr("cy", cy)
		x.raw(`/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>`)
		x.raw(`<xdr:clientData fLocksWithSheet="1" fPrintsWithSheet="1"/></xdr:oneCellAnchor>`)
	}
	x.raw("</xdr:wsDr>")
}
