package sheets

// wbTheme is xl/theme/theme1.xml: the colours and fonts of Office's default theme, with as few
// format entries as the schema allows. The default font's colour refers to it (text dark 1), and
// readers resolve the explicit colours of borders and fills against a workbook's theme.
const wbTheme = wbXMLHeader + `<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme">` +
	`<a:themeElements><a:clrScheme name="Office">` +
	`<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>` +
	`<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>` +
	`<a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2>` +
	`<a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>` +
	`<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6>` +
	`<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>` +
	`<a:fontScheme name="Office">` +
	`<a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Jpan" typeface="游ゴシック Light"/></a:majorFont>` +
	`<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Jpan" typeface="游ゴシック"/></a:minorFont>` +
	`</a:fontScheme><a:fmtScheme name="Office">` +
	`<a:fillStyleLst>` + wbThemeFill + wbThemeFill + wbThemeFill + `</a:fillStyleLst>` +
	`<a:lnStyleLst>` + wbThemeLine + wbThemeLine + wbThemeLine + `</a:lnStyleLst>` +
	`<a:effectStyleLst>` + wbThemeEffect + wbThemeEffect + wbThemeEffect + `</a:effectStyleLst>` +
	`<a:bgFillStyleLst>` + wbThemeFill + wbThemeFill + wbThemeFill + `</a:bgFillStyleLst>` +
	`</a:fmtScheme></a:themeElements></a:theme>`

// The format entries of the theme: plain fills, thin lines and no effects, in the placeholder
// colour each use fills in.
const (
	wbThemeFill   = `<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>`
	wbThemeLine   = `<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>`
	wbThemeEffect = `<a:effectStyle><a:effectLst/></a:effectStyle>`
)
