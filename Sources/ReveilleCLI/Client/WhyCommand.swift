import ArgumentParser
import Foundation
import ReveilleAPIContract

/// `reveille why ROOM [DATE]`: the room's timeline, the answer first.
struct WhyCommand: ClientCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "What happened in a room on a day (default today): the answer in one sentence, then every event in time order.",
        discussion: """
            Bookings and cancellations with the person, check-in/out and moves, each push and the PBX's \
            answer, PBX logins, each ring (ExtenStatus), CDRs, the outcome, the alert and who dealt with it. \
            From noon the day before to the end of DATE, hotel time. Examples:
              reveille why 1208
              reveille why 1208 2026-11-25
            """
    )
    static let commandPath = "reveille why"

    @OptionGroup var client: ClientOptions
    @Argument(help: "The room number.") var room: String
    @Argument(help: "The hotel's date, yyyy-MM-dd (default: today).") var date: String?

    func validate() throws {
        if room.isEmpty || room.count > 16 { throw ValidationError("ROOM must be a room number (at most 16 characters)") }
        if let date, date.count != 10 { throw ValidationError("DATE must be yyyy-MM-dd, e.g. 2026-11-25") }
    }

    var request: APIRequest { .get(APIPath.query(APIPath.api("rooms", room, "timeline"), [("date", date)])) }

    func execute(_ api: APIClient, output: Output) async throws {
        if client.json { return output.block(try await api.send(request).text) }
        let (timeline, _) = try await api.send(request, as: API.RoomTimeline.self)
        output.line("Room \(timeline.room), \(timeline.date): \(timeline.summary)")
        guard !timeline.events.isEmpty else { return output.line("Nothing recorded.") }
        output.block(TextTable.render(
            header: ["TIME", "WHAT", "WHO", ""],
            rows: timeline.events.map { [$0.time.replacingOccurrences(of: "T", with: " "), $0.kind, $0.actor ?? "-", $0.text] },
            alignments: [.left, .left, .left, .left]))
    }
}
