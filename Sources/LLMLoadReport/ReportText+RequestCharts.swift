extension ReportText {
    /// The labels of the reasoning cards and of the per-request charts drawn by
    /// `report-requests.js` (schedule, reasoning, input length, conversation turns, GPU power
    /// and temperature).
    static let requestChartLabels: Table = [
        "ttfa_p50": ("Time to first answer P50", "首个回答 token 时间 P50"),
        "ttfa_p99": ("Time to first answer P99", "首个回答 token 时间 P99"),
        "thinking_p50": ("thinking P50", "思考时间 P50"),
        "thinking_tokens_p50": ("Thinking tokens P50", "思考 token 数 P50"),
        "answer_tokens_p50": ("answer tokens P50", "回答 token 数 P50"),
        "answer_decode_p50": ("Answer decode P50", "回答解码速度 P50"),
        "chart_reasoning": ("Thinking and answer time of each request", "每个请求的思考时间与回答时间"),
        "thinking": ("thinking", "思考"),
        "answer": ("answer", "回答"),
        "request_index": ("request (in order of completion)", "请求（按完成顺序）"),
        "chart_schedule_lag": ("Schedule lag of each request, at its scheduled time", "每个请求的调度延迟（按计划时间）"),
        "schedule_lag": ("schedule lag", "调度延迟"),
        "lag_threshold": ("warning threshold", "警告阈值"),
        "chart_from_schedule": (
            "Latency from schedule of each request (includes schedule lag)", "每个请求自计划时间起的延迟（含调度延迟）"
        ),
        "from_schedule": ("latency from schedule", "自计划时间起的延迟"),
        "chart_input_tokens": ("Prompt tokens (server's count) against their target", "提示词 token 数（服务器计数）与目标"),
        "prompt_tokens": ("prompt tokens", "提示词 token 数"),
        "target_tokens": ("target", "目标"),
        "tokens": ("tokens", "token 数"),
        "power_w": ("power (W)", "功耗（瓦）"),
        "temperature_c": ("temperature (°C)", "温度（°C）"),
        "chart_gpu_power": ("power and temperature", "功耗与温度"),
        "chart_cpu_cores": ("Busy share of each CPU core", "每个 CPU 核心的占用率"),
        "core": ("core", "核心"),
        "chart_turns": (
            "TTFT by conversation turn, with the prompt tokens the server counted", "各对话轮次的首 token 延迟及服务器计的提示词 token 数"
        ),
        "turn": ("turn", "轮次"),
        "mean_input_tokens": ("mean input tokens", "平均输入 token 数"),
    ]
}
