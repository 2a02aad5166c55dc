import Foundation
import Hummingbird
import ReveilleAPIContract
import ReveilleCore
import ReveilleServices
import ReveilleStore

/// `GET /api/rooms/{room}/timeline?date=yyyy-MM-dd`: a room's night in one place (every role may read it).
struct TimelineController {
    let store: Store
    let timeZone: TimeZone
    let now: @Sendable () -> Date

    /// How far from today a timeline may be asked for, in days (history is kept `retention.days`, at most 3650).
    static let daysAround = 3660

    func addRoutes(to group: RouterGroup<ReveilleRequestContext>) {
        group.get("rooms/{room}/timeline") { request, context in
            let room = try context.parameters.require("room")
            // A room that has left the rooms file still has its history.
            guard try store.roomNumbers().contains(room) || !(try store.occurrences(from: .distantPast, to: .distantFuture, room: room).isEmpty) else {
                throw APIError.notFound("no room \(room)")
            }
            let calendar = HotelCalendar(timeZone: timeZone)
            let today = calendar.date(of: now())
            var date = today
            if let raw = request.uri.queryParameters.get("date") {
                guard let parsed = LocalDate(raw) else { throw APIError.invalid("date", "\"\(raw.prefix(20))\" is not a real date yyyy-MM-dd") }
                guard abs(parsed.dayNumber - today.dayNumber) <= Self.daysAround else {
                    throw APIError.invalid("date", "\(parsed) must lie within \(Self.daysAround) days of today")
                }
                date = parsed
            }
            let timeline = try RoomTimeline.load(from: store, room: room, date: date, timeZone: timeZone)
            return try json(API.RoomTimeline(timeline, calendar: calendar))
        }
    }
}

extension API.RoomTimeline {
    init(_ timeline: RoomTimeline, calendar: HotelCalendar) {
        let text = WallClockText(calendar: calendar)
        self.init(
            room: timeline.room, date: "\(timeline.date)", summary: timeline.summary,
            events: timeline.events.map { Event(at: $0.at, time: text.text($0.at), kind: $0.kind.rawValue, actor: $0.actor, text: $0.text) })
    }
}
