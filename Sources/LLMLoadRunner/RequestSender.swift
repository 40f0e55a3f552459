import LLMLoadBackends
import LLMLoadCore
import LLMLoadScheduler
import LLMLoadWorkload

/// What each request's task runs: it builds the request the load model asked for, sends it,
/// and hands its record on.
///
/// A request in flight keeps its task's frames for as long as it waits for its answer, and a
/// run has hundreds in flight. So the request is built into one reference (``OutgoingRequest``) before
/// the wait and the record comes back as one (``ExchangeOutcome``): held by value in the
/// closure that did this before, they were 1.7 KB of frame, the plan's 592 bytes and the
/// record's 576 for every request in flight (docs/performance.md).
final class RequestSender: Sendable {
    /// One request, built, and what its record needs once it ended: small, as the frame of
    /// the task waiting for it holds it (the request itself is a reference).
    struct Prepared {
        let outgoing: OutgoingRequest
        /// With `--turns`: its conversation and turn (from 1).
        let place: (conversation: Int, turn: Int)?
        /// The replica it went to.
        let targetIndex: Int
    }

    private let configuration: RunConfiguration
    private let client: HTTPInferenceClient
    private let api: any InferenceAPI
    private let workload: PreparedWorkload
    private let conversations: ConversationBook?
    private let balancer: TargetBalancer?
    private let start: ContinuousClock.Instant
    private let redactor: SecretRedactor
    private let live: LiveProgress
    private let records: RecordQueue
    /// Read once: the first two are built anew each time they are read from the configuration.
    private let baseURLs: [String]
    private let headers: [(String, String)]
    private let shard: Shard?

    init(
        configuration: RunConfiguration, client: HTTPInferenceClient, api: any InferenceAPI,
        workload: PreparedWorkload, conversations: ConversationBook?, balancer: TargetBalancer?,
        start: ContinuousClock.Instant, redactor: SecretRedactor, live: LiveProgress, records: RecordQueue
    ) {
        self.configuration = configuration
        self.client = client
        self.api = api
        self.workload = workload
        self.conversations = conversations
        self.balancer = balancer
        self.start = start
        self.redactor = redactor
        self.live = live
        self.records = records
        baseURLs = configuration.target.baseURLs
        headers = configuration.target.headers
        shard = configuration.load.coordination?.shard
    }

    /// Sends the request `dispatch` stands for and records it. Returns the instant it ended,
    /// which frees its slot under `--max-in-flight`.
    func send(_ dispatch: LoadDispatcher<ContinuousClock>.Dispatch) async -> ContinuousClock.Instant {
        let prepared = prepare(dispatch)
        let outcome = await client.execute(prepared.outgoing)
        return finish(outcome, of: prepared, dispatch: dispatch)
    }

    /// Starts the request `dispatch` stands for without a task (the open loop's
    /// ``LoadDispatcher/Starter``), on the event loop its index gives; records it when it ends,
    /// on that loop, then calls `ended`.
    func start(_ dispatch: LoadDispatcher<ContinuousClock>.Dispatch, ended: @escaping @Sendable () -> Void) {
        let prepared = prepare(dispatch)
        client.start(prepared.outgoing, onEventLoop: dispatch.index % client.eventLoopCount) { [self] outcome in
            _ = finish(outcome, of: prepared, dispatch: dispatch)
            ended()
        }
    }

    func prepare(_ dispatch: LoadDispatcher<ContinuousClock>.Dispatch) -> Prepared {
        // A shard's requests keep their number in the whole load: prompt, tag and id alike.
        let (index, scheduledAt) = (shard?.globalIndex(ofLocal: dispatch.index) ?? dispatch.index, dispatch.scheduledAt)
        var request = workload.template
        let tag = workload.tag
        let requestTag = configuration.requests.isUniquePrefix ? tag.text(forRequest: index) : nil
        // With --turns, the user's conversation says what to send: the history and a new turn.
        let turn = conversations?.nextTurn(user: dispatch.user ?? 0, tag: requestTag)
        let planned = turn == nil ? workload.prompts.plannedPrompt(forRequest: index, tag: requestTag) : nil
        request.prompt = turn?.userText ?? planned?.prompt.text ?? ""
        request.messages = turn?.messages ?? planned?.prompt.messages
        if let tokens = planned?.maxOutputTokens { request.maxOutputTokens = tokens }
        let plan = RequestPlan(
            index: index, scheduledAt: scheduledAt, request: request,
            isWarmup: configuration.load.isWarmup(index: index, offset: scheduledAt - start),
            targetPromptTokens: turn.map(\.targetTokens) ?? planned?.targetTokens
        )
        // Never re-routed: a replica that fails fails its own requests. A conversation's
        // turns stay on the replica of its first.
        let targetIndex =
            if let balancer, let turn {
                balancer.take(
                    forConversation: turn.conversation, user: dispatch.user ?? 0, isFirstTurn: turn.turn == 1)
            } else {
                balancer?.take(forRequest: index) ?? 0
            }
        let outgoing = OutgoingRequest(
            plan: plan, api: api, baseURL: baseURLs[targetIndex], timeout: configuration.requests.timeout,
            headers: headers + [("X-Request-Id", "llmload-\(tag.run)-\(index)")])
        return Prepared(outgoing: outgoing, place: turn.map { ($0.conversation, $0.turn) }, targetIndex: targetIndex)
    }

    private func finish(
        _ outcome: ExchangeOutcome, of prepared: Prepared, dispatch: LoadDispatcher<ContinuousClock>.Dispatch
    ) -> ContinuousClock.Instant {
        balancer?.finished(prepared.targetIndex)
        var record = outcome.record
        record.targetIndex = prepared.targetIndex
        record.clientQueueEndedAt = dispatch.queueEndedAt
        (record.conversation, record.turn) = (prepared.place?.conversation, prepared.place?.turn)
        // The answer as the server sent it, before redaction; a failed or cut answer ends the conversation.
        let answer = record.outcome == .ok && record.responseTextTruncatedBytes == 0 ? record.responseText : nil
        record.redactForOutputs(redactor)
        live.add(record)
        records.add(FinishedRequest(record: record, prompt: redactor.redact(prepared.outgoing.plan.request.prompt)))
        if prepared.place != nil { conversations?.ended(user: dispatch.user ?? 0, answer: answer) }
        return record.finishedAt
    }
}
