// Package render turns DOT text into SVG through gograd-render
// (cmd/gograd-render), the program that holds Graphviz: linking Graphviz
// (go-graphviz, Graphviz compiled to WebAssembly) would make every program
// that draws, such as every notebook cell that calls display.Graph, 10 MB
// larger and several times slower to build.
//
// [SVG] finds the renderer through the environment variable GOGRAD_RENDER,
// which scripts/install.sh sets in the notebook kernel's spec; when that is
// unset, it builds the renderer from this module's source on first use,
// into the user's folder ([Folder]). Each user's drawings go to a renderer
// server of that user's own, which the first drawing starts and which stops
// by itself after a few idle minutes, so that a drawing cell skips loading
// Graphviz's WebAssembly; where the server cannot start, each drawing runs
// the renderer once instead. The server draws one graph at a time; SVG is
// safe to call from several goroutines at once.
//
// The server answers on a Unix socket in the user's folder. A request is
// the DOT text, after which the client closes its writing side; the answer
// is written by [WriteAnswer] and read by [ReadAnswer], in this package
// for both sides.
//
// Drawing needs a Unix-like system (Linux, macOS, WSL on Windows): Unix
// sockets, sessions and file owners. On other systems this package, and
// so package display, does not build.
package render
