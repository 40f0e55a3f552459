extension ReportText {
    /// The labels of the per-replica table (`--url` given more than once).
    static let targetLabels: Table = [
        "targets": ("Per target", "各目标"),
        "targets_note": (
            "Every request went to one target and stayed there (no re-routing): a target's failures are its own. Rates are per second of the whole run's window, so they add up to the run's.",
            "每个请求只发往一个目标且不会改发（不重新路由）：一个目标的失败只计入它自己。速率按整个运行的时间窗口计算，因此各目标之和等于整体。"
        ),
        "target_number": ("#", "#"),
        "balance": ("balance", "分配方式"),
        "ok": ("ok", "成功"),
        "failed": ("failed", "失败"),
        "percentiles_ms": ("ms, P50 / P90 / P99", "毫秒，P50 / P90 / P99"),
    ]
}
