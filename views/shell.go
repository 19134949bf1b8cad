package views

// Shell is what the layout needs on every page: the language, asset URLs, navigation state and
// the engine shown in the footer. Handlers build it once per request.
type Shell struct {
	Lang    string
	Title   string // already translated; empty on the home page
	Nav     string // which navigation entry is current: NavNew, NavTasks or ""
	Assets  AssetURLs
	Langs   []LangLink
	Engine  Engine
	Version string
	Flash   []string // messages kept across a redirect, shown in the status region
	Refresh bool     // reload the page every few seconds when scripts are off (work in progress)
	// LangForm names a form whose typed contents switching the language keeps: the language
	// switch then submits that form instead of following a link.
	LangForm string
}

// Navigation entries.
const (
	NavNew   = "new"
	NavTasks = "tasks"
)

// AssetURLs are the content-hashed URLs of the static files the layout links.
type AssetURLs struct {
	CSS, HTMX, AppJS, Icon string
}

// LangLink is one entry of the language switch: the current page in another language.
type LangLink struct {
	Code, Label, URL string
	Current          bool
}

// Engine says which estimator answers: the offline parametric engine or a named model.
type Engine struct {
	Offline bool
	Model   string
}

// ErrorView is an error page or fragment: a status and translation keys, never raw error text.
type ErrorView struct {
	Status    int
	TitleKey  string
	BodyKey   string
	BodyArgs  []any
	RequestID string
}
