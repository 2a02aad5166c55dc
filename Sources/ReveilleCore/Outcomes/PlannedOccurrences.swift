import Foundation
import PBXProtocol

extension WakeUpOccurrence {
    /// The occurrences the planner's desired state holds, with guest, source and
    /// group name from `snapshot`, and whether the PBX holds each (``Reconciler/holds(_:have:)``).
    public static func planned(
        _ desired: [DesiredExtension], snapshot: HotelSnapshot, acknowledged: [String: AcknowledgedExtension], now: Date
    ) -> [WakeUpOccurrence] {
        desired.flatMap { want -> [WakeUpOccurrence] in
            let roomGuest = snapshot.currentStay(in: want.room, at: now)?.guestName
            let have = acknowledged[want.phone] ?? AcknowledgedExtension()
            // A catch-up stands for the wake-up it rings late for.
            let caughtUp = Set(want.wakeUps.compactMap(\.catchUpOf))
            // Reception-only personal calls are occurrences too, never on the PBX.
            // A follow-up call is an attempt of the answered wake-up, not an occurrence.
            return (want.wakeUps + want.receptionCalls).filter {
                $0.followUpOf == nil && ($0.catchUpOf != nil || !caughtUp.contains($0.personalAt ?? $0.at))
            }.map { wakeUp in
                // In a shared room each wake-up names its own guest.
                let guest = wakeUp.stayID.flatMap { snapshot.stays[$0]?.guestName } ?? roomGuest
                let groupID = wakeUp.source.groupID
                var occurrence = WakeUpOccurrence(
                    room: want.room, phone: want.phone, guest: guest, source: groupID == nil ? .room : .group, groupID: groupID,
                    groupName: groupID.flatMap { snapshot.groups[$0]?.name }, scheduledAt: wakeUp.catchUpOf ?? wakeUp.personalAt ?? wakeUp.at,
                    plannedAttempts: wakeUp.entry.attempts, frequency: wakeUp.entry.frequency,
                    onPBX: !wakeUp.receptionOnly && Reconciler.holds(wakeUp, have: have), personal: wakeUp.personal,
                    receptionOnly: wakeUp.receptionOnly, catchUpAt: wakeUp.catchUpOf == nil ? nil : wakeUp.at)
                if wakeUp.catchUpOf == nil, wakeUp.personalAt != nil { occurrence.backupAt = wakeUp.at }
                occurrence.followUpAfter = wakeUp.followUpAfter
                return occurrence
            }
        }
    }

    /// The rooms with a guest in house at `now` (a room that has none when its wake-up leaves the
    /// plan was checked out).
    public static func occupiedRooms(_ snapshot: HotelSnapshot, now: Date) -> Set<String> {
        Set(snapshot.rooms.keys.filter { snapshot.currentStay(in: $0, at: now) != nil })
    }
}
