package apache

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// references are the addresses pages refer to, each checked once through the proxy.
type references struct {
	b       *browser
	checked map[string]bool
}

// check follows every address doc refers to: links, stylesheets, scripts and images, and htmx
// GETs (as htmx sends them) must answer; form actions, formactions and hx-post addresses must
// reach a route that takes POST.
func (refs *references) check(t *testing.T, doc *goquery.Document) {
	t.Helper()
	each := func(selector, attr string, check func(t *testing.T, path string)) {
		doc.Find(selector).Each(func(_ int, s *goquery.Selection) {
			path := s.AttrOr(attr, "")
			if path == "" || strings.HasPrefix(path, "#") || strings.HasPrefix(path, "data:") {
				return
			}
			key := attr + " " + path
			if refs.checked[key] {
				return
			}
			refs.checked[key] = true
			if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") {
				if strings.Contains(path, "127.0.0.1") {
					t.Errorf("%s=%q: the app's own address leaks into the page", attr, path)
				}
				return // another site
			}
			check(t, path)
		})
	}
	page := func(t *testing.T, path string) { refs.b.get(t, path).want(t, http.StatusOK) }
	each("a[href], link[href]", "href", page)
	each("script[src], img[src]", "src", page)
	doc.Find("[hx-get]").Each(func(_ int, s *goquery.Selection) {
		path := htmxGet(doc, s)
		if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") {
			t.Errorf("hx-get=%q is not a path on the site", path)
		} else if !refs.checked["hx-get "+path] {
			refs.checked["hx-get "+path] = true
			refs.b.get(t, path, "HX-Request: true").want(t, http.StatusOK, http.StatusNoContent)
		}
	})
	// The app routes no OPTIONS: its 405 lists the methods the address takes (a GET there may
	// land on another route, /tasks/{id} for /tasks/form).
	takesPost := func(t *testing.T, path string) {
		r := refs.b.send(t, false, http.MethodOptions, path, nil).want(t, http.StatusMethodNotAllowed)
		if !strings.Contains(r.Header.Get("Allow"), http.MethodPost) {
			t.Errorf("%s: Allow %q, want POST", path, r.Header.Get("Allow"))
		}
	}
	each("form[method=post]", "action", takesPost)
	each("[formaction]", "formaction", takesPost)
	each("[hx-post]", "hx-post", takesPost)
}

// htmxGet is the address htmx asks for el's hx-get: with el's own value if it is a control (for a
// list, the first real choice, since choosing the placeholder sends nothing) and those of the
// controls its hx-include names.
func htmxGet(doc *goquery.Document, el *goquery.Selection) string {
	values := url.Values{}
	if name, ok := el.Attr("name"); ok && el.Is("select") {
		values.Set(name, el.Find(`option[value!=""]`).First().AttrOr("value", ""))
	} else {
		for _, f := range controls(el) {
			values.Add(f.name, f.value)
		}
	}
	if include, ok := el.Attr("hx-include"); ok {
		for _, f := range controls(doc.Find(include).NotSelection(el)) {
			values.Add(f.name, f.value)
		}
	}
	path := el.AttrOr("hx-get", "")
	if len(values) == 0 {
		return path
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + values.Encode()
}
