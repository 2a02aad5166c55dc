import Foundation
import PBXProtocol

/// The outcome of every wake-up as a pure state machine (issue 10 §1): events in, each with `now`;
/// actions out. No SQLite, no clock, no sockets (model: ``PushStateMachine``, `LinkStateMachine`).
///
/// The driver (`OccurrenceRecorder`) feeds it the planner's wake-ups, the PBX's events and ticks,
/// stores what ``Action/save(_:)`` says and raises what ``Action/alert(_:_:)`` says. Rules:
/// - **Planned**: every wake-up the planner puts on the coming day becomes an `upcoming` occurrence.
///   One that leaves the plan before its time is `cancelled` — or `checkedOut` when its room has no
///   guest any more. One that leaves a room while the same guest's wake-up of the same time and
///   source is planned in another room moved with the guest (a room move): its record is forgotten,
///   the new room's record carries the outcome. Whether the PBX confirmed it before its time is remembered (``WakeUpOccurrence/onPBX``).
/// - **Attempts** (§5.3 Decisions): ExtenStatus 10 makes it `ringing`; 10 → 6 is an answered attempt
///   (final `answered`), 10 → anything else an unanswered one — after the last planned attempt the
///   outcome is `unanswered`. A ring belongs to the extension's pending occurrence whose time is at
///   most ``Configuration/earlyTolerance`` ahead and whose last attempt plus the grace has not passed.
/// - **CDRs** (§5.1) cross-check, when the PBX sends them: an ANSWERED CDR near an attempt's time makes
///   it answered (also after the outcome was given: the record is corrected, the alert stays); a CDR for
///   an attempt the ExtenStatus events missed adds it (BUSY → busy, anything else unanswered).
/// - **Deadlines**: no ring within ``Configuration/notRungGrace`` after its time → `notRung` (or
///   `suppressed` when the PBX never confirmed it); attempts that stop before the planned number →
///   the outcome once the grace after the last planned attempt has passed (all busy → `busy`).
/// - **Alerts**: each final outcome other than answered, cancelled and checked out raises one
///   (``OccurrenceState/alertKind``), at once — within 60 s of the last attempt.
/// - **Personal calls** (issue 14 §2): at its time a personal occurrence raises a `personalCall`
///   alert ("call room 1208 now"), once (``WakeUpOccurrence/personalAlertedAt``) — or when its
///   outcome comes earlier (answered within the early tolerance); it still rings and gets its
///   outcome as above. A reception-only one, never on the PBX, never takes a ring and
///   ends `byReception` with that alert.
public struct OccurrenceStateMachine: Sendable {
    public struct Configuration: Hashable, Sendable {
        /// How long after its time a wake-up may start ringing before it counts as never rung.
        public var notRungGrace: TimeInterval = 120
        /// How early a ring (or a CDR) may come and still belong to an occurrence (clock skew).
        public var earlyTolerance: TimeInterval = 90
        /// How long after its last attempt a finished occurrence is kept for late CDRs.
        public var keepFinished: TimeInterval = 2 * 3600

        public init(notRungGrace: TimeInterval = 120, earlyTolerance: TimeInterval = 90) {
            self.notRungGrace = notRungGrace
            self.earlyTolerance = earlyTolerance
        }
    }

    public enum Event: Hashable, Sendable {
        /// The planner's wake-ups of `rooms` (`nil`: every room); `occupied`: the rooms with a guest now.
        case planned([WakeUpOccurrence], rooms: Set<String>?, occupied: Set<String>)
        /// An extension status (§5.3).
        case extenStatus(ExtenStatus)
        /// A call detail record (§5.1) to `phone`, started at `start` (the hotel's wall clock read as an instant).
        case cdr(phone: String, start: Date, disposition: CallDisposition)
        /// Time passed.
        case tick
    }

    public enum Action: Hashable, Sendable {
        /// Store the occurrence (insert or update by room and time).
        case save(WakeUpOccurrence)
        /// Raise an alert about the occurrence just saved.
        case alert(AlertKind, WakeUpOccurrence)
        /// Delete the stored record of this room and time: the wake-up moved to another room with its guest.
        case forget(WakeUpOccurrence)
    }

    public let configuration: Configuration
    private var pending: [OccurrenceKey: WakeUpOccurrence] = [:]
    private var finished: [OccurrenceKey: WakeUpOccurrence] = [:]
    private var tracker = WakeUpOutcomeTracker()

    /// - Parameter known: the occurrences stored already (pending ones and recently finished ones).
    public init(known: [WakeUpOccurrence] = [], configuration: Configuration = .init()) {
        self.configuration = configuration
        for occurrence in known {
            if occurrence.state.isFinal { finished[occurrence.key] = occurrence } else { pending[occurrence.key] = occurrence }
        }
    }

