package plan

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/secure-apigw/secure-apigw/components/monitoring"
)

// Dashboard drawing: CloudWatch lays a dashboard out on a grid 24 units wide, each widget at (x, y) with a width and
// height in those units; monitoring.Widget is that body format. WriteDashboardSVG draws the planned dashboards' bodies on that grid, so the picture in the
// docs/operating.md is the dashboard `pulumi up` creates, not a drawing of what it should be.
const (
	gridColumns = 24
	unitWidth   = 40 // px per grid column
	unitHeight  = 34 // px per grid row
	margin      = 16
	lineHeight  = 17
)

// WriteDashboardSVG draws every CloudWatch dashboard the plan creates, one under the other, as SVG. Values known only
// after deploy are written symbolically (${gateway-api-api.name}). A plan without a dashboard is an error.
func (p *Plan) WriteDashboardSVG(w io.Writer) error {
	type board struct {
		name    string
		widgets []monitoring.Widget
		rows    int
	}
	var boards []board
	for _, r := range p.Engine.ByType("aws:cloudwatch/dashboard:Dashboard") {
		var body struct {
			Widgets []monitoring.Widget `json:"widgets"`
		}
		if err := json.Unmarshal([]byte(p.Engine.Symbolic(r.Str("dashboardBody"))), &body); err != nil {
			return fmt.Errorf("dashboard %s: its body is not known before deploy or not JSON: %w", r.Name, err)
		}
		b := board{name: p.Engine.Symbolic(r.Str("dashboardName")), widgets: body.Widgets}
		for _, wd := range body.Widgets {
			b.rows = max(b.rows, wd.Y+wd.Height)
		}
		boards = append(boards, b)
	}
	if len(boards) == 0 {
		return errors.New("the plan creates no CloudWatch dashboard")
	}
	width := gridColumns*unitWidth + 2*margin
	height := margin
	for _, b := range boards {
		height += 2*lineHeight + b.rows*unitHeight + margin
	}
	esc := func(s string) string {
		var sb strings.Builder
		_ = xml.EscapeText(&sb, []byte(s))
		return sb.String()
	}
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Helvetica, Arial, sans-serif">`+"\n",
		width, height, width, height)
	fmt.Fprintf(w, `<rect width="%d" height="%d" fill="#f2f3f3"/>`+"\n", width, height)
	top := margin
	for _, b := range boards {
		fmt.Fprintf(w, `<text x="%d" y="%d" font-size="15" font-weight="bold" fill="#16191f">CloudWatch dashboard %s (%s %s)</text>`+"\n",
			margin, top+lineHeight, esc(b.name), esc(p.Project), esc(p.Stack))
		top += 2 * lineHeight
		for _, wd := range b.widgets {
			x, y := margin+wd.X*unitWidth, top+wd.Y*unitHeight
			fmt.Fprintf(w, `<rect x="%d" y="%d" width="%d" height="%d" rx="4" fill="#ffffff" stroke="#aab7b8"/>`+"\n",
				x+3, y+3, wd.Width*unitWidth-6, wd.Height*unitHeight-6)
			line := y + 3 + lineHeight + 4
			fmt.Fprintf(w, `<text x="%d" y="%d" font-size="13" font-weight="bold" fill="#16191f">%s</text>`+"\n",
				x+12, line, esc(wd.Properties.Title))
			line += lineHeight
			fmt.Fprintf(w, `<text x="%d" y="%d" font-size="11" fill="#545b64">%s, every %d s</text>`+"\n",
				x+12, line, esc(widgetScope(wd)), wd.Properties.Period)
			for _, m := range wd.Properties.Metrics {
				line += lineHeight
				fmt.Fprintf(w, `<text x="%d" y="%d" font-size="12" fill="#0073bb">— %s</text>`+"\n", x+12, line, esc(metricLabel(m, wd.Properties.Stat)))
			}
		}
		top += b.rows*unitHeight + margin
	}
	fmt.Fprintln(w, "</svg>")
	return nil
}

// widgetScope is the namespace and dimensions of a widget's first metric: "AWS/ApiGateway ApiName=… Stage=dev".
func widgetScope(wd monitoring.Widget) string {
	if len(wd.Properties.Metrics) == 0 {
		return wd.Type
	}
	m := wd.Properties.Metrics[0]
	parts := []string{fmt.Sprint(m[0])}
	for i := 2; i+1 < len(m); i += 2 {
		if _, isOptions := m[i].(map[string]any); isOptions {
			break
		}
		parts = append(parts, fmt.Sprintf("%v=%v", m[i], m[i+1]))
	}
	return strings.Join(parts, " ")
}

// metricLabel is "Latency p99": the metric's name and its statistic (its own, or the widget's).
func metricLabel(m []any, widgetStat string) string {
	if len(m) < 2 {
		return fmt.Sprint(m)
	}
	stat := widgetStat
	if opts, ok := m[len(m)-1].(map[string]any); ok {
		if s, ok := opts["stat"].(string); ok {
			stat = s
		}
	}
	return fmt.Sprintf("%v %s", m[1], stat)
}
