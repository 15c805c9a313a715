package tests

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/plan"
	"github.com/secure-apigw/secure-apigw/stacks"
)

// The docs are the README (the front page) and the guides in docs/, plus every other Markdown file in the
// repository. These tests keep them from rotting: links and anchors lead somewhere, every `make` target they name
// exists, every config key they name is a key of stacks.Config, and every key of stacks.Config is in the config
// reference.

// markdownFiles are the repository's Markdown files, relative to the project root.
func markdownFiles(t *testing.T) []string {
	t.Helper()
	root := projectRoot(t)
	var files []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".md") {
			rel, err := filepath.Rel(root, path)
			files = append(files, rel)
			return err
		}
		return nil
	})
	require.NoError(t, err)
	require.Contains(t, files, "README.md")
	return files
}

func readDoc(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(projectRoot(t), rel))
	require.NoError(t, err)
	return string(b)
}

// docLine is one line of a Markdown file, and whether it is inside a fenced code block.
type docLine struct {
	n      int
	text   string
	inCode bool
}

// docLines splits a Markdown file into lines, joining a prose line whose inline code span runs on into the next
// ("`go run . plan" + "<stack>`") so that every span is read whole.
func docLines(text string) []docLine {
	var lines []docLine
	inCode, open := false, false
	for i, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			inCode, open = !inCode, false
			continue
		}
		if open {
			lines[len(lines)-1].text += " " + strings.TrimSpace(l)
		} else {
			lines = append(lines, docLine{i + 1, l, inCode})
		}
		if !inCode && strings.Count(l, "`")%2 == 1 {
			open = !open
		}
	}
	return lines
}

var (
	inlineCode = regexp.MustCompile("`([^`]+)`")
	mdLink     = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	nonSlug    = regexp.MustCompile(`[^\p{L}\p{N} _-]`)
)

// headingAnchors are the anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces
// as hyphens, and -1, -2, … after a repeated one.
func headingAnchors(text string) map[string]bool {
	anchors := map[string]bool{}
	for _, l := range docLines(text) {
		if l.inCode || !strings.HasPrefix(l.text, "#") {
			continue
		}
		title := strings.TrimSpace(strings.TrimLeft(l.text, "#"))
		slug := strings.ReplaceAll(nonSlug.ReplaceAllString(strings.ToLower(title), ""), " ", "-")
		anchor := slug
		for i := 1; anchors[anchor]; i++ {
			anchor = slug + "-" + strconv.Itoa(i)
		}
		anchors[anchor] = true
	}
	return anchors
}

// Every relative link in every Markdown file leads to a file or directory of the repository, and every #anchor to
// a heading of the file it names.
func TestDocLinksAndAnchorsLeadSomewhere(t *testing.T) {
	root := projectRoot(t)
	for _, file := range markdownFiles(t) {
		text := readDoc(t, file)
		for _, l := range docLines(text) {
			if l.inCode {
				continue
			}
			for _, m := range mdLink.FindAllStringSubmatch(l.text, -1) {
				target := m[1]
				if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				path, anchor, _ := strings.Cut(target, "#")
				resolved := file
				if path != "" {
					resolved = filepath.Join(filepath.Dir(file), path)
					if _, err := os.Stat(filepath.Join(root, resolved)); err != nil {
						t.Errorf("%s:%d: the link %s leads nowhere", file, l.n, target)
						continue
					}
				}
				if anchor == "" {
					continue
				}
				if !strings.HasSuffix(resolved, ".md") {
					t.Errorf("%s:%d: the link %s has an anchor into a file that is not Markdown", file, l.n, target)
					continue
				}
				if !headingAnchors(readDoc(t, resolved))[anchor] {
					t.Errorf("%s:%d: %s has no heading for the anchor #%s", file, l.n, resolved, anchor)
				}
			}
		}
	}
}

// makefileTargets are the targets the Makefile defines.
func makefileTargets(t *testing.T) []string {
	t.Helper()
	var targets []string
	rule := regexp.MustCompile(`^([a-z][a-z0-9-]*):`)
	sc := bufio.NewScanner(strings.NewReader(readDoc(t, "Makefile")))
	for sc.Scan() {
		if m := rule.FindStringSubmatch(sc.Text()); m != nil {
			targets = append(targets, m[1])
		}
	}
	require.NotEmpty(t, targets)
	return targets
}

// makeCommand is `make` starting a command (at the start, after && or ;, or after "(" in a comment, past any
// VAR=value words), and its first target after any VAR=value arguments: "MOTO_PORT=5001 make moto",
// "make e2e E2E_ARGS=…", "cd x && make y", "# … (MOTO_PORT=5001 make moto; …)".
var makeCommand = regexp.MustCompile(`(?:^|&&|;|\()\s*(?:\S+=\S*\s+)*make(?:\s+\S+=\S*)*\s+([a-z][a-z0-9-]*)`)

