//go:build !linux || !cgo

package main

// keepFreedMemory does nothing outside Linux and without cgo: the trimming it prevents is glibc's
// (see malloc_glibc.go).
func keepFreedMemory() {}
