import Foundation
import Logging
import PBXProtocol
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Testing

/// What the PBX reports is kept: each wake-up ring with its outcome, and CDRs (§5).
struct PBXEventRecorderTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_560_000)

    @Test func wakeUpRingsAreRecordedAsAnsweredOrNotAndCDRsAreKept() async throws {
        let store = try Store(path: FileManager.default.temporaryDirectory.appendingPathComponent("events-\(UUID()).sqlite").path)
        try store.save(rooms: [Room(number: "1208", phone: "8208", floor: 12), Room(number: "1301", phone: "8301", floor: 13)],
                       actor: "test", at: Self.t0)
        let (events, continuation) = AsyncStream.makeStream(of: PBXEvent.self)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let recorder = PBXEventRecorder(events: events, store: store, now: { Self.t0 }, logger: logger)
        func status(_ exten: String, _ state: ExtensionStatus.State) -> PBXEvent {
            .extenStatus(ExtenStatus(exten: exten, status: ExtensionStatus(state)))
        }
        for event in [status("8208", .wakeUpRinging), status("8208", .offline),  // attempt 1: not answered
                      status("8208", .wakeUpRinging), status("8208", .talking),  // attempt 2: answered
                      status("8301", .wakeUpRinging), status("8301", .busy)] {
            continuation.yield(event)
        }
        continuation.yield(.cdr(CDR(caller: "wakeup", callee: "8208", start: PBXDateTime("2026-11-25 06:35:00")!,
                                    answer: PBXDateTime("2026-11-25 06:35:05")!, end: PBXDateTime("2026-11-25 06:35:20")!,
                                    duration: 15, disposition: .answered, callType: .internal)))
        continuation.finish()
        try await recorder.run()
        let attempts = try store.wakeUpAttempts()
        #expect(attempts.map(\.outcome).sorted { $0.rawValue < $1.rawValue } == [.answered, .unanswered, .unanswered])
        let last = try store.lastWakeUpAttempts()
        #expect(last["8208"]?.outcome == .answered && last["8208"]?.room == "1208")
        #expect(last["8301"]?.outcome == .unanswered)
        #expect(try store.cdrCount() == 1)
    }
}
