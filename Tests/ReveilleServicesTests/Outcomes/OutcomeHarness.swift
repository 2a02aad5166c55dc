import Clocks
import Foundation
import Logging
import PBXProtocol
import PBXSimulator
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Testing

/// ``PushHarness`` (store, simulator, link, push scheduler on one `TestClock`) with the occurrence
/// recorder and its alert center: the simulator rings, its events reach the recorder over TCP.
struct OutcomeHarness {
    var push: PushHarness
    let recorder: OccurrenceRecorder<TestClock<Duration>>
    let alerts: AlertCenter
    let calendar: HotelCalendar
    var activity: AsyncStream<OccurrenceActivity>.Iterator
    var tasks: [Task<Void, Never>] = []

    var store: Store { push.store }
    var pbx: SimulatedPBX { push.pbx }

    /// - Parameter webhook: posts each alert there (its retries on the test clock).
    /// - Parameter maximumBackoff: the link's longest wait between reconnects (tests of outages shorten it).
    /// - Parameter statements: sees every SQL statement the store runs (a spy).
    init(
        rooms: Int = 2, webhook: WebhookConfiguration? = nil, maximumBackoff: Duration = .seconds(60),
        settings: (inout HotelSettings) -> Void = { _ in }, statements: (@Sendable (String) -> Void)? = nil
    ) async throws {
        // The clock jumps minutes at a time while events travel over real sockets: heartbeats and
        // request timeouts longer than a jump keep the link up in between.
        push = try await PushHarness(rooms: rooms, link: { link in
            link.heartbeatInterval = .seconds(86_400)
            link.requestTimeout = .seconds(86_400)
            link.maximumBackoff = maximumBackoff
        }, settings: settings, statements: statements)
        calendar = HotelCalendar(timeZone: push.settings.timeZone)
        let clock = push.clock
        let sender = webhook.map { WebhookSender(configuration: $0, clock: clock, logger: PushHarness.logger) }
        alerts = AlertCenter(store: push.store, timeZone: push.settings.timeZone, webhook: sender, logger: PushHarness.logger)
        let scheduler = push.scheduler
        recorder = OccurrenceRecorder(
            events: push.link.events(), linkStates: push.link.states(), replan: { scheduler.changed(rooms: $0) }, plans: scheduler.plans(), store: push.store, settings: push.settings, alerts: alerts, clock: push.clock, now: push.now,
            logger: PushHarness.logger)
        activity = recorder.activity().makeAsyncIterator()
        if let sender { tasks.append(Task { try? await sender.run() }) }
    }

    /// A started harness whose room 1201 has a 06:30 wake-up on the PBX, its extension scripted.
    static func started(
        _ answering: Answering = .onAttempt(1), attempts: Int = 3, webhook: WebhookConfiguration? = nil
    ) async throws -> OutcomeHarness {
        var harness = try await OutcomeHarness(webhook: webhook)
        try harness.book(attempts: attempts)
        try await harness.start()
        harness.pbx.setAnswering(answering, for: "8201")
        return harness
    }

    /// Books a one-off wake-up for `room` at `time` on 2026-11-25 (the harness starts the evening before).
    func book(
        _ room: String = "1201", at time: String = "06:30", attempts: Int = 3, personal: Bool? = nil, receptionOnly: Bool? = nil
    ) throws {
        let id = Int64(room)!
        try store.save(
            WakeUpPolicy(id: id, room: room, time: TimeOfDay(time)!, recurrence: .once(LocalDate("2026-11-25")!),
                         options: WakeUpOptions(frequency: 5, attempts: attempts, personal: personal, receptionOnly: receptionOnly)),
            actor: "test", at: push.now())
    }

    /// A DND window for `room`'s guest from 22:00 the evening before to 08:00 on 2026-11-25.
    func dnd(_ room: String = "1201") throws {
        let id = Int64(room)!
        try store.save(
            DNDWindow(id: id, room: room, stayID: id - 1200, start: calendar.instant(PBXDateTime("2026-11-24 22:00:00")!),
                      end: calendar.instant(PBXDateTime("2026-11-25 08:00:00")!)),
            actor: "test", at: push.now())
    }

    /// Starts everything and waits until the PBX holds every wake-up and the recorder knows it is
    /// there, and has heard that the link is up (so a later link activity is a new one).
    mutating func start(confirmed rooms: Set<String> = ["1201"]) async throws {
        push.server.tick(now: calendar.wallClock(push.now()))
        push.start()
        let recorder = self.recorder
        tasks.append(Task { try? await recorder.run() })
        try await push.settle()
        // The scheduler's next plan (the PBX now holds the wake-ups) reaches the recorder, as in the service.
        push.scheduler.changed(rooms: nil)
        var confirmed = Set<String>()
        var linkUp = false
        _ = try await until { activity in
            if case .saved(let occurrence) = activity, occurrence.onPBX { confirmed.insert(occurrence.room) }
            if case .link(let up) = activity { linkUp = up }
            return confirmed.isSuperset(of: rooms) && linkUp
        }
    }

    /// Moves the service's clock, then the simulator's, to `text` (the hotel's wall clock); returns
    /// the simulator's events. In this order the events reach the recorder at the new time, as they
    /// would from a real PBX ringing in real time.
    @discardableResult
    func step(to text: String) async -> [PBXEvent] {
        let date = calendar.instant(PBXDateTime(text)!)
        await push.clock.advance(to: push.instant(date))
        return push.server.tick(now: calendar.wallClock(date))
    }

    /// Follows the recorder until `done` says so; returns what it saw.
    mutating func until(_ done: (OccurrenceActivity) throws -> Bool) async throws -> [OccurrenceActivity] {
        var seen: [OccurrenceActivity] = []
        while let next = await activity.next() {
            seen.append(next)
            if try done(next) { return seen }
        }
        Issue.record("the recorder stopped")
        return seen
    }

    /// Waits until `room`'s occurrence is stored with `count` attempts (or a final state). The store
    /// is read first: the save may have come before, and been passed over by an earlier wait (a
    /// ring and a personal call's alert at the same minute arrive in either order under load).
    mutating func attempts(_ count: Int, of room: String = "1201") async throws {
        let stored = try store.occurrences(from: .distantPast, to: .distantFuture, room: room)
        if stored.contains(where: { $0.attempts.count >= count || $0.state.isFinal }) { return }
        _ = try await until { activity in
            guard case .saved(let occurrence) = activity, occurrence.room == room else { return false }
            return occurrence.attempts.count >= count || occurrence.state.isFinal
        }
    }

    /// Waits for `room`'s final outcome and, when one is raised, its alert.
    mutating func outcome(of room: String = "1201") async throws -> (WakeUpOccurrence, Alert?) {
        var final: WakeUpOccurrence?
        var alert: Alert?
        _ = try await until { activity in
            switch activity {
            case .saved(let occurrence) where occurrence.room == room && occurrence.state.isFinal:
                final = occurrence
                return occurrence.state.alertKind == nil
            case .alerted(let raised) where raised.room == room:
                alert = raised
                return true
            default:
                return false
            }
        }
        return (try #require(final), alert)
    }

    func stop() async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        await push.stop()
    }
}
