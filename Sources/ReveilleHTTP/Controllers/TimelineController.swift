import Foundation
import Hummingbird
import ReveilleAPIContract
import ReveilleCore
import ReveilleServices
import ReveilleStore

/// `GET /api/rooms/{room}/timeline?date=yyyy-MM-dd`: a room's night in one place (every role may read it).
struct TimelineController {
    let hotel: HotelAccess

    /// How far from today a timeline may be asked for, in days (history is kept `retention.days`, at most 3650).
    static let daysAround = 3660

    func addRoutes(to api: RouterGroup<ReveilleRequestContext>) {
        api.get("rooms/{room}/timeline", use: timeline)
    }

    @Sendable func timeline(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        let room = try context.parameters.require("room")
        let store = hotel.store
        // A room that has left the rooms file still has its history.
        guard try store.roomNumbers().contains(room) || !(try store.occurrences(from: .distantPast, to: .distantFuture, room: room).isEmpty) else {
            throw NotFound(.room, room)
        }
        let text = hotel.text
        let today = text.calendar.date(of: hotel.now())
        var date = today
        if let raw = request.uri.queryParameters.get("date") {
            let parsed = try text.day(String(raw), field: "date")
            guard abs(parsed.dayNumber - today.dayNumber) <= Self.daysAround else {
                throw APIError.invalid(
                    "date", .dateOutOfSpan,
                    ["value": "\(parsed)", "from": "\(today.adding(days: -Self.daysAround))", "to": "\(today.adding(days: Self.daysAround))"],
                    "\(parsed) must lie within \(Self.daysAround) days of today")
            }
            date = parsed
        }
        let timeline = try RoomTimeline.load(from: store, room: room, date: date, timeZone: hotel.settings.timeZone)
        return try json(API.RoomTimeline(timeline, calendar: text.calendar))
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
