// Package graph is the model behind package display's pictures: it reads
// a caller's graph of Values by reflection ([Read]), writes it as DOT with
// the options of one call ([Drawing]), estimates which layout fits a
// notebook cell and what Graphviz's layout would cost, rebuilds the graph
// in the engine ([Rebuild]) and replays its backward pass ([Replay]).
// Packages display and display/views draw with it; it shows nothing itself.
package graph
