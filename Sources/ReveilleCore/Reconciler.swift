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
public enum Reconciler {
    /// The commands that make the PBX match `desired`, given what it `acknowledged` (a missing
    /// acknowledgement means unknown: pushed). Ordered by priority: wake-up lists by the soonest
    /// wake-up (a list that clears wake-ups counts as due now), then DND, names and call classes;
    /// ties keep the order of `desired`.
    public static func plan(
        desired: [DesiredExtension], acknowledged: [String: AcknowledgedExtension], now: Date
    ) -> [PlannedCommand] {
        var commands: [PlannedCommand] = []
        for want in desired {
            let have = acknowledged[want.phone] ?? AcknowledgedExtension()
            let value = (try? AlarmClock.compile(want.alarmEntries)) ?? ""
            if have.alarmClock != value {
                let known = Set((have.alarmClock.flatMap { try? AlarmClock.parse($0) } ?? []).map(\.start))
                let added = want.wakeUps.filter { !known.contains($0.entry.start) }
                let reason: String
                if want.wakeUps.isEmpty {
                    reason = have.alarmClock == nil ? "wake-ups unknown to the PBX: clear" : "clear wake-ups"
                } else {
                    reason = "wake-ups " + want.wakeUps.map { wakeUp in
                        wakeUp.entry.start.description + (wakeUp.source.groupID.map { " (group \($0))" } ?? "")
                    }.joined(separator: ", ")
                }
                commands.append(PlannedCommand(
                    room: want.room, phone: want.phone, kind: .alarmClock,
                    command: .setAlarmClock(phone: want.phone, want.alarmEntries), reason: reason,
                    groupID: added.compactMap(\.source.groupID).first,
                    dueAt: want.wakeUps.first?.at ?? now))
            }
            if have.dnd != want.dnd {
                let reason: String =
                    switch want.dnd {
                    case .off: "DND off"
                    case .on(let start, let end): "DND \(start) – \(end)"
                    }
                commands.append(PlannedCommand(
                    room: want.room, phone: want.phone, kind: .dnd, command: .setDND(phone: want.phone, want.dnd),
                    reason: reason))
            }
            if have.name != want.name {
                commands.append(PlannedCommand(
                    room: want.room, phone: want.phone, kind: .name, command: .setName(phone: want.phone, name: want.name),
                    reason: "name \(want.name)"))
            }
            if have.callClass != want.callClass {
                commands.append(PlannedCommand(
                    room: want.room, phone: want.phone, kind: .callClass,
                    command: .setCallClass(phone: want.phone, want.callClass), reason: "call class \(want.callClass.rawValue)"))
            }
        }
        // Sort small keys, not the commands themselves (20,000 of them for a full plan).
        let keys = commands.map { ($0.dueAt?.timeIntervalSinceReferenceDate ?? .infinity, $0.kind.order) }
        let order = commands.indices.sorted { (keys[$0].0, keys[$0].1, $0) < (keys[$1].0, keys[$1].1, $1) }
        return order.map { commands[$0] }
    }
}