    /// The occurrences not yet final.
    public var pendingOccurrences: [WakeUpOccurrence] { pending.values.sorted { $0.scheduledAt < $1.scheduledAt } }

    /// The next instant a pending occurrence's outcome is due without any event (`nil`: none pending).
    public var nextDeadline: Date? {
        pending.values.map { occurrence in min(deadline(occurrence), occurrence.personalCallDue ?? .distantFuture) }.min()
    }

    public mutating func handle(_ event: Event, at now: Date) -> [Action] {
        switch event {
        case .planned(let expected, let rooms, let occupied):
            return planned(expected, rooms: rooms, occupied: occupied, now: now)
        case .extenStatus(let status):
            return observe(status, now: now)
        case .cdr(let phone, let start, let disposition):
            return crossCheck(phone: phone, start: start, disposition: disposition, now: now)
        case .tick:
            return tick(now: now)
        }
    }

    // MARK: - Events

    private mutating func planned(
        _ expected: [WakeUpOccurrence], rooms: Set<String>?, occupied: Set<String>, now: Date
    ) -> [Action] {
        var actions: [Action] = []
        var seen = Set<OccurrenceKey>()
        for wanted in expected {
            let key = wanted.key
            seen.insert(key)
            guard finished[key] == nil else { continue }
            guard var known = pending[key] else {
                guard wanted.scheduledAt.addingTimeInterval(configuration.notRungGrace) > now else { continue }
                var fresh = wanted
                fresh.state = .upcoming
                fresh.attempts = []
                pending[key] = fresh
                actions.append(.save(fresh))
                continue
            }
            let before = known
            known.guest = wanted.guest
            known.source = wanted.source
            known.groupID = wanted.groupID
            known.groupName = wanted.groupName
            known.plannedAttempts = wanted.plannedAttempts
            known.frequency = wanted.frequency
            known.personal = wanted.personal
            known.receptionOnly = wanted.receptionOnly
            // Once confirmed before its time, it was on the PBX: a later plan cannot take that back.
            if known.scheduledAt > now { known.onPBX = known.onPBX || wanted.onPBX }
            if known != before {
                pending[key] = known
                actions.append(.save(known))
            }
        }
        // Gone from the plan before its time: cancelled, or the guest checked out.
        for (key, occurrence) in pending
        where occurrence.state == .upcoming && occurrence.scheduledAt > now && !seen.contains(key)
            && (rooms?.contains(occurrence.room) ?? true) {
            if let guest = occurrence.guest, expected.contains(where: {
                $0.room != occurrence.room && $0.scheduledAt == occurrence.scheduledAt && $0.guest == guest && $0.source == occurrence.source
            }) {
                pending.removeValue(forKey: key)
                actions.append(.forget(occurrence))
                continue
            }
            actions += finish(key, occupied.contains(occurrence.room) ? .cancelled : .checkedOut)
        }
        return actions
    }

    private mutating func observe(_ status: ExtenStatus, now: Date) -> [Action] {
        var actions: [Action] = []
        if status.status.state == .wakeUpRinging, let key = pendingKey(phone: status.exten, at: now),
            var occurrence = pending[key], occurrence.ringingSince == nil {
            occurrence.state = .ringing
            occurrence.ringingSince = now
            pending[key] = occurrence
            actions.append(.save(occurrence))
        }
        guard let attempt = tracker.observe(status, at: now),
            let key = pendingKey(phone: attempt.phone, at: attempt.ringAt), var occurrence = pending[key]
        else { return actions }
        occurrence.ringingSince = nil
        occurrence.attempts.append(OccurrenceAttempt(at: attempt.ringAt, result: attempt.outcome == .answered ? .answered : .unanswered))
        pending[key] = occurrence
        return actions + settle(key, now: now)
    }

    private mutating func crossCheck(phone: String, start: Date, disposition: CallDisposition, now: Date) -> [Action] {
        let result: AttemptResult = switch disposition {
        case .answered: .answered
        case .busy: .busy
        case .noAnswer, .failed, .congestion, .other: .unanswered
        }
        let tolerance = configuration.earlyTolerance
        let candidates = (pending.values.map { ($0, false) } + finished.values.map { ($0, true) }).filter { occurrence, _ in
            occurrence.phone == phone && !occurrence.receptionOnly
                && (0..<max(occurrence.plannedAttempts, 1)).contains { abs(occurrence.attemptDue($0).timeIntervalSince(start)) <= tolerance }
        }
        guard let candidate = candidates.min(by: { $0.0.scheduledAt < $1.0.scheduledAt }) else { return [] }
        let (found, wasFinal) = candidate
        var occurrence = found
        if let index = occurrence.attempts.firstIndex(where: { abs($0.at.timeIntervalSince(start)) <= tolerance }) {
            // ExtenStatus said how it ended; only an ANSWERED CDR overrules it.
            guard result == .answered, occurrence.attempts[index].result != .answered else { return [] }
            occurrence.attempts[index].result = .answered
        } else {
            occurrence.attempts.append(OccurrenceAttempt(at: start, result: result))
            occurrence.attempts.sort { $0.at < $1.at }
        }
        if wasFinal {
            // Corrected after the outcome was given; an alert already raised stays for the record.
            if let corrected = Self.outcome(of: occurrence.attempts), occurrence.state != .cancelled, occurrence.state != .checkedOut {
                occurrence.state = corrected
            }
            finished[occurrence.key] = occurrence
            return [.save(occurrence)]
        }
        pending[occurrence.key] = occurrence
        return settle(occurrence.key, now: now)
    }

