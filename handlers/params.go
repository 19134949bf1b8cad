package handlers

import (
	"net/http"

	"github.com/gorilla/mux"

	"estimator/store"
)

// pathTaskID is the {id} of a task route. A value that cannot be a task id is a 404 without a
// query. Route variables are read only here, so the router stays behind one seam.
func pathTaskID(r *http.Request) (string, error) {
	id := mux.Vars(r)["id"]
	if !store.ValidTaskID(id) {
		return "", errNotFound
	}
	return id, nil
}

// pathProposal is the {pid} of a proposal route.
func pathProposal(r *http.Request) string {
	return mux.Vars(r)["pid"]
}

// pathLine is the {n} of a line route, or "" on routes without one.
func pathLine(r *http.Request) string {
	return mux.Vars(r)["n"]
}

// pathPosition is the {pos} of a line of a revision.
func pathPosition(r *http.Request) string {
	return mux.Vars(r)["pos"]
}
