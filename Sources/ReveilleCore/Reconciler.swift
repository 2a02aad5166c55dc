import Foundation
import PBXProtocol

/// A command that makes the PBX agree with the desired state, and why.
public struct PlannedCommand: Hashable, Sendable {
    /// The four settings of an extension (§4); one command per kind replaces the PBX's value.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
        case alarmClock, dnd, name, callClass

        var order: Int { Self.allCases.firstIndex(of: self)! }
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.order < rhs.order }
    }

    public var room: String
    public var phone: String
    public var kind: Kind
    public var command: PBXCommand
    /// Human-readable: why this command exists (shown to reception and in the audit log).
    public var reason: String
    /// The group wake-up this push belongs to (its pushes are spaced 1–2 s apart, §4.4).
    public var groupID: Int64?
    /// When the soonest wake-up this command carries rings (priority: soonest first).
    public var dueAt: Date?

    public init(
        room: String, phone: String, kind: Kind, command: PBXCommand, reason: String, groupID: Int64? = nil,
        dueAt: Date? = nil
    ) {
        self.room = room
        self.phone = phone
        self.kind = kind
        self.command = command
        self.reason = reason
        self.groupID = groupID
        self.dueAt = dueAt
    }
}

/// Turns desired and acknowledged state into the few commands that differ.
///
/// Push order (documented in ARCHITECTURE.md and README; the outbox reads in the same order):
/// 1. AlarmClock lists that hold a wake-up, soonest wake-up first — and a list that removes a
///    wake-up the PBX acknowledged (a cancellation or check-out), due now, since otherwise it rings;
/// 2. DND in force (`Use: 1`);
/// 3. the rest: names, call classes, DND off, and empty lists the PBX was never known to hold (the
///    clears of a resynchronisation or of the verification after a login: ~4,000 at 5,000 rooms,
///    which must not go ahead of the 05:00 wake-ups).
/// A new booking has a wake-up, so it goes ahead of the trickle of rank 3.
public enum Reconciler {
    /// The rank of a command in the push order: 0 wake-up lists (by `dueAt`), 1 DND in force,
    /// 2 the rest. Commands of ranks 0 and 1 carry a `dueAt`; rank 2 never does.
    public static func rank(kind: PlannedCommand.Kind, dueAt: Date?) -> Int {
        guard dueAt != nil else { return 2 }
        return kind == .alarmClock ? 0 : 1
    }

    /// The commands that make the PBX match `desired`, given what it `acknowledged` (a missing
    /// acknowledgement means unknown: pushed), in push order (see the type), ties in the order of
    /// `desired`.
    ///
    /// An AlarmClock list is pushed again, even when its value is unchanged, once a ring after its
    /// acknowledgement has used it up (§4.4 Decision (days)): a daily wake-up's value never changes,
    /// and a PBX that drops an entry after its `days` would otherwise ring it only once.
    public static func plan(
        desired: [DesiredExtension], acknowledged: [String: AcknowledgedExtension], now: Date
    ) -> [PlannedCommand] {
        var commands: [PlannedCommand] = []
        for want in desired {
            let have = acknowledged[want.phone] ?? AcknowledgedExtension()
            let differs = difference(want: want, have: have)
            if differs.contains(.alarmClock) {
                let spent = have.alarmClock == ((try? AlarmClock.compile(want.alarmEntries)) ?? "")
                let known = Set((have.alarmClock.flatMap { try? AlarmClock.parse($0) } ?? []).map(\.start))
                let added = want.wakeUps.filter { !known.contains($0.entry.start) }
                let reason: String
                if want.wakeUps.isEmpty {
                    reason = have.alarmClock == nil ? "wake-ups unknown to the PBX: clear" : "clear wake-ups"
                } else {
                    reason = (spent ? "again after the previous ring (§4.4 days): " : "") + "wake-ups "
                        + want.wakeUps.map { wakeUp in
                            wakeUp.entry.start.description + (wakeUp.source.groupID.map { " (group \($0))" } ?? "")
                        }.joined(separator: ", ")
                }
                // Removing a wake-up the PBX holds is urgent; a clear of an unknown or empty list is not.
                let removesKnown = !(have.alarmClock ?? "").isEmpty
                commands.append(PlannedCommand(
                    room: want.room, phone: want.phone, kind: .alarmClock,
                    command: .setAlarmClock(phone: want.phone, want.alarmEntries), reason: reason,
                    groupID: added.compactMap(\.source.groupID).first,
                    dueAt: want.wakeUps.first?.at ?? (removesKnown ? now : nil)))
            }
            if differs.contains(.dnd) {
                let reason: String
                let dueAt: Date?
                switch want.dnd {
                case .off:
                    (reason, dueAt) = ("DND off", nil)
                case .on(let start, let end):
                    (reason, dueAt) = ("DND \(start) – \(end)", now)
                }
                commands.append(PlannedCommand(
                    room: want.room, phone: want.phone, kind: .dnd, command: .setDND(phone: want.phone, want.dnd),
                    reason: reason, dueAt: dueAt))
            }
            if differs.contains(.name) {
                commands.append(PlannedCommand(
                    room: want.room, phone: want.phone, kind: .name, command: .setName(phone: want.phone, name: want.name),
                    reason: "name \(want.name)"))
            }
            if differs.contains(.callClass) {
                commands.append(PlannedCommand(
                    room: want.room, phone: want.phone, kind: .callClass,
                    command: .setCallClass(phone: want.phone, want.callClass), reason: "call class \(want.callClass.rawValue)"))
            }
        }
        // Sort small keys, not the commands themselves (20,000 of them for a full plan).
        let keys = commands.map {
            (rank($0.kind, $0.dueAt), $0.dueAt?.timeIntervalSinceReferenceDate ?? .infinity, $0.kind.order)
        }
        let order = commands.indices.sorted { (keys[$0].0, keys[$0].1, keys[$0].2, $0) < (keys[$1].0, keys[$1].1, keys[$1].2, $1) }
        return order.map { commands[$0] }
    }

