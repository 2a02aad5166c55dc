import PBXProtocol
import PBXSimulator
import Testing

/// The simulator keeps the last requests for tests and the demo log, never all of them: a
/// simulator left running gets a heartbeat every 5 s (§3.3) for as long as it runs.
@Suite struct SimulatorRequestLogTests {
    @Test func theRequestLogKeepsTheLastRequestsInOrderAndForgetsTheOldest() throws {
        let pbx = SimulatedPBX(accounts: ["pms": "s3cret"])
        let session = SimulatedPBX.SessionID(1)
        let sent = SimulatedPBX.receivedKept + 3
        for index in 0..<sent {
            let frame = try PBXRequest(seqID: String(index), command: .heartbeat(user: "pms")).frame()
            _ = pbx.handle(frame, from: session)
        }
        let kept = pbx.receivedRequests
        #expect(kept.count == SimulatedPBX.receivedKept)
        #expect(kept.first?.seqID == "3")
        #expect(kept.last?.seqID == String(sent - 1))
        #expect(zip(kept, kept.dropFirst()).allSatisfy { Int($0.seqID)! + 1 == Int($1.seqID)! })
    }
}
