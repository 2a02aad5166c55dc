import Foundation
import PBXProtocol

/// The outcome of every wake-up as a pure state machine: events in, each with `now`;
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
/// - **Personal calls**: at its time a personal occurrence raises a `personalCall`
///   alert ("call room 1208 now"), once (``WakeUpOccurrence/personalAlertedAt``) — or when its
///   outcome comes earlier (answered within the early tolerance); it still rings and gets its
///   outcome as above. A reception-only one, never on the PBX, never takes a ring and
///   ends `byReception` with that alert.
/// - **Backup**: a personal call whose PBX entry rings later as its backup
///   (``WakeUpOccurrence/backupAt``) takes its rings from then; once reception acknowledged the
///   call the planner takes the entry off the PBX and marks it reception-only, and it ends `byReception`.
/// - **Follow-up**: an answered wake-up booked with ``WakeUpOccurrence/followUpAfter``
///   gets ``WakeUpOccurrence/followUpAt`` (that many minutes after the answered ring) and
///   ``Action/followUp(_:)`` has its room planned again; the follow-up's ring is recorded as one
///   more attempt of the finished occurrence (its outcome stays answered).
/// - **Catch-up** (PROTOCOL.md §8 Decision (catch-up)): a wake-up that did not ring by
///   its not-rung grace although the PBX could not take or show it then — never confirmed, or the
///   link was down within a minute of its time — is caught up once: as soon as the link is up (at
///   once when it is), ``WakeUpOccurrence/catchUpAt`` is set to the next minute at least 30 s away
///   and ``Action/catchUp(_:)`` has its room planned again, the planner adding a one-off entry for
///   that minute. Rings from then belong to the catch-up; its outcome is given as for any wake-up,
///   and an answered catch-up raises one `late` alert (the other outcomes their usual one), its
///   message saying how late and the outage. While the link stays down the occurrence waits
///   (``WakeUpOccurrence/unreachableFrom`` set) until ``Configuration/catchUpWindow`` after its
///   time, then ends `suppressed`. A wake-up cancelled or checked out meanwhile (gone from the plan
///   while it would still be there) ends `cancelled`/`checkedOut` and is never caught up.
public struct OccurrenceStateMachine: Sendable {
    public struct Configuration: Hashable, Sendable {
        /// How long after its time a wake-up may start ringing before it counts as never rung.
        public var notRungGrace: TimeInterval = 120
        /// How early a ring (or a CDR) may come and still belong to an occurrence (clock skew).
        public var earlyTolerance: TimeInterval = 90
        /// How long after its last attempt a finished occurrence is kept for late CDRs.
        public var keepFinished: TimeInterval = 2 * 3600
        /// `wakeup.catchUpWindow`: how long after its time a wake-up that could not ring may still be
        /// caught up (0: never).
        public var catchUpWindow: TimeInterval = 900

        public init(notRungGrace: TimeInterval = 120, earlyTolerance: TimeInterval = 90, catchUpWindow: TimeInterval = 900) {
            self.notRungGrace = notRungGrace
            self.earlyTolerance = earlyTolerance
            self.catchUpWindow = catchUpWindow
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
        /// The PBX link went up (logged in) or down (what the PBX could not take is caught up).
        case link(up: Bool)
    }

    public enum Action: Hashable, Sendable {
        /// Store the occurrence (insert or update by room and time).
        case save(WakeUpOccurrence)
        /// Raise an alert about the occurrence just saved.
        case alert(AlertKind, WakeUpOccurrence)
        /// Delete the stored record of this room and time: the wake-up moved to another room with its guest.
        case forget(WakeUpOccurrence)
        /// The occurrence (just saved) is caught up at its ``WakeUpOccurrence/catchUpAt``: plan its room again.
        case catchUp(WakeUpOccurrence)
        /// The occurrence (just saved, answered) gets its follow-up call at ``WakeUpOccurrence/followUpAt``: plan its room again.
        case followUp(WakeUpOccurrence)
    }

    /// A time the PBX link was down.
    private struct Outage: Hashable, Sendable {
        var from: Date
        var until: Date?
    }

