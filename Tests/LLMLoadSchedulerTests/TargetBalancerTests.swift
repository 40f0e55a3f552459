import LLMLoadCore
import LLMLoadScheduler
import Testing

@Suite struct TargetBalancerTests {
    @Test func roundRobinGivesRequestIToReplicaIModN() {
        let balancer = TargetBalancer(targets: 3, balance: .roundRobin)
        // Whatever is in flight: round-robin looks at the request's number only.
        let chosen = (0..<9).map { balancer.take(forRequest: $0) }
        #expect(chosen == [0, 1, 2, 0, 1, 2, 0, 1, 2])
        #expect(balancer.inFlightByTarget == [3, 3, 3])
        balancer.finished(1)
        #expect(balancer.inFlightByTarget == [3, 2, 3])
    }

    @Test func leastInFlightSendsToTheLeastBusyReplica() {
        let balancer = TargetBalancer(targets: 2, balance: .leastInFlight)
        #expect(balancer.take(forRequest: 0) == 0)
        #expect(balancer.take(forRequest: 1) == 1)
        // Replica 1 answered; replica 0 still works: the next two go to 1, though 2 is 0's turn.
        balancer.finished(1)
        #expect(balancer.take(forRequest: 2) == 1)
        #expect(balancer.inFlightByTarget == [1, 1])
        // Equally busy: the round-robin choice (request 3 → replica 1, request 4 → replica 0).
        #expect(balancer.take(forRequest: 3) == 1)
        #expect(balancer.take(forRequest: 4) == 0)
        #expect(balancer.inFlightByTarget == [2, 2])
    }

    @Test func oneTargetTakesEverything() {
        for balance in LoadBalance.allCases {
            let balancer = TargetBalancer(targets: 1, balance: balance)
            #expect((0..<5).map { balancer.take(forRequest: $0) } == [0, 0, 0, 0, 0])
        }
    }

    /// `--turns`: a conversation's later turns go where its first went, whatever the balance,
    /// so one replica's prefix cache holds the whole conversation.
    @Test(arguments: LoadBalance.allCases)
    func aConversationStaysOnTheReplicaOfItsFirstTurn(balance: LoadBalance) {
        let balancer = TargetBalancer(targets: 2, balance: balance)
        // Users 0 and 1 start conversations 0 and 1: round robin by conversation number.
        let first = [
            balancer.take(forConversation: 0, user: 0, isFirstTurn: true),
            balancer.take(forConversation: 1, user: 1, isFirstTurn: true),
        ]
        #expect(first == [0, 1])
        // Replica 0 is now busier; user 1's second turn still goes to replica 1, user 0's to 0.
        _ = balancer.take(forRequest: 2)
        #expect(balancer.take(forConversation: 1, user: 1, isFirstTurn: false) == 1)
        #expect(balancer.take(forConversation: 0, user: 0, isFirstTurn: false) == 0)
        #expect(balancer.inFlightByTarget == [3, 2])
        // User 0's next conversation (number 2) is balanced afresh.
        for target in [0, 0, 0, 1, 1] { balancer.finished(target) }
        #expect(balancer.take(forConversation: 2, user: 0, isFirstTurn: true) == 0)
        #expect(balancer.take(forConversation: 3, user: 0, isFirstTurn: true) == 1)
    }
}
