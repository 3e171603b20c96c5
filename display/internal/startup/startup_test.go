package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkStartup times a whole run of this command, from exec to exit,
// with go-graphviz's compilation cache cold (a fresh, empty TMPDIR each
// run) and warm (a TMPDIR that an earlier run filled).
func BenchmarkStartup(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "startup")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	run := func(tmp string) {
		cmd := exec.Command(bin)
		cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			tmp, err := os.MkdirTemp(dir, "cold")
			if err != nil {
				b.Fatal(err)
			}
			run(tmp)
		}
	})
	warm := filepath.Join(dir, "warm")
	if err := os.Mkdir(warm, 0o755); err != nil {
		b.Fatal(err)
	}
	run(warm)
	b.Run("warm", func(b *testing.B) {
		for b.Loop() {
			run(warm)
		}
	})
}