// makeInvocations are the targets named by `make …` in a line: in inline code, or as a command in a code block.
func makeInvocations(l docLine) []string {
	commands := []string{l.text}
	if !l.inCode {
		commands = nil
		for _, m := range inlineCode.FindAllStringSubmatch(l.text, -1) {
			commands = append(commands, m[1])
		}
	}
	var targets []string
	for _, c := range commands {
		for _, m := range makeCommand.FindAllStringSubmatch(c, -1) {
			targets = append(targets, m[1])
		}
	}
	return targets
}

// Every `make` target a doc names exists in the Makefile, and the make-target table of docs/build-and-test.md lists
// every target of the Makefile.
func TestMakeTargetsTheDocsNameExist(t *testing.T) {
	targets := makefileTargets(t)
	named := 0
	for _, file := range markdownFiles(t) {
		for _, l := range docLines(readDoc(t, file)) {
			for _, target := range makeInvocations(l) {
				named++
				assert.Contains(t, targets, target, "%s:%d names `make %s`, which the Makefile lacks", file, l.n, target)
			}
		}
	}
	assert.Greater(t, named, 20, "the docs name make targets")

	_, table, found := strings.Cut(readDoc(t, "docs/build-and-test.md"), "| target | what it does |\n")
	require.True(t, found, "docs/build-and-test.md has no make-target table")
	table, _, _ = strings.Cut(table, "\n\n")
	var listed []string
	for _, m := range regexp.MustCompile("(?m)^\\| `make ([a-z0-9-]+)` \\|").FindAllStringSubmatch(table, -1) {
		listed = append(listed, m[1])
	}
	for _, target := range targets {
		assert.Contains(t, listed, target, "docs/build-and-test.md's make-target table lacks %s", target)
	}
}

// configKeys walks stacks.Config by its JSON names: every key, objects included ("waf", "usagePlans.tiers[]",
// "usagePlans.tiers[].quota.limit"), and whether it is a leaf (not an object).
func configKeys(t reflect.Type, prefix string, keys map[string]bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		key := prefix + name
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case ft.Kind() == reflect.Struct:
			keys[key] = false
			configKeys(ft, key+".", keys)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			keys[key+"[]"] = false
			configKeys(ft.Elem(), key+"[].", keys)
		default:
			keys[key] = true
		}
	}
}

func allConfigKeys(t *testing.T) map[string]bool {
	t.Helper()
	keys := map[string]bool{"aws:region": true}
	configKeys(reflect.TypeFor[stacks.Config](), "", keys)
	require.Contains(t, keys, "monitoring.thresholds.latencyP99Ms")
	require.Contains(t, keys, "usagePlans.tiers[].quota.period")
	return keys
}

// notConfigKeys are dotted names in the docs that start like a config key but are something else, each with why.
var notConfigKeys = map[string]string{
	// docs/reuse.md: the component provider's SecuredApi inputs, which mirror the Go Args, not the stack config.
	"usagePlans.consumers[0].keyValue": "a SecuredApi input of the component provider",
}

// configKeyName matches a config key as the docs write it: `waf.enabled`, `waf.enabled: false`,
// `secure-apigw:gateway.logs.level`, `usagePlans.tiers[0].name`, `monitoring.thresholds.*`.
var configKeyName = regexp.MustCompile(`^(?:secure-apigw:)?(?:gateway\.)?([a-z][A-Za-z0-9]*(?:\[\d*\])?(?:\.[a-z][A-Za-z0-9]*(?:\[\d*\])?)*(?:\.\*)?)(?::\s.*)?$`)

var listIndex = regexp.MustCompile(`\[\d+\]`)

// normalizeKey writes list indexes as [] ("tiers[0]" is "tiers[]") and drops a trailing ".*".
func normalizeKey(k string) string {
	return strings.TrimSuffix(listIndex.ReplaceAllString(k, "[]"), ".*")
}

// Every config key a doc names in inline code is a key of stacks.Config: a dotted name whose first part is a
// top-level key of the gateway object must lead to a key there.
func TestConfigKeysTheDocsNameExist(t *testing.T) {
	keys := allConfigKeys(t)
	topLevel := map[string]bool{}
	for k := range keys {
		top, _, _ := strings.Cut(k, ".")
		topLevel[strings.TrimSuffix(top, "[]")] = true
	}
	checked := 0
	for _, file := range markdownFiles(t) {
		for _, l := range docLines(readDoc(t, file)) {
			if l.inCode {
				continue
			}
			for _, m := range inlineCode.FindAllStringSubmatch(l.text, -1) {
				km := configKeyName.FindStringSubmatch(m[1])
				if km == nil || !strings.Contains(km[1], ".") {
					continue
				}
				top, _, _ := strings.Cut(km[1], ".")
				if !topLevel[strings.TrimSuffix(normalizeKey(top), "[]")] {
					continue
				}
				if _, ok := notConfigKeys[km[1]]; ok {
					continue
				}
				checked++
				_, ok := keys[normalizeKey(km[1])]
				if _, list := keys[normalizeKey(km[1])+"[]"]; list {
					ok = true // a list named as a whole: `usagePlans.tiers`
				}
				assert.True(t, ok, "%s:%d names the config key `%s`, which stacks.Config does not have", file, l.n, km[1])
			}
		}
	}
	assert.Greater(t, checked, 100, "the docs name config keys")
}

