package display

import (
	"os"
	"testing"

	"github.com/gograd/gograd/internal/render/rendertest"
)

func TestMain(m *testing.M) { os.Exit(rendertest.Main(m)) }
