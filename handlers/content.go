package handlers

import (
	"fmt"

	"estimator/views"
)

// requirementTemplates are the fill-in requirement templates, in the order the form lists them.
// Their label, hint and content are catalog entries templates.<key>.*, in both languages.
var requirementTemplates = []string{"website", "web_system", "mobile_app", "renewal", "api_integration", "business_app"}

// standardDeliverableCount is the length of the standard deliverable list, catalog entries
// standard_deliverables.d01 … d13.
const standardDeliverableCount = 13

func knownTemplate(key string) bool {
	for _, k := range requirementTemplates {
		if k == key {
			return true
		}
	}
	return false
}

// templateOptions lists the templates with labels in the UI language.
func (h *Handler) templateOptions(uiLang string) []views.Option {
	out := make([]views.Option, 0, len(requirementTemplates))
	for _, k := range requirementTemplates {
		out = append(out, views.Option{
			Value: k,
			Label: h.i18n.T(uiLang, "templates."+k+".label"),
			Hint:  h.i18n.T(uiLang, "templates."+k+".description"),
		})
	}
	return out
}

// templateContent is a template's text in the estimate's language.
func (h *Handler) templateContent(key, docLang string) string {
	return h.i18n.T(docLang, "templates."+key+".content")
}

// standardDeliverables is the standard list in the given language.
func (h *Handler) standardDeliverables(lang string) []views.FormRow {
	rows := make([]views.FormRow, 0, standardDeliverableCount)
	for i := 1; i <= standardDeliverableCount; i++ {
		key := fmt.Sprintf("standard_deliverables.d%02d", i)
		rows = append(rows, views.FormRow{Name: h.i18n.T(lang, key+".name"), Description: h.i18n.T(lang, key+".description")})
	}
	return rows
}
