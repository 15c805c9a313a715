// Package cwlogs holds the CloudWatch Logs facts that several components check against.
package cwlogs

import (
	"fmt"
	"slices"
)

// RetentionDays are the only values CloudWatch Logs accepts for a log group's retention (0, "never expire", is left
// out on purpose: an unbounded log group is a finding, CKV_AWS_66).
var RetentionDays = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
	3288, 3653}

// CheckRetention returns an error naming field when days is not a retention CloudWatch Logs accepts.
func CheckRetention(field string, days int) error {
	if slices.Contains(RetentionDays, days) {
		return nil
	}
	return fmt.Errorf("%s: %d is not a CloudWatch Logs retention; allowed: %v", field, days, RetentionDays)
}
