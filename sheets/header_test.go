package sheets

import "testing"

func TestFindColumns(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  columns
	}{
		{"Japanese", []string{"成果物名称", "説明"}, columns{0, 1, true}},
		{"English", []string{"Deliverable name", "Summary"}, columns{0, 1, true}},
		{"FullWidthAndCase", []string{"ＩＴＥＭ", "ＤＥＳＣＲＩＰＴＩＯＮ"}, columns{0, 1, true}},
		{"SpacesInside", []string{"No", "メモ", "成果物　名称"}, columns{2, -1, true}},
		{"Reversed", []string{"概要", "項目名"}, columns{1, 0, true}},
		{"MostSpecificWins", []string{"項目", "備考", "成果物", "詳細"}, columns{2, 3, true}},
		{"NameOnly", []string{"No", "Name"}, columns{1, -1, true}},
		{"DescriptionOnlyIsData", []string{"件名", "説明"}, columns{0, 1, false}},
		{"Data", []string{"要件定義書", "要件を定義した文書"}, columns{0, 1, false}},
		{"DataAfterMargin", []string{"", "", "要件定義書"}, columns{2, 3, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := findColumns(tt.cells); got != tt.want {
				t.Errorf("findColumns(%q) = %+v, want %+v", tt.cells, got, tt.want)
			}
		})
	}
}
