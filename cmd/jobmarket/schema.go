package main

import (
	"context"
	"encoding/json"
	"reflect"
	"time"

	"github.com/jobmarket/jobmarket/scrape"
	"github.com/jobmarket/jobmarket/transform"
)

// runSchema prints a JSON Schema of pipeline.yaml derived from the Go
// types the config is decoded into, so it cannot drift from what the
// command accepts. Editors use it to complete and check the file.
func runSchema(_ context.Context, e *env) error {
	s := schemaOf(reflect.TypeOf(Pipeline{}))
	if sources, ok := s["properties"].(map[string]any)["sources"].(map[string]any); ok {
		sources["items"].(map[string]any)["allOf"] = kindSchemas()
	}
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["title"] = "jobmarket pipeline.yaml"
	s["description"] = "Config of the jobmarket pipeline; see docs/config.md."
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

var (
	durationType = reflect.TypeOf(time.Duration(0))
	regionsType  = reflect.TypeOf(transform.Regions{})
)

// enums lists the closed sets of values some fields take, by YAML key.
var enums = map[string][]string{
	"kind": scrape.KindNames(),
}

// kindSchemas says, for each registered source kind, which keys a source
// of that kind may and must set.
func kindSchemas() []any {
	var out []any
	for _, k := range scrape.Kinds() {
		allowed := append([]string{"name", "kind"}, k.Keys...)
		out = append(out, map[string]any{
			"if":   map[string]any{"properties": map[string]any{"kind": map[string]any{"const": k.Name}}, "required": []string{"kind"}},
			"then": map[string]any{"description": k.Doc, "required": append([]string{"name"}, k.Required...), "propertyNames": map[string]any{"enum": allowed}},
		})
	}
	return out
}

// schemaOf describes a config type. Structs are closed (additional keys
// are an error, as when the file is read).
func schemaOf(t reflect.Type) map[string]any {
	switch {
	case t == durationType:
		return map[string]any{"type": "string", "pattern": `^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$`, "description": "a duration such as 500ms or 2s"}
	case t == regionsType:
		return map[string]any{"type": "object", "description": "region name → ISO 3166-1 alpha-2 country codes and UN M49 or CLDR region codes (\"150\", \"EU\"), in report order",
			"additionalProperties": map[string]any{"type": "array", "items": map[string]any{"type": "string", "pattern": "^([A-Z]{2}|[0-9]{3})$"}}}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return schemaOf(t.Elem())
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Uint64:
		return map[string]any{"type": "integer", "minimum": 0}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem())}
	case reflect.Struct:
		props := map[string]any{}
		for i := range t.NumField() {
			f := t.Field(i)
			key := yamlKey(f)
			if key == "" {
				continue
			}
			ps := schemaOf(f.Type)
			if values, ok := enums[key]; ok {
				ps["enum"] = values
			}
			props[key] = ps
		}
		return map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	}
	return map[string]any{}
}

// schemaCommand is `jobmarket schema`.
var schemaCommand = stageCommand{
	use:   "schema",
	short: "Print a JSON Schema of pipeline.yaml, for editors",
	run:   runSchema,
}
