import LLMLoadCore

/// Every label of `compare.html` in each ``ReportLanguage``: the page's own, over the run
/// report's (``ReportText``), whose chart words (`cdf`, `time_s`, `ms`, …) it shares. Read with
/// `ReportText.label(_:_:in:)` and `ReportText.labels(_:in:)`.
enum ComparisonText {
    static let table = ReportText.table.merging(pageLabels) { _, page in page }

    private static let pageLabels: ReportText.Table = [
        "title": ("LLM load test comparison", "LLM 负载测试对比"),
        "subtitle": (
            "Every change is from run A. Coloured: shown with 95 % confidence to be over 1 % worse (red) or better (green).",
            "所有变化均相对于运行 A。着色表示在 95 % 置信度下确认变差（红）或变好（绿）超过 1 %。"
        ),
        "run": ("Run", "运行"),
        "folder": ("Folder", "目录"),
        "differences": ("What differs in how the runs were set up", "运行设置的差异"),
        "no_differences": ("Nothing: the runs were set up alike.", "无：各次运行的设置相同。"),
        "setting": ("Setting", "设置"),
        "figures": ("Figures", "指标"),
        "figure": ("Figure", "指标"),
        "unit": ("Unit", "单位"),
        "ci": ("95 % CI", "95 % 置信区间"),
        "ci_note": (
            "Intervals: 95 % confidence interval of the change, from {resamples} bootstrap resamples of each run's "
                + "measured successful requests in requests.csv (seeded, reproducible). An interval that holds 0 does "
                + "not show a change. Inter-token latency has none: requests.csv holds one mean gap per request.",
            "区间：变化的 95 % 置信区间，由各运行 requests.csv 中测量阶段成功请求的 {resamples} 次自助重抽样得出（固定种子，可复现）。"
                + "包含 0 的区间表示未能确认有变化。token 间延迟没有区间：requests.csv 中每个请求只有一个平均间隔。"
        ),
        "chart_cdf": ("Distributions (cumulative share of requests)", "分布（请求累计占比）"),
        "chart_series": ("Over time, aligned on seconds since each run's start", "随时间变化（按各运行开始后的秒数对齐）"),
        "series_tokens": ("Output tokens per second", "每秒输出 token 数"),
        "series_completed": ("Completed requests per second", "每秒完成请求数"),
        "series_ttft_p95": ("TTFT P95 per second (ms)", "每秒首 token 延迟 P95（毫秒）"),
        "series_e2e_p95": ("E2E P95 per second (ms)", "每秒端到端延迟 P95（毫秒）"),
        "footer": (
            "Written by llmload compare from the run folders listed above (summary.json and requests.csv).",
            "由 llmload compare 根据上列运行目录（summary.json 与 requests.csv）生成。"
        ),
    ]
}
