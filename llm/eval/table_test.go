package eval

import (
	"context"
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	cases := []Case{
		testCase("inside", Band{Min: 200, Max: 400}, 0),
		testCase("above", Band{Min: 400, Max: 805}, 0.01),
	}
	cases[1].Language = "ja"
	results, err := Run(context.Background(), fakeEngine{est: tenDays}, cases)
	if err != nil {
		t.Fatal(err)
	}
	failing, err := Run(context.Background(), fakeEngine{est: tenDays, fail: "Manual"}, []Case{testCase("failing", Band{Min: 200, Max: 400}, 0)})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := Table(&b, append(results, failing...)); err != nil {
		t.Fatal(err)
	}
	want := `case     lang  days                   band     total  req    design  impl   test   doc    range      covers mid  calls  tokens in  tokens out  cost
inside   en    30.0                   20-40    in     10.0%  30.0%   30.0%  30.0%  0.0%   24.0-42.0  yes         3      300        60          $0.0000
above    ja    30.0                   40-80.5  out    10.0%  30.0%   30.0%  30.0%  0.0%*  24.0-42.0  no          3      300        60          $0.0000
failing  en    failed (1 of 3 lines)  20-40    -      -      -       -      -      -      -          -           3      300        60          $0.0000

cases inside band: 1/3 (en 1/2, ja 0/1); shares inside band: 9/15; range covers band midpoint: 1/3; calls: 9; tokens: 900 in, 180 out; cost: $0.0000
* share outside its expected band

failed lines:
  failing line 3 (Manual): the model refused
`
	if got := b.String(); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}
