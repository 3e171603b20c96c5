package display
import (
  _ "github.com/goccy/go-graphviz"
  _ "github.com/janpfeifer/gonb/gonbui"
)