    public let configuration: Configuration
    private var pending: [OccurrenceKey: WakeUpOccurrence] = [:]
    private var finished: [OccurrenceKey: WakeUpOccurrence] = [:]
    private var tracker = WakeUpOutcomeTracker()
    /// Assumed up until told otherwise (the recorder passes the link's states, starting with the current one).
    private var linkUp = true
    private var outages: [Outage] = []

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
        case .link(let up):
            return link(up: up, now: now)
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
            known.followUpAfter = wanted.followUpAfter
            if wanted.catchUpAt == nil { known.backupAt = wanted.backupAt }
            // The planner moved the catch-up to the room's next free minute: it rings then.
            if let moved = wanted.catchUpAt, known.catchUpAt != nil, known.attempts.isEmpty, known.ringingSince == nil {
                known.catchUpAt = moved
            }
            // Once confirmed before its time, it was on the PBX: a later plan cannot take that back.
            if known.ringsAt > now, known.catchUpAt == wanted.catchUpAt { known.onPBX = known.onPBX || wanted.onPBX }
            // A personal call reception acknowledged before its backup rang: reception made it.
            if known.receptionOnly, known.personalAlertedAt != nil, known.attempts.isEmpty, known.ringingSince == nil {
                pending[key] = known
                actions += finish(key, .byReception, now: now)
                continue
            }
            if known != before {
                pending[key] = known
                actions.append(.save(known))
            }
        }
        // Gone from the plan before its time (or, not rung yet, while the planner would still hold
        // it): cancelled, or the guest checked out.
        for (key, occurrence) in pending
        where occurrence.state == .upcoming && !seen.contains(key) && (rooms?.contains(occurrence.room) ?? true)
            && (occurrence.ringsAt > now
                || (occurrence.attempts.isEmpty && occurrence.ringingSince == nil
                    && occurrence.lastAttemptDue.addingTimeInterval(Planner.activeTail) > now)) {
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
        guard let attempt = tracker.observe(status, at: now) else { return actions }
        guard let key = pendingKey(phone: attempt.phone, at: attempt.ringAt), var occurrence = pending[key] else {
            return actions + followedUp(phone: attempt.phone, at: attempt.ringAt, answered: attempt.outcome == .answered)
        }
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
        var batch = 0
        for (key, occurrence) in pending.sorted(by: { ($0.value.scheduledAt, $0.value.room) < ($1.value.scheduledAt, $1.value.room) })
        where deadline(occurrence) <= now {
            if awaitsCatchUp(occurrence) {
                actions += finish(key, .suppressed, now: now)  // the link stayed down past the window
                continue
            }
            if occurrence.attempts.isEmpty, occurrence.ringingSince == nil, catchUpDue(occurrence, now: now) {
                if linkUp {
                    actions += catchUp(key, now: now, batch: batch)
                    batch += 1
                } else {
                    actions += awaitCatchUp(key)
                }
                continue
            }
            let outcome = Self.outcome(of: occurrence.attempts) ?? (occurrence.onPBX ? .notRung : .suppressed)
            actions += finish(key, outcome, now: now)
        }
        finished = finished.filter { $0.value.lastAttemptDue.addingTimeInterval(configuration.keepFinished) > now }
        return actions
    }

    private mutating func link(up: Bool, now: Date) -> [Action] {
        guard up != linkUp else { return [] }
        linkUp = up
        outages = outages.filter { ($0.until ?? .distantFuture) > now.addingTimeInterval(-configuration.keepFinished) }
        guard up else {
            outages.append(Outage(from: now))
            return []
        }
        if let open = outages.indices.last, outages[open].until == nil { outages[open].until = now }
        var actions: [Action] = []
        var batch = 0
        for (key, occurrence) in pending.sorted(by: { ($0.value.scheduledAt, $0.value.room) < ($1.value.scheduledAt, $1.value.room) })
        where awaitsCatchUp(occurrence) && occurrence.ringsAt.addingTimeInterval(configuration.catchUpWindow) > now {
            actions += catchUp(key, now: now, batch: batch)
            batch += 1
        }
        return actions
    }

    // MARK: - Catch-up

    /// Whether `occurrence`, not rung, is to be caught up: the window is open, it was never caught
    /// up, and the PBX could not take it at its time (never confirmed, or the link was down then).
    private func catchUpDue(_ occurrence: WakeUpOccurrence, now: Date) -> Bool {
        configuration.catchUpWindow > 0 && occurrence.catchUpAt == nil && !occurrence.receptionOnly
            && occurrence.ringsAt.addingTimeInterval(configuration.catchUpWindow) > now
            && (!occurrence.onPBX || outage(around: occurrence.ringsAt) != nil)
    }

    /// Waiting for the link to come back to be caught up.
    private func awaitsCatchUp(_ occurrence: WakeUpOccurrence) -> Bool {
        occurrence.unreachableFrom != nil && occurrence.catchUpAt == nil && occurrence.attempts.isEmpty
    }

    /// The outage within a minute of `time`, if any.
    private func outage(around time: Date) -> Outage? {
        outages.last { $0.from <= time.addingTimeInterval(60) && ($0.until ?? .distantFuture) >= time.addingTimeInterval(-60) }
    }

