import Foundation
import ReveilleCore
import ReveilleStore

extension RoomTimeline {
    /// Reads what the store recorded for `room` in the window of `date` and builds its timeline.
    public static func load(from store: Store, room: String, date: LocalDate, timeZone: TimeZone) throws -> RoomTimeline {
        let (from, to) = window(of: date, timeZone: timeZone)
        let inputs = Inputs(
            audit: try store.audit(room: room, since: from, until: to, limit: 2_000),
            linkAudit: try store.linkAudit(from: from, to: to),
            attempts: try store.wakeUpAttempts(room: room, from: from, to: to),
            cdrs: try store.cdrs(on: date, room: room),
            occurrences: try store.occurrences(from: from, to: to, room: room),
            alerts: try store.alerts(room: room, from: from, to: to))
        return build(room: room, date: date, timeZone: timeZone, inputs: inputs)
    }
}
