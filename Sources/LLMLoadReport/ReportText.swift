import LLMLoadCore
import LLMLoadMetrics

/// Every label of `report.html` in each ``ReportLanguage``. Keys are used by the template and by
/// the charts' script (which gets the table as JSON), so a label is translated in one place.
enum ReportText {
    /// Labels by key, each in English and Chinese.
    typealias Table = [String: (en: String, zh: String)]

    /// `[key: (English, Chinese)]`: the page's own labels and every catalogue metric's title,
    /// under its id.
    static let table = pageLabels.merging(requestChartLabels) { page, _ in page }
        .merging(targetLabels) { page, _ in page }
        .merging(MetricCatalogue.all.map { ($0.id, $0.title) }) { page, _ in page }

    private static let pageLabels: Table = [
        "title": ("LLM load test report", "LLM 负载测试报告"),
        "target": ("Target", "目标"),
        "api": ("API", "API"),
        "model": ("Model", "模型"),
        "server_version": ("Server version", "服务器版本"),
        "load": ("Load", "负载"),
        "duration": ("Duration", "时长"),
        "started": ("Started", "开始"),
        "ended": ("Ended", "结束"),
        "tool": ("Tool", "工具"),
        "host": ("Host", "主机"),
        "gpus": ("GPUs", "GPU"),
        "none": ("none", "无"),
        "input_tokens": ("Input tokens", "输入 token"),
        "input_fit": ("Prompt fitting", "提示词长度校准"),
        "within_2_percent": ("server counts within 2 % of the target", "个服务器计数与目标相差不超过 2 %"),
        "shorter": ("shorter", "偏短"),
        "longer": ("longer", "偏长"),
        "lengths": ("lengths", "个长度"),
        "server_counts": ("server counts", "次服务器计数"),
        "largest_error": ("largest error", "最大误差"),
        "shared_prefix": ("shared prefix", "共享前缀"),
        "simulated": ("built-in simulator", "内置模拟器"),
        "tls_not_verified": ("TLS certificates were NOT verified (--insecure)", "未校验 TLS 证书（--insecure）"),
        "interrupted": (
            "The run was interrupted: the figures cover what was measured until then.",
            "运行被中断：数据仅覆盖中断前测得的部分。"
        ),
        "client_saturated": ("Measurements unreliable:", "测量结果不可靠："),
        "warnings": ("Warnings", "警告"),
        "preflight": ("Pre-flight check of the server", "服务器预检"),
        "preflight_info": ("info", "信息"),
        "preflight_warning": ("warning", "警告"),
        "preflight_unavailable": ("unavailable", "无法检查"),
        "shards": ("Shards", "分片"),
        "shard": ("shard", "分片"),
        "shard_host": ("on", "主机"),
        "shard_start_skew": ("start skew", "启动偏差"),
        "shard_requests": ("requests", "个请求"),
        "headline": ("At a glance", "概览"),
        "requests": ("Requests", "请求数"),
        "success_rate": ("Success rate", "成功率"),
        "error_rate": ("Error rate", "错误率"),
        "timeout_rate": ("Timeout rate", "超时率"),
        "requests_per_s": ("Completed req/s", "完成请求/秒"),
        "output_tokens_per_s": ("Output tokens/s", "输出 token/秒"),
        "ttft_p50": ("TTFT P50", "首 token 延迟 P50"),
        "ttft_p99": ("TTFT P99", "首 token 延迟 P99"),
        "e2e_p50": ("E2E P50", "端到端延迟 P50"),
        "e2e_p99": ("E2E P99", "端到端延迟 P99"),
        "tpot_p50": ("TPOT P50", "每 token 时间 P50"),
        "goodput": ("Goodput", "有效吞吐（goodput）"),
        "goodput_detail": ("met every SLO", "满足全部 SLO"),
        "of_which_warmup": ("warm-up requests left out", "个预热请求未计入"),
        "charts": ("Charts", "图表"),
        "chart_rate": (
            "Offered, sent and completed requests per second, and requests in flight", "每秒计划、发送、完成的请求数与并发中的请求数"
        ),
        "chart_latency": ("TTFT and E2E of each request, at its completion", "每个请求的首 token 延迟与端到端延迟（按完成时间）"),
        "chart_tokens": ("Output tokens per second", "每秒输出 token 数"),
        "chart_outcomes": ("Outcomes by kind and HTTP status", "按类型与 HTTP 状态统计的结果"),
        "chart_distribution": ("Distribution", "分布"),
        "chart_resources": ("CPU and memory", "CPU 与内存"),
        "chart_gpu": ("GPU utilisation and memory", "GPU 利用率与显存"),
        "resource": ("Resource", "资源"),
        "whole_run": ("whole run", "整个运行"),
        "resource_window": (
            "Average, P95 and maximum over the measured window (warm-up and drain left out); the last two columns over the whole run.",
            "平均、P95 与最大值统计自测量窗口（不含预热与收尾）；最后两列统计整个运行。"
        ),
        "no_resources": ("No resource samples in this run.", "本次运行没有资源采样。"),
        "chart_server_queue": (
            "Requests in flight (client) and running and waiting on the server", "并发中的请求（客户端）与服务器上运行、排队的请求"
        ),
        "server_running": ("server: running", "服务器：运行中"),
        "server_waiting": ("server: waiting", "服务器：排队中"),
        "chart_server_cache": ("Server KV cache and prefix cache", "服务器 KV 缓存与前缀缓存"),
        "kv_cache": ("KV cache used", "KV 缓存占用"),
        "prefix_cache_hits": ("prefix-cache hits", "前缀缓存命中"),
        "chart_server_tokens": ("Server-side tokens per second", "服务器端每秒 token 数"),
        "server_prompt_tokens": ("prompt", "提示词"),
        "server_generation_tokens": ("generation", "生成"),
        "chart_server_model": ("Model in GPU memory (Ollama)", "显存中的模型（Ollama）"),
        "server_metrics": ("Server metrics", "服务器指标"),
        "prefix_cache_hit_rate": ("Prefix-cache hits", "前缀缓存命中率"),
        "cached_tokens": ("prompt tokens from the cache", "个提示词 token 来自缓存"),
        "downsampled": (
            "{shown} of {total} requests shown: one in every {stride} (limit {limit} points)",
            "显示 {total} 个请求中的 {shown} 个：每 {stride} 个取一个（上限 {limit} 个点）"
        ),
        "all_points": ("every request shown", "显示全部请求"),
        "percentiles": ("Percentiles", "百分位数"),
        "population": ("over", "统计范围"),
        "metric": ("Metric", "指标"),
        "count": ("count", "数量"),
        "mean": ("mean", "平均"),
        "std": ("std", "标准差"),
        "min": ("min", "最小"),
        "max": ("max", "最大"),
        "responses": ("Sample responses", "响应示例"),
        "prompt": ("Prompt", "提示词"),
        "response": ("Response", "回答"),
        "reasoning": ("Reasoning", "推理过程"),
        "errors": ("Errors", "错误"),
        "no_errors": ("No request failed.", "没有失败的请求。"),
        "errors_not_listed": ("more failures with other messages", "个其他错误未列出"),
        "outcome": ("Outcome", "结果"),
        "message": ("Message", "信息"),
        "time_s": ("time since start (s)", "自开始的时间（秒）"),
        "per_s": ("per second", "每秒"),
        "in_flight": ("in flight", "并发中"),
        "offered": ("offered", "计划"),
        "sent": ("sent", "已发送"),
        "completed": ("completed", "已完成"),
        "failed": ("failed", "失败"),
        "ms": ("ms", "毫秒"),
        "tokens_per_s": ("tokens/s", "token/秒"),
        "share": ("share of requests", "请求占比"),
        "cdf": ("cumulative share", "累计占比"),
        "average": ("average", "平均"),
        "maximum": ("maximum", "最大"),
        "cpu": ("CPU", "CPU"),
        "memory": ("Memory", "内存"),
        "utilisation": ("utilisation", "利用率"),
        "gpu_memory": ("GPU memory", "显存"),
        "percent": ("%", "%"),
        "warmup": ("warm-up", "预热"),
        "burstiness": ("burstiness", "突发度"),
        "max_in_flight": ("max in flight", "最大并发请求数"),
        "turns": ("turns per conversation", "每个对话轮数"),
        "streaming": ("streaming", "流式"),
        "not_streaming": ("not streaming", "非流式"),
        "window": ("measured window", "测量窗口"),
        "ttft": ("TTFT", "首 token 延迟"),
        "e2e": ("E2E", "端到端延迟"),
        "footer": (
            "Written by llmload. Every figure is in summary.json and requests.csv beside this file.",
            "由 llmload 生成。所有数据见同目录下的 summary.json 与 requests.csv。"
        ),
    ]

    /// The label for `key` in `language` from `table` (by default this one); the key itself if
    /// it is missing (a test checks none is).
    static func label(_ key: String, _ language: ReportLanguage, table: Table = ReportText.table) -> String {
        guard let entry = table[key] else { return key }
        return language == .zh ? entry.zh : entry.en
    }

    /// Every label of `table` (by default this one) in `language`, for a template and its
    /// charts' script.
    static func labels(_ language: ReportLanguage, table: Table = ReportText.table) -> [String: String] {
        table.mapValues { language == .zh ? $0.zh : $0.en }
    }
}
