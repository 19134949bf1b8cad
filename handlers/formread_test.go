package handlers

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// heapAllocated is how many bytes the process has allocated on the heap so far.
func heapAllocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestHugeTitleMemory: a 13 MB title is refused with a short 422 that shows its start, and
// reading it allocates a small, fixed amount, not a few times the field (parsing the whole body
// allocated 32 MB for multipart and 110 MB for URL-encoded).
func TestHugeTitleMemory(t *testing.T) {
	e := newTestEnv(t, nil)
	title := "基幹刷新" + strings.Repeat("x", 13<<20)
	fields := append(baseFields(rowFields("要件定義書", "")...)[1:], field{"title", title})
	mpType, mpBody := multipartBody(t, fields, nil)
	enc := url.Values{}
	for _, f := range fields {
		enc.Add(f.name, f.value)
	}
	for _, tc := range []struct {
		name, contentType string
		body              []byte
	}{
		{"multipart", mpType, mpBody},
		{"urlencoded", "application/x-www-form-urlencoded", []byte(enc.Encode())},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.postRaw(t, "/tasks", tc.contentType, strings.NewReader("")) // warms up the page's code paths
			runtime.GC()
			before := heapAllocated()
			resp, body := e.postRaw(t, "/tasks", tc.contentType, bytes.NewReader(tc.body))
			allocated := heapAllocated() - before
			t.Logf("%s: %d-byte body, %.1f MB allocated", tc.name, len(tc.body), float64(allocated)/(1<<20))
			wantStatus(t, resp, http.StatusUnprocessableEntity)
			if len(body) > 200<<10 {
				t.Errorf("the 422 is %d bytes: the title was echoed", len(body))
			}
			doc := parseHTML(t, body)
			if got := doc.Find("#title").AttrOr("value", ""); !strings.HasPrefix(got, "基幹刷新xxx") || utf8.RuneCountInString(got) != maxTitle+1 {
				t.Errorf("title shown back as %d characters starting %.20q, want its first %d", utf8.RuneCountInString(got), got, maxTitle+1)
			}
			if doc.Find("#title-error").Length() != 1 {
				t.Error("the title's error is not shown")
			}
			if rows := filled(formRows(t, body)); len(rows) != 1 || rows[0][0] != "要件定義書" {
				t.Errorf("rows after the title lost: %q", rows)
			}
			if allocated > 8<<20 {
				t.Errorf("reading a %d MB title allocated %.1f MB, want under 8 MB", len(title)>>20, float64(allocated)/(1<<20))
			}
		})
	}
}

// TestLongestFieldsKept: every field at its limit in the widest UTF-8 comes through whole, and
// one character more is still refused as too long.
func TestLongestFieldsKept(t *testing.T) {
	e := newTestEnv(t, nil)
	wide := func(n int) string { return strings.Repeat("𠮷", n) } // 4 bytes each
	others := baseFields()[:5]                                   // all but the requirements
	resp, body := e.post(t, "/tasks/form", append(others, field{"requirements", wide(maxRequirement)}, field{"name", wide(maxRowName)},
		field{"description", wide(maxRowDesc)}), nil)
	wantStatus(t, resp, http.StatusOK)
	doc := parseHTML(t, body)
	if got := doc.Find("#requirements").Text(); got != wide(maxRequirement) {
		t.Errorf("requirements of %d characters came back with %d", maxRequirement, utf8.RuneCountInString(got))
	}
	if rows := formRows(t, body); len(rows) == 0 || rows[0] != [2]string{wide(maxRowName), wide(maxRowDesc)} {
		t.Error("a row at its limits did not come back whole")
	}
	resp, body = e.post(t, "/tasks", append(others, field{"requirements", wide(3 * maxRequirement)}), nil)
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	doc = parseHTML(t, body)
	if got := doc.Find("#requirements").Text(); utf8.RuneCountInString(got) != maxRequirement+1 {
		t.Errorf("requirements over the limit came back with %d characters, want %d", utf8.RuneCountInString(got), maxRequirement+1)
	}
	if doc.Find("#requirements-error").Length() != 1 {
		t.Error("requirements over the limit are not marked too long")
	}
}

