package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// caseFile is a reference case as written: pointers and slices tell a missing field from a zero.
type caseFile struct {
	ID           string       `json:"id"`
	Language     string       `json:"language"`
	Title        string       `json:"title"`
	Requirements string       `json:"requirements"`
	Lines        []lineFile   `json:"lines"`
	Answers      []answerFile `json:"answers"`
	Expect       *expectFile  `json:"expect"`
	Source       string       `json:"source"`
}

type lineFile struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

type answerFile struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
}

type expectFile struct {
	Total  *totalFile            `json:"total"`
	Phases map[string]*shareFile `json:"phases"`
}

type totalFile struct {
	Min *days `json:"min"`
	Max *days `json:"max"`
}

type shareFile struct {
	Min *float64 `json:"min"`
	Max *float64 `json:"max"`
}

// Load reads every *.json file of dir as a reference case, in file name order, and checks each
// (see validate). A case that cannot be read or is incomplete is an error naming its file: a
// suite that silently skipped a case would report a better score than the engine earned.
func Load(dir string) ([]Case, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("eval: read reference cases: %w", err)
	}
	var cases []Case
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || filepath.Ext(name) != ".json" {
			continue
		}
		c, err := loadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("eval: reference case %s: %w", name, err)
		}
		if c.ID != strings.TrimSuffix(name, ".json") {
			return nil, fmt.Errorf("eval: reference case %s: id %q differs from the file name", name, c.ID)
		}
		cases = append(cases, c)
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("eval: no reference cases (*.json) in %s", dir)
	}
	return cases, nil
}

func loadFile(path string) (Case, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Case{}, err
	}
	// Unknown fields are refused: a misspelt key would otherwise be dropped without a word and
	// reported as a missing field, or not at all.
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var f caseFile
	if err := dec.Decode(&f); err != nil {
		return Case{}, fmt.Errorf("decode: %w", err)
	}
	if dec.More() {
		return Case{}, errors.New("decode: text after the JSON object")
	}
	return f.validate()
}
