// gorender renders an XArr pay theme page with Go's own template engines, the way GoFrame's view
// engine does: delimiters ${ }, the site-option function get_option, and either text/template
// (GoFrame's default, values written raw) or html/template (its AutoEncode option).
//
// Usage: gorender text|html TEMPLATE DATA_JSON > page.html
// DATA_JSON holds the template data; its "__options" object answers get_option.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"os"
	texttemplate "text/template"
)

func main() {
	if len(os.Args) != 4 || (os.Args[1] != "text" && os.Args[1] != "html") {
		fmt.Fprintln(os.Stderr, "usage: gorender text|html TEMPLATE DATA_JSON")
		os.Exit(2)
	}
	src, err := os.ReadFile(os.Args[2])
	check(err)
	raw, err := os.ReadFile(os.Args[3])
	check(err)
	var data map[string]interface{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // numbers print as written, not as floats
	check(dec.Decode(&data))
	options, _ := data["__options"].(map[string]interface{})
	getOption := func(key string) interface{} { return options[key] }
	var out bytes.Buffer
	if os.Args[1] == "text" {
		t, err := texttemplate.New("page").Delims("${", "}").
			Funcs(texttemplate.FuncMap{"get_option": getOption}).Parse(string(src))
		check(err)
		check(t.Execute(&out, data))
	} else {
		t, err := htmltemplate.New("page").Delims("${", "}").
			Funcs(htmltemplate.FuncMap{"get_option": getOption}).Parse(string(src))
		check(err)
		check(t.Execute(&out, data))
	}
	os.Stdout.Write(out.Bytes())
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gorender:", err)
		os.Exit(1)
	}
}
