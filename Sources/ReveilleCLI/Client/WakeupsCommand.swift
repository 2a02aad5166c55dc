import ArgumentParser
import Foundation
import ReveilleAPIContract

/// `reveille wakeups`: the day's wake-ups with their outcome (issue 10 §1).
struct WakeupsCommand: ClientCommand {
    static let configuration = CommandConfiguration(
        commandName: "wakeups",
        abstract: "List a day's wake-ups with how each went (answered, unanswered, not rung, …).",
        discussion: """
            One line per wake-up that was due (or is coming) on the day, in time order: room, guest, \
            time, source, state and every attempt. --csv prints the same as CSV for the night audit.

            Examples:
              reveille wakeups
              reveille wakeups --date 2026-11-25 --room 1208
              reveille wakeups --date 2026-11-25 --csv > wakeups.csv
            """
    )
    static let commandPath = "reveille wakeups"

    @OptionGroup var client: ClientOptions
    @OptionGroup var listing: DayAndRoomOptions

    var request: APIRequest { listing.request(APIPath.api("wakeups", "occurrences")) }

    func execute(_ api: APIClient, output: Output) async throws {
        if listing.csv { return output.write(try await api.send(request).text) }  // CSV as sent: CRLF line ends
        if client.json { return output.block(try await api.send(request).text) }
        let (items, _) = try await api.send(request, as: [API.Occurrence].self)
        output.block(Self.render(items))
    }

    static func render(_ items: [API.Occurrence]) -> String {
        guard !items.isEmpty else { return "No wake-ups on that day." }
        let time = ISO8601DateFormatter()
        return TextTable.render(
            header: ["ROOM", "GUEST", "TIME (UTC)", "SOURCE", "STATE", "ATTEMPTS", "ALERT"],
            rows: items.map { item in
                [item.room, item.guest ?? "-", time.string(from: item.scheduledAt), item.groupName.map { "group \($0)" } ?? item.source,
                 item.state, item.attempts.map(\.result).joined(separator: ", "), item.alertID.map { "#\($0)" } ?? ""]
            })
    }
}
