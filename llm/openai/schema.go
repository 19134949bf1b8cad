package openai

import (
	"bytes"
	"encoding/json"
)

// jsonSchema is a JSON Schema node in the subset that every structured-output backend accepts in
// strict mode (OpenAI, Azure since 2024-08, vLLM, llama.cpp): type, description, enum,
// properties (all required, no others), items. Bounds such as minItems, maximum or maxLength
// are stated in the system prompts (or in descriptions) instead, because older Azure API
// versions reject a strict schema that uses them; every bound is enforced when the answer is
// validated in Go.
//
// Properties keep their order when marshalled, because models fill them in that order: the
// reasoning comes before the figures it justifies.
type jsonSchema struct {
	Type        string
	Description string
	Enum        []string
	Properties  []schemaProperty
	Items       *jsonSchema
}

type schemaProperty struct {
	Name   string
	Schema jsonSchema
}

// MarshalJSON writes the node with its properties in order, every property required and
// additionalProperties false, as strict mode demands.
func (s jsonSchema) MarshalJSON() ([]byte, error) {
	node := orderedJSON{{"type", s.Type}}
	if s.Description != "" {
		node = append(node, jsonMember{"description", s.Description})
	}
	if s.Enum != nil {
		node = append(node, jsonMember{"enum", s.Enum})
	}
	if s.Type == "object" {
		props := make(orderedJSON, 0, len(s.Properties))
		required := make([]string, 0, len(s.Properties))
		for _, p := range s.Properties {
			props = append(props, jsonMember{p.Name, p.Schema})
			required = append(required, p.Name)
		}
		node = append(node, jsonMember{"properties", props}, jsonMember{"required", required},
			jsonMember{"additionalProperties", false})
	}
	if s.Items != nil {
		node = append(node, jsonMember{"items", s.Items})
	}
	return json.Marshal(node)
}

// orderedJSON is a JSON object whose members are written in the order given.
type orderedJSON []jsonMember

type jsonMember struct {
	key   string
	value any
}

func (o orderedJSON) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		key, err := json.Marshal(m.key)
		if err != nil {
			return nil, err
		}
		value, err := json.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(key)
		b.WriteByte(':')
		b.Write(value)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// The constructors below keep the operation schemas short enough to read as the shape of
// the answer.

func schemaObject(description string, props ...schemaProperty) jsonSchema {
	return jsonSchema{Type: "object", Description: description, Properties: props}
}

func schemaArray(description string, items jsonSchema) jsonSchema {
	return jsonSchema{Type: "array", Description: description, Items: &items}
}

func stringField(name, description string) schemaProperty {
	return schemaProperty{name, jsonSchema{Type: "string", Description: description}}
}

func numberField(name, description string) schemaProperty {
	return schemaProperty{name, jsonSchema{Type: "number", Description: description}}
}

func enumField(name, description string, values ...string) schemaProperty {
	return schemaProperty{name, jsonSchema{Type: "string", Description: description, Enum: values}}
}

func schemaField(name string, s jsonSchema) schemaProperty {
	return schemaProperty{name, s}
}