    private mutating func tick(now: Date) -> [Action] {
        var actions: [Action] = []
        for (key, occurrence) in pending.sorted(by: { $0.value.scheduledAt < $1.value.scheduledAt })
        where (occurrence.personalCallDue ?? .distantFuture) <= now {
            actions += personalCall(key, now: now)
        }
        for (key, occurrence) in pending.sorted(by: { $0.value.scheduledAt < $1.value.scheduledAt }) where deadline(occurrence) <= now {
            let outcome = Self.outcome(of: occurrence.attempts) ?? (occurrence.onPBX ? .notRung : .suppressed)
            actions += finish(key, outcome, now: now)
        }
        finished = finished.filter { $0.value.lastAttemptDue.addingTimeInterval(configuration.keepFinished) > now }
        return actions
    }

    /// Alerts reception to phone the room (issue 14 §2); a reception-only call ends with it.
    private mutating func personalCall(_ key: OccurrenceKey, now: Date) -> [Action] {
        guard var occurrence = pending[key] else { return [] }
        if occurrence.receptionOnly { return finish(key, .byReception, now: now) }
        occurrence.personalAlertedAt = now
        pending[key] = occurrence
        return [.save(occurrence), .alert(.personalCall, occurrence)]
    }

    // MARK: - Outcomes

    /// Gives the outcome once the attempts decide it: answered at once, otherwise after the last
    /// planned attempt.
    private mutating func settle(_ key: OccurrenceKey, now: Date) -> [Action] {
        guard let occurrence = pending[key] else { return [] }
        if occurrence.attempts.contains(where: { $0.result == .answered }) { return finish(key, .answered, now: now) }
        if occurrence.attempts.count >= max(occurrence.plannedAttempts, 1), let outcome = Self.outcome(of: occurrence.attempts) {
            return finish(key, outcome, now: now)
        }
        var ringing = occurrence
        ringing.state = .ringing
        pending[key] = ringing
        return [.save(ringing)]
    }

    /// Gives `key` its final `state`. A personal call that ends before reception was alerted (it
    /// rang within the early tolerance and was answered) alerts reception now all the same.
    private mutating func finish(_ key: OccurrenceKey, _ state: OccurrenceState, now: Date? = nil) -> [Action] {
        guard var occurrence = pending.removeValue(forKey: key) else { return [] }
        occurrence.state = state
        occurrence.ringingSince = nil
        var actions: [Action] = []
        if let now, occurrence.personalCallDue != nil {
            occurrence.personalAlertedAt = now
            actions.append(.alert(.personalCall, occurrence))
        }
        finished[key] = occurrence
        return [.save(occurrence)] + actions + (state.alertKind.map { [.alert($0, occurrence)] } ?? [])
    }

    /// The outcome the attempts give (`nil`: none made).
    static func outcome(of attempts: [OccurrenceAttempt]) -> OccurrenceState? {
        guard !attempts.isEmpty else { return nil }
        if attempts.contains(where: { $0.result == .answered }) { return .answered }
        return attempts.allSatisfy { $0.result == .busy } ? .busy : .unanswered
    }

    /// When a pending occurrence's outcome is given without further events.
    private func deadline(_ occurrence: WakeUpOccurrence) -> Date {
        let grace = configuration.notRungGrace
        return occurrence.attempts.isEmpty && occurrence.ringingSince == nil
            ? occurrence.scheduledAt.addingTimeInterval(grace) : occurrence.lastAttemptDue.addingTimeInterval(grace)
    }

    /// The pending occurrence of `phone` a ring at `time` belongs to.
    private func pendingKey(phone: String, at time: Date) -> OccurrenceKey? {
        pending.values
            .filter {
                $0.phone == phone && !$0.receptionOnly && $0.scheduledAt.addingTimeInterval(-configuration.earlyTolerance) <= time
                    && time <= deadline($0)
            }
            .min { $0.scheduledAt < $1.scheduledAt }?.key
    }
}