    private mutating func awaitCatchUp(_ key: OccurrenceKey) -> [Action] {
        guard var occurrence = pending[key] else { return [] }
        let outage = outage(around: occurrence.ringsAt) ?? outages.last
        occurrence.unreachableFrom = outage?.from ?? occurrence.ringsAt
        pending[key] = occurrence
        return [.save(occurrence)]
    }

    /// How far apart the catch-ups decided together are spread: a group's pushes go out 1–2 s
    /// apart (§4.4), so each list lands before its minute.
    static let catchUpSpacing: TimeInterval = 2

    /// Catches `key` up at the next minute at least 30 s away (time to push it), once; the `batch`-th
    /// catch-up decided at `now` is given ``catchUpSpacing`` more per place.
    private mutating func catchUp(_ key: OccurrenceKey, now: Date, batch: Int = 0) -> [Action] {
        guard var occurrence = pending[key] else { return [] }
        let due = occurrence.ringsAt
        let at = (now.timeIntervalSince1970 + 30 + Double(batch) * Self.catchUpSpacing) / 60
        occurrence.catchUpAt = Date(timeIntervalSince1970: at.rounded(.up) * 60)
        occurrence.heldByPBX = occurrence.onPBX
        occurrence.onPBX = false
        if let outage = outage(around: due) {
            occurrence.unreachableFrom = outage.from
            occurrence.unreachableUntil = outage.until
        }
        pending[key] = occurrence
        return [.save(occurrence), .catchUp(occurrence)]
    }

    // MARK: - Follow-up

    /// Books the follow-up call of an answered occurrence: `followUpAfter` minutes after the minute
    /// of the answered ring, and at least 30 s away (a whole minute).
    private mutating func followUp(_ occurrence: inout WakeUpOccurrence, now: Date) -> [Action] {
        guard let minutes = occurrence.followUpAfter, minutes > 0, occurrence.followUpAt == nil, !occurrence.receptionOnly,
            let answered = occurrence.attempts.last(where: { $0.result == .answered })
        else { return [] }
        let after = TimeInterval(minutes.clamped(to: InputBounds.followUpAfter) * 60)
        let due = max(WakeUpOccurrence.minute(of: answered.at).addingTimeInterval(after), now + 30)
        occurrence.followUpAt = Date(timeIntervalSince1970: (due.timeIntervalSince1970 / 60).rounded(.up) * 60)
        return [.followUp(occurrence)]
    }

    /// Records a ring of `phone` at `time` that belongs to no pending occurrence as the follow-up
    /// call of a finished one, when it is that one's follow-up minute.
    private mutating func followedUp(phone: String, at time: Date, answered: Bool) -> [Action] {
        guard var occurrence = finished.values.filter({ occurrence in
            guard occurrence.phone == phone, let due = occurrence.followUpAt else { return false }
            return due.addingTimeInterval(-configuration.earlyTolerance) <= time && time <= due.addingTimeInterval(configuration.notRungGrace)
                && !occurrence.attempts.contains { abs($0.at.timeIntervalSince(due)) <= configuration.earlyTolerance }
        }).min(by: { $0.scheduledAt < $1.scheduledAt }) else { return [] }
        occurrence.attempts.append(OccurrenceAttempt(at: time, result: answered ? .answered : .unanswered))
        finished[occurrence.key] = occurrence
        return [.save(occurrence)]
    }

    /// Alerts reception to phone the room; a reception-only call ends with it.
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
        if state == .answered, let now { actions += followUp(&occurrence, now: now) }
        if let now, occurrence.personalCallDue != nil {
            occurrence.personalAlertedAt = now
            actions.append(.alert(.personalCall, occurrence))
        }
        finished[key] = occurrence
        actions = actions.map { if case .followUp = $0 { .followUp(occurrence) } else { $0 } }
        // A caught-up wake-up that was answered still tells reception it rang late.
        let kind = state.alertKind ?? (state == .answered && occurrence.catchUpAt != nil ? .late : nil)
        return [.save(occurrence)] + actions + (kind.map { [.alert($0, occurrence)] } ?? [])
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
        if awaitsCatchUp(occurrence) { return occurrence.ringsAt.addingTimeInterval(configuration.catchUpWindow) }
        return occurrence.attempts.isEmpty && occurrence.ringingSince == nil
            ? occurrence.ringsAt.addingTimeInterval(grace) : occurrence.lastAttemptDue.addingTimeInterval(grace)
    }

    /// The pending occurrence of `phone` a ring at `time` belongs to.
    private func pendingKey(phone: String, at time: Date) -> OccurrenceKey? {
        pending.values
            .filter {
                $0.phone == phone && !$0.receptionOnly && $0.ringsAt.addingTimeInterval(-configuration.earlyTolerance) <= time
                    && time <= deadline($0)
            }
            .min { $0.scheduledAt < $1.scheduledAt }?.key
    }
}