    private static func rank(_ kind: PlannedCommand.Kind, _ dueAt: Date?) -> Int { rank(kind: kind, dueAt: dueAt) }

    /// The one answer to "is this extension in sync": the settings whose acknowledged value differs
    /// from the desired one. A missing acknowledgement differs (unknown is pushed); an AlarmClock
    /// list whose value is unchanged still differs once a ring after its acknowledgement has used it
    /// up (§4.4 Decision (days)). The plan, the "due soon, not confirmed" alert and the API's sync
    /// state all read this.
    public static func difference(want: DesiredExtension, have: AcknowledgedExtension) -> Set<PlannedCommand.Kind> {
        var kinds: Set<PlannedCommand.Kind> = []
        let value = (try? AlarmClock.compile(want.alarmEntries)) ?? ""
        if have.alarmClock != value || isSpent(want, have) { kinds.insert(.alarmClock) }
        if have.dnd != want.dnd { kinds.insert(.dnd) }
        if have.name != want.name { kinds.insert(.name) }
        if have.callClass != want.callClass { kinds.insert(.callClass) }
        return kinds
    }

    /// Whether the PBX holds `wakeUp` itself (the occurrence recorder's "on the PBX"): its entry is
    /// one of the entries of the list the PBX acknowledged, compared entry by entry (not as text),
    /// and that list was not used up for it by a ring of its previous day after the
    /// acknowledgement (§4.4 Decision (days), the rule ``difference(want:have:)`` applies to the list).
    /// Per wake-up, not per list: adding a second wake-up to a room does not take the first off the PBX.
    public static func holds(_ wakeUp: PlannedWakeUp, have: AcknowledgedExtension) -> Bool {
        guard let value = have.alarmClock, let entries = try? AlarmClock.parse(value), entries.contains(wakeUp.entry) else { return false }
        return !isSpent(wakeUp, confirmedAt: have.alarmClockConfirmedAt)
    }

    /// Whether the PBX's copy of `want`'s list (acknowledged in `have`) was used up by a ring after
    /// its acknowledgement: some wake-up's previous day rang after the list was confirmed.
    static func isSpent(_ want: DesiredExtension, _ have: AcknowledgedExtension) -> Bool {
        want.wakeUps.contains { isSpent($0, confirmedAt: have.alarmClockConfirmedAt) }
    }

    /// Whether `wakeUp`'s previous day rang after the list holding it was confirmed at `confirmed`.
    static func isSpent(_ wakeUp: PlannedWakeUp, confirmedAt confirmed: Date?) -> Bool {
        guard let confirmed else { return false }
        return wakeUp.previousAt.map { confirmed < $0 } ?? false
    }

    /// The extensions with a wake-up due within `window` of `now` that the PBX has not acknowledged
    /// (or whose acknowledgement a ring has used up): each with its soonest such wake-up.
    public static func unconfirmedSoon(
        desired: [DesiredExtension], acknowledged: [String: AcknowledgedExtension], now: Date,
        within window: TimeInterval = 3600
    ) -> [UnconfirmedWakeUp] {
        desired.compactMap { want in
            guard let soon = want.wakeUps.first(where: { $0.at > now && $0.at <= now.addingTimeInterval(window) }) else {
                return nil
            }
            let have = acknowledged[want.phone] ?? AcknowledgedExtension()
            guard difference(want: want, have: have).contains(.alarmClock) else { return nil }
            return UnconfirmedWakeUp(room: want.room, phone: want.phone, at: soon.at, stayID: soon.stayID)
        }
    }
}

/// A wake-up due soon that the PBX has not acknowledged.
public struct UnconfirmedWakeUp: Hashable, Sendable {
    public var room: String
    public var phone: String
    public var at: Date
    /// The stay whose wake-up it is (a shared room holds several guests'): the alert names that guest.
    public var stayID: Int64?

    public init(room: String, phone: String, at: Date, stayID: Int64? = nil) {
        self.room = room
        self.phone = phone
        self.at = at
        self.stayID = stayID
    }
}