// TestFormBodyRefusals: bodies the reader will not hold get the same answers as before: 400 for
// what cannot be read, 413 naming the form's text limit for too much text.
func TestFormBodyRefusals(t *testing.T) {
	e := newTestEnv(t, nil)
	manyFields := strings.Repeat("a=1&", maxFormFields+1)
	hugeHeader := "--b\r\nContent-Disposition: form-data; name=\"title\"; x=\"" + strings.Repeat("h", 100<<10) + "\"\r\n\r\nt\r\n--b--\r\n"
	var manyTexts []field
	for range 40 {
		manyTexts = append(manyTexts, field{"requirements", strings.Repeat("r", 120<<10)})
	}
	mpType, mpBody := multipartBody(t, baseFields(manyTexts...), nil)
	for _, tc := range []struct {
		name, path, contentType, body string
		status                        int
		message                       string
	}{
		{"bad-escape", "/tasks", "application/x-www-form-urlencoded", "title=%zz", http.StatusBadRequest, "could not be read"},
		{"cut-escape", "/tasks", "application/x-www-form-urlencoded", "title=a%4", http.StatusBadRequest, "could not be read"},
		{"semicolon", "/tasks", "application/x-www-form-urlencoded", "title=a;b", http.StatusBadRequest, "could not be read"},
		{"too-many-fields", "/tasks", "application/x-www-form-urlencoded", manyFields, http.StatusBadRequest, "could not be read"},
		{"no-boundary", "/tasks", "multipart/form-data", "--b--\r\n", http.StatusBadRequest, "could not be read"},
		{"cut-short", "/tasks", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nt", http.StatusBadRequest, "could not be read"},
		{"huge-part-header", "/tasks", "multipart/form-data; boundary=b", hugeHeader, http.StatusBadRequest, "could not be read"},
		{"text-over-limit", "/tasks", mpType, string(mpBody), http.StatusRequestEntityTooLarge, "at most 4 MB of text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := e.postRaw(t, tc.path+"?lang=en", tc.contentType, strings.NewReader(tc.body))
			wantStatus(t, resp, tc.status)
			if got := parseHTML(t, body).Find("[data-error-message]").Text(); !strings.Contains(got, tc.message) {
				t.Errorf("message %q, want it to say %q", got, tc.message)
			}
		})
	}
}

