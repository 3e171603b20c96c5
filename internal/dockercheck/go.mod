// A module of its own so that BuildKit's dependencies stay out of gograd's main module
// (students download the main module's dependencies). Run: cd internal/dockercheck && go test -count=1 ./...
// (-count=1: the files it checks, ../../Dockerfile and others, are outside this module, so go
// test's result cache would not notice when they change.)
module github.com/gograd/gograd/internal/dockercheck

go 1.24.4

require (
	github.com/moby/buildkit v0.26.3
	github.com/moby/patternmatcher v0.6.0
)

require (
	github.com/agext/levenshtein v1.2.3 // indirect
	github.com/containerd/typeurl/v2 v2.2.3 // indirect
	github.com/docker/go-units v0.5.0 // indirect
	github.com/gogo/protobuf v1.3.2 // indirect
	github.com/moby/docker-image-spec v1.3.1 // indirect
	github.com/opencontainers/go-digest v1.0.0 // indirect
	github.com/opencontainers/image-spec v1.1.1 // indirect
	github.com/pkg/errors v0.9.1 // indirect
	github.com/planetscale/vtprotobuf v0.6.1-0.20240319094008-0393e58bdf10 // indirect
	github.com/tonistiigi/go-csvvalue v0.0.0-20240814133006-030d3b2625d0 // indirect
	google.golang.org/protobuf v1.36.10 // indirect
)