// configReference is docs/config.md's table of every key, and the keys its first column names: a name starting
// with "." continues the previous full name's parent ("`network.executeApiEndpoint.allowedCidrs` / `.privateDns`").
func configReference(t *testing.T) (rows map[string]string) {
	t.Helper()
	rows = map[string]string{}
	for _, line := range strings.Split(configReferenceText(t), "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		first, _, _ := strings.Cut(strings.TrimPrefix(line, "| "), " | ")
		parent := ""
		for _, m := range inlineCode.FindAllStringSubmatch(first, -1) {
			name := m[1]
			if strings.HasPrefix(name, ".") {
				name = parent + name
			} else if i := strings.LastIndex(name, "."); i >= 0 {
				parent = name[:i]
			}
			rows[name] = line
		}
	}
	require.Contains(t, rows, "waf.enabled")
	return rows
}

// Every key of stacks.Config is in docs/config.md's table: as a row of its own, or (a field of a list's items) named
// in the row of its list. Every row names a key stacks.Config has.
func TestEveryConfigKeyIsInTheConfigReference(t *testing.T) {
	keys := allConfigKeys(t)
	rows := configReference(t)
	for name := range rows {
		_, ok := keys[normalizeKey(name)]
		assert.True(t, ok, "docs/config.md documents `%s`, which stacks.Config does not have", name)
	}
	for key, leaf := range keys {
		if !leaf {
			continue
		}
		if _, ok := rows[key]; ok {
			continue
		}
		documented := false
		for list, row := range rows {
			if rest, ok := strings.CutPrefix(key, list+"."); ok && strings.HasSuffix(list, "[]") {
				documented = true
				for _, part := range strings.Split(strings.ReplaceAll(rest, "[]", ""), ".") {
					documented = documented && regexp.MustCompile(`\b`+regexp.QuoteMeta(part)+`\b`).MatchString(row)
				}
			}
		}
		assert.True(t, documented, "the config key `%s` is in no row of docs/config.md's table", key)
	}
}

// The README is a front page: at most 12 KB. Each file it shows in full (after a "<!-- file: X -->" line) is that
// file exactly, and each excerpt (after "<!-- excerpt of X … -->") is lines of X in their order, with runs of spaces
// read as one and "..." standing for lines left out.
func TestTheFrontPageShowsWhatIsTrue(t *testing.T) {
	readme := readDoc(t, "README.md")
	assert.LessOrEqual(t, len(readme), 12*1024, "README.md is the front page: move detail into a guide in docs/")

	block := regexp.MustCompile("(?s)<!-- (file:|excerpt of) (\\S+)[^>]*-->\n```[a-z]*\n(.*?)\n```")
	blocks := block.FindAllStringSubmatch(readme, -1)
	require.Len(t, blocks, 3, "the plan excerpt and the minimal example's two files")
	normalize := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, b := range blocks {
		source := readDoc(t, b[2])
		if b[1] == "file:" {
			assert.Equal(t, strings.TrimRight(source, "\n"), b[3], "README.md shows %s in full, as it is", b[2])
			continue
		}
		var lines []string
		for _, l := range strings.Split(source, "\n") {
			lines = append(lines, normalize(l))
		}
		at := 0
		for _, l := range strings.Split(b[3], "\n") {
			if l == "..." {
				continue
			}
			i := slices.Index(lines[at:], normalize(l))
			if !assert.GreaterOrEqual(t, i, 0, "README.md's excerpt of %s: %q is not a line of it after the one before", b[2], l) {
				continue
			}
			at += i + 1
		}
	}
}

// The architecture picture is what `make graph` draws for dev: docs/architecture-dev.dot is the plan's graph, and
// the SVG rendered from it has every node and edge of it.
func TestTheArchitecturePictureIsDevsGraph(t *testing.T) {
	p, err := plan.Run(context.Background(), plan.Options{Root: projectRoot(t), Stack: "dev"})
	require.NoError(t, err)
	var dot strings.Builder
	p.WriteDOT(&dot)
	if readDoc(t, "docs/architecture-dev.dot") != dot.String() {
		t.Error("docs/architecture-dev.dot is not the graph of dev's plan: it is stale; run: make graph")
	}

	svg := readDoc(t, "docs/architecture-dev.svg")
	node := regexp.MustCompile(`(?m)^\s*(\w+) \[label=`)
	nodes := node.FindAllStringSubmatch(dot.String(), -1)
	require.NotEmpty(t, nodes)
	for _, m := range nodes {
		if !strings.Contains(svg, "<title>"+xmlEscape(m[1])+"</title>") {
			t.Fatalf("docs/architecture-dev.svg has no node %s: it is stale; run: make graph (with Graphviz)", m[1])
		}
	}
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "-", "&#45;").Replace(s)
}
