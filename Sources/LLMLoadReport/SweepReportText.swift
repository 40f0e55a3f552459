import LLMLoadCore

/// The labels of the sweep's `report.html` in each ``ReportLanguage``: the run report's table
/// (``ReportText``, so a shared label is translated once) with the sweep's own added.
enum SweepReportText {
    static let table = ReportText.table.merging(sweepLabels) { _, sweep in sweep }

    private static let sweepLabels: ReportText.Table = [
        "sweep_title": ("LLM load sweep report", "LLM 负载扫描报告"),
        "mode": ("Mode", "模式"),
        "mode_rates": ("fixed rates (open loop)", "固定速率（开环）"),
        "mode_concurrencies": ("fixed users (closed loop)", "固定并发用户（闭环）"),
        "mode_find-max-rate": ("search for the highest rate that meets the goals", "搜索满足目标的最高速率"),
        "goals": ("Goals", "目标"),
        "points": ("Points", "测试点"),
        "points_passed": ("Points that met the goals", "满足目标的测试点"),
        "max_rate": ("Max rate", "最大速率"),
        "highest_passing": ("Highest load that met the goals", "满足目标的最高负载"),
        "lowest_failing": ("Lowest failing load", "未满足目标的最低负载"),
        "precision_reached": ("precision reached", "达到的精度"),
        "no_point_passed": ("No point met the goals.", "没有测试点满足目标。"),
        "peak_tokens": ("Peak output tokens/s", "最高输出 token/秒"),
        "sweep_interrupted": (
            "The sweep was interrupted: the points done until then are shown.", "扫描被中断：仅显示中断前完成的测试点。"
        ),
        "evidence": ("Evidence", "依据"),
        "point_table": ("Points", "测试点"),
        "offered_rate": ("Offered req/s", "计划请求/秒"),
        "users": ("Users", "并发用户"),
        "achieved": ("achieved", "实际完成"),
        "achieved_rate": ("Achieved req/s", "实际完成请求/秒"),
        "steady": ("steady", "稳态"),
        "steady_rate": ("Steady req/s", "稳态请求/秒"),
        "kept_up": ("Kept up", "跟上比例"),
        "result": ("Result", "结果"),
        "pass": ("PASS", "通过"),
        "fail": ("FAIL", "未通过"),
        "point_report": ("Report", "报告"),
        "open_report": ("open", "打开"),
        "chart_throughput_by_load": ("Achieved against offered requests per second", "实际完成与计划的每秒请求数"),
        "chart_tokens_by_load": ("Output tokens per second by load", "各负载下的每秒输出 token 数"),
        "chart_goodput_errors": ("Goodput share and error rate by load", "各负载下的有效吞吐占比与错误率"),
        "chart_tradeoff": ("Latency–throughput trade-off", "延迟与吞吐的权衡"),
        "chart_gpu_by_load": ("GPU utilisation and memory, maximum per point", "各测试点的 GPU 利用率与显存峰值"),
        "no_gpu_figures": ("No GPU figures in this sweep.", "本次扫描没有 GPU 数据。"),
        "offered_rate_axis": ("offered rate (req/s)", "计划速率（请求/秒）"),
        "users_axis": ("users (closed loop)", "并发用户数（闭环）"),
        "per_user_tokens": ("per-user tokens/s (median decode speed)", "单用户 token/秒（解码速度中位数）"),
        "total_tokens": ("total output tokens/s", "总输出 token/秒"),
        "req_per_s": ("req/s", "请求/秒"),
        "goodput_goal": ("goodput goal", "有效吞吐目标"),
        "error_bound": ("error-rate bound", "错误率上限"),
        "gpu_utilisation_max": ("GPU utilisation max %", "GPU 利用率峰值 %"),
        "gpu_memory_max": ("GPU memory max (GiB)", "显存峰值（GiB）"),
        "sweep_footer": (
            "Written by llmload. Every figure is in sweep.json and sweep.csv beside this file; each point's own run "
                + "folder and report are linked in the table.",
            "由 llmload 生成。所有数据见同目录下的 sweep.json 与 sweep.csv；每个测试点的运行目录与报告见表格中的链接。"
        ),
    ]

    /// Every label in `language`.
    static func labels(_ language: ReportLanguage) -> [String: String] { ReportText.labels(language, table: table) }

    /// The label for `key` in `language`; the key itself if it is missing (a test checks none is).
    static func label(_ key: String, _ language: ReportLanguage) -> String {
        ReportText.label(key, language, table: table)
    }
}
