//go:build !unix

package render

// Drawing needs Unix sockets, sessions and file owners: see the package
// documentation. This line stops the build with a message that says so.
var _ = drawing_needs_a_Unix_like_system_such_as_Linux_macOS_or_WSL