// TestFileOverTheLimitKeepsTheForm: a file over the upload limit is refused beside its field
// (413) with everything typed kept, and leaves no temporary file behind.
func TestFileOverTheLimitKeepsTheForm(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	e := newTestEnv(t, func(d *Deps) { d.MaxUploadBytes = 1 << 20 })
	big := bytes.Repeat([]byte("成果物,説明\n"), (1<<20)/16+1)
	for _, path := range []string{"/tasks?lang=en", "/tasks/import?lang=en"} {
		resp, body := e.post(t, path, baseFields(rowFields("kept", "typed")...), &upload{"big.csv", big})
		wantStatus(t, resp, http.StatusRequestEntityTooLarge)
		doc := parseHTML(t, body)
		if got := doc.Find("#file-error").Text(); !strings.Contains(got, "at most 1 MB") {
			t.Errorf("%s: file error %q", path, got)
		}
		if rows := filled(formRows(t, body)); len(rows) != 1 || rows[0] != [2]string{"kept", "typed"} {
			t.Errorf("%s: typed rows lost: %q", path, rows)
		}
		if doc.Find("#title").AttrOr("value", "") != "基幹システム刷新" {
			t.Errorf("%s: title lost", path)
		}
	}
	resp, _ := e.post(t, "/tasks/import?lang=en", baseFields(), &upload{"rows.csv", []byte("成果物名称,説明\nA,a\n")})
	wantStatus(t, resp, http.StatusOK)
	if n := len(e.h.imports.slots); n != 0 {
		t.Errorf("%d import slots still taken after the requests", n)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// TestSettingsImageSpooled: the settings images go through the same reader and their temporary
// files are gone once the request is over.
func TestSettingsImageSpooled(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	e := newTestEnv(t, nil)
	resp, _ := e.postSettings(t, settingsFields(), []namedFile{{"logo", "logo.png", encode(t, "png", testImage(120, 40))}})
	wantStatus(t, resp, http.StatusSeeOther)
	iss, err := e.store.Issuer(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(iss.Logo) == 0 {
		t.Fatal("the logo was not stored")
	}
	// The files are removed as the request ends, just after the answer has gone out.
	deadline := time.Now().Add(5 * time.Second)
	for left, _ := os.ReadDir(tmp); len(left) != 0; left, _ = os.ReadDir(tmp) {
		if time.Now().After(deadline) {
			t.Fatalf("temporary files left behind: %v", left)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestReadFormQuery: as with ParseForm, r.PostForm holds the body's fields and r.Form the body's
// followed by the URL's.
func TestReadFormQuery(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/x?lang=en&title=query", strings.NewReader("title=body&b=%E9%95%B7+x"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if _, err := readForm(httptest.NewRecorder(), r, formSpec{maxBody: formFieldsBytes}); err != nil {
		t.Fatal(err)
	}
	if want := (url.Values{"title": {"body"}, "b": {"長 x"}}); !reflect.DeepEqual(r.PostForm, want) {
		t.Errorf("PostForm = %v, want %v", r.PostForm, want)
	}
	if want := (url.Values{"title": {"body", "query"}, "b": {"長 x"}, "lang": {"en"}}); !reflect.DeepEqual(r.Form, want) {
		t.Errorf("Form = %v, want %v", r.Form, want)
	}
	if got := r.FormValue("lang"); got != "en" {
		t.Errorf("FormValue(lang) = %q", got)
	}
}

// TestReadURLEncoded: the streaming reader splits and unescapes as url.ParseQuery does, and cuts
// a long value at maxFieldBytes without splitting a character.
func TestReadURLEncoded(t *testing.T) {
	long := strings.Repeat("長", maxFieldBytes/3+5)
	for _, tc := range []struct {
		body string
		want url.Values
	}{
		{"", url.Values{}},
		{"a=1&b=2&a=3", url.Values{"a": {"1", "3"}, "b": {"2"}}},
		{"&&a&=x&b=", url.Values{"a": {""}, "": {"x"}, "b": {""}}},
		{"k=a+b%20c%2B%26%3D&x=y=z", url.Values{"k": {"a b c+&="}, "x": {"y=z"}}},
		{"%E9%95%B7=%e9%95%b7", url.Values{"長": {"長"}}},
		{"t=" + url.QueryEscape(long) + "&n=1", url.Values{"t": {long[:maxFieldBytes/3*3]}, "n": {"1"}}},
		{strings.Repeat("k", maxFieldNameBytes+1) + "=dropped&n=1", url.Values{"n": {"1"}}},
	} {
		fields := &formFields{values: url.Values{}}
		if err := readURLEncoded(strings.NewReader(tc.body), fields); err != nil {
			t.Errorf("%.40q: %v", tc.body, err)
			continue
		}
		if !reflect.DeepEqual(fields.values, tc.want) {
			t.Errorf("%.40q: got %.80v, want %.80v", tc.body, fields.values, tc.want)
		}
	}
}

// FuzzReadURLEncoded: the streaming reader agrees with url.ParseQuery, values and errors alike,
// but for the names over maxFieldNameBytes that it drops.
func FuzzReadURLEncoded(f *testing.F) {
	for _, s := range []string{"a=1&b=2", "a=%zz", "x=1;y=2", "%", "a+b=c+d", "=&=", "k=%41%4a%4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		want, wantErr := url.ParseQuery(body)
		fields := &formFields{values: url.Values{}}
		err := readURLEncoded(strings.NewReader(body), fields)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%q: error %v, url.ParseQuery's %v", body, err, wantErr)
		}
		for name := range want {
			if len(name) > maxFieldNameBytes {
				delete(want, name)
			}
		}
		if err == nil && fmt.Sprint(fields.values) != fmt.Sprint(want) {
			t.Fatalf("%q: got %v, url.ParseQuery %v", body, fields.values, want)
		}
	})
}
