/// The text `llmload compare` prints: the runs, what differs in how they were run, then every
/// figure side by side with each later run's change from A and, for percentiles, the 95 %
/// interval of that change.
public enum ComparisonConsole {
    public static func render(_ comparison: RunComparison) -> String {
        var lines = ["Comparing \(comparison.runs.count) runs; every change is from A."]
        for (index, run) in comparison.runs.enumerated() {
            let s = run.summary
            lines.append(
                "  \(RunComparison.label(index))  \(run.folder.path) (\(s.runDescription.target.model), \(s.runDescription.load.pattern), "
                    + "started \(s.run.startedAt))")
        }
        lines.append("")
        if comparison.differences.isEmpty {
            lines.append("What differs: nothing in how the runs were set up.")
        } else {
            lines.append("What differs")
            // One line a run: values such as command lines are too long to stand side by side.
            for difference in comparison.differences {
                lines.append("  " + difference.title.en)
                for (index, value) in difference.values.enumerated() {
                    lines.append("    \(RunComparison.label(index))  \(value)")
                }
            }
        }
        lines.append("")
        lines += ConsoleSummary.table(figureRows(comparison))
        let resamples = comparison.bootstrap.resamples
        lines.append(
            "(CI: 95 % interval of the change, from \(resamples) bootstrap resamples of each run's measured "
                + "successful requests in requests.csv; an interval that holds 0 does not show a change. "
                + "itl has none: requests.csv holds one mean gap per request.)")
        return lines.joined(separator: "\n")
    }

    /// The header and one row per figure: name and unit, each run's value, then per later run
    /// its change, relative change and interval.
    static func figureRows(_ comparison: RunComparison) -> [[String]] {
        let later = comparison.runs.indices.dropFirst()
        var header = ["figure", "unit"] + comparison.runs.indices.map(RunComparison.label)
        for index in later {
            let run = RunComparison.label(index)
            header += ["\(run)−A", "\(run)−A %", "\(run)−A 95 % CI"]
        }
        var rows = [header]
        for figure in comparison.figures {
            var row = [figure.key, figure.unit] + comparison.runs.indices.map(figure.valueText)
            for index in later {
                guard let change = figure.changes[index] else {
                    row += [FigureText.dash, FigureText.dash, ""]
                    continue
                }
                row += [
                    figure.absoluteText(change), FigureText.signedPercent(change.relative),
                    figure.intervalText(change) ?? "",
                ]
            }
            rows.append(row)
        }
        return rows
    }
}
