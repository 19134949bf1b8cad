package keyword

import "strings"

// NormalizeMessage folds a chat message for matching (see Fold), writes typographic apostrophes
// as ASCII ones and every run of white space as one space, so that "not  needed" and
// "don’t need" match the vocabularies.
func NormalizeMessage(s string) string {
	return CollapseSpace(strings.ReplaceAll(Fold(s), "’", "'"))
}

// CollapseSpace writes s on one line, every run of white space as one space.
func CollapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
