package store

import (
	"strings"
	"unicode/utf8"
)

// decodePlainList decodes a JSON array of strings none of which has an escape, such as
// ["画面数は30程度","既存データの移行は対象外"], which is how nearly every list of assumptions or risks
// is stored. The items are cut from s rather than copied, and no reflection is involved:
// encoding/json took a third of the allocation of reading a 500-line revision. ok is false for
// anything else (an escape, a control character, invalid UTF-8, other JSON), which the caller
// leaves to encoding/json.
func decodePlainList(s string) (list []string, ok bool) {
	if strings.IndexByte(s, '\\') >= 0 || !utf8.ValidString(s) {
		return nil, false
	}
	rest, ok := strings.CutPrefix(strings.TrimLeft(s, jsonSpace), "[")
	if !ok {
		return nil, false
	}
	list = make([]string, 0, strings.Count(rest, `"`)/2)
	for rest = strings.TrimLeft(rest, jsonSpace); !strings.HasPrefix(rest, "]"); {
		if len(list) > 0 {
			if rest, ok = strings.CutPrefix(rest, ","); !ok {
				return nil, false
			}
			rest = strings.TrimLeft(rest, jsonSpace)
		}
		if rest, ok = strings.CutPrefix(rest, `"`); !ok {
			return nil, false
		}
		end := strings.IndexByte(rest, '"')
		if end < 0 || strings.ContainsFunc(rest[:end], func(r rune) bool { return r < 0x20 }) {
			return nil, false
		}
		list = append(list, rest[:end])
		rest = strings.TrimLeft(rest[end+1:], jsonSpace)
	}
	return list, strings.TrimLeft(rest[1:], jsonSpace) == ""
}

// jsonSpace is the white space JSON allows between tokens.
const jsonSpace = " \t\r\n"
