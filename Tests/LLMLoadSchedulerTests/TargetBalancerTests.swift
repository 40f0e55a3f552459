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
}
