// Command sumdbbench, for bench/gosum-verify.sh:
//
//	sumdbbench serve N ADDR DIR   a checksum database of N module versions (golang.org/x/mod/sumdb's own
//	                              server and tlog code, our key), writing DIR/key and DIR/go.sum (2N lines)
//	sumdbbench verify URL KEY GOSUM CONCURRENCY
//	                              verifies every go.sum line with golang.org/x/mod/sumdb.Client — the code
//	                              the go command uses — and prints: milliseconds, tiles fetched, lookups
package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/note"
)

func line(i int, goMod bool) string {
	path := fmt.Sprintf("example.com/dep%d", i)
	if goMod {
		return fmt.Sprintf("%s v1.0.0/go.mod h1:%042dM=", path, i)
	}
	return fmt.Sprintf("%s v1.0.0 h1:%043d=", path, i)
}

func serve(n int, addr, dir string) {
	skey, vkey, err := note.GenerateKey(rand.Reader, "sumdb.bench")
	check(err)
	srv := sumdb.NewTestServer(skey, func(path, vers string) ([]byte, error) {
		i, err := strconv.Atoi(strings.TrimPrefix(path, "example.com/dep"))
		if err != nil || vers != "v1.0.0" {
			return nil, os.ErrNotExist
		}
		return []byte(line(i, false) + "\n" + line(i, true) + "\n"), nil
	})
	var gosum strings.Builder
	for i := 0; i < n; i++ {
		_, err := srv.Lookup(context.Background(), module.Version{Path: fmt.Sprintf("example.com/dep%d", i), Version: "v1.0.0"})
		check(err)
		gosum.WriteString(line(i, false) + "\n" + line(i, true) + "\n")
	}
	check(os.WriteFile(filepath.Join(dir, "key"), []byte(vkey), 0o644))
	check(os.WriteFile(filepath.Join(dir, "go.sum"), []byte(gosum.String()), 0o644))
	check(http.ListenAndServe(addr, sumdb.NewServer(srv)))
}

type ops struct {
	url, key string
	tiles    atomic.Int64
	mu       sync.Mutex
	config   map[string][]byte
}

func (o *ops) ReadRemote(path string) ([]byte, error) {
	if strings.HasPrefix(path, "/tile/") {
		o.tiles.Add(1)
	}
	resp, err := http.Get(o.url + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return io.ReadAll(resp.Body)
}

func (o *ops) ReadConfig(file string) ([]byte, error) {
	if file == "key" {
		return []byte(o.key), nil
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.config[file], nil
}

func (o *ops) WriteConfig(file string, old, new []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if string(o.config[file]) != string(old) {
		return sumdb.ErrWriteConflict
	}
	o.config[file] = new
	return nil
}

func (o *ops) ReadCache(file string) ([]byte, error) { return nil, os.ErrNotExist }
func (o *ops) WriteCache(file string, data []byte)   {}
func (o *ops) Log(msg string)                        {}
func (o *ops) SecurityError(msg string)              { fmt.Fprintln(os.Stderr, msg); os.Exit(1) }

func verify(url, key, gosumFile string, concurrency int) {
	data, err := os.ReadFile(gosumFile)
	check(err)
	o := &ops{url: url, key: key, config: map[string][]byte{}}
	client := sumdb.NewClient(o)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	modules := map[string]bool{}
	start := time.Now()
	sem := make(chan struct{}, concurrency)
	var wg sync.WaitGroup
	var failed atomic.Int64
	for _, l := range lines {
		f := strings.Fields(l)
		modules[f[0]+" "+strings.TrimSuffix(f[1], "/go.mod")] = true
		wg.Add(1)
		sem <- struct{}{}
		// As cmd/go's checkSumDB: one Lookup per go.sum line, the version with its /go.mod suffix;
		// the client fetches each record once and answers the second line from memory.
		go func(l string, f []string) {
			defer wg.Done()
			defer func() { <-sem }()
			found, err := client.Lookup(f[0], f[1])
			if err != nil {
				if failed.Add(1) == 1 {
					fmt.Fprintln(os.Stderr, err)
				}
				return
			}
			for _, have := range found {
				if have == l {
					return
				}
			}
			if failed.Add(1) == 1 {
				fmt.Fprintln(os.Stderr, "not in the database: "+l)
			}
		}(l, f)
	}
	wg.Wait()
	if failed.Load() > 0 {
		fmt.Fprintf(os.Stderr, "%d lookups or lines failed\n", failed.Load())
		os.Exit(1)
	}
	fmt.Printf("%d %d %d\n", time.Since(start).Milliseconds(), o.tiles.Load(), len(modules))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func main() {
	switch os.Args[1] {
	case "serve":
		n, _ := strconv.Atoi(os.Args[2])
		serve(n, os.Args[3], os.Args[4])
	case "verify":
		c, _ := strconv.Atoi(os.Args[5])
		verify(os.Args[2], os.Args[3], os.Args[4], c)
	}
}
