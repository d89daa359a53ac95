// Command h1bench times golang.org/x/mod/sumdb/dirhash.HashZip — the go command's own h1: hashing —
// on one zip, for bench/h1.sh. Usage: h1bench ZIP ITERATIONS
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"golang.org/x/mod/sumdb/dirhash"
)

func main() {
	n, _ := strconv.Atoi(os.Args[2])
	var h string
	var err error
	if h, err = dirhash.HashZip(os.Args[1], dirhash.Hash1); err != nil { // warm-up: page cache, code
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	start := time.Now()
	for i := 0; i < n; i++ {
		h, _ = dirhash.HashZip(os.Args[1], dirhash.Hash1)
	}
	fmt.Printf("%s %.1f\n", h, float64(time.Since(start).Microseconds())/1000/float64(n))
}
