import ArgumentParser
import Foundation
import ReveilleAPIContract

/// `reveille wakeups`: the day's wake-ups with their outcome.
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
        // Times in the hotel's zone, as reception reads them (the API gives instants).
        let (status, _) = try await api.send(.get(APIPath.api("status")), as: API.Status.self)
        let (items, _) = try await api.send(request, as: [API.Occurrence].self)
        output.block(Self.render(items, timeZone: TimeZone(identifier: status.hotel.timeZone) ?? .gmt))
    }

    static func render(_ items: [API.Occurrence], timeZone: TimeZone) -> String {
        guard !items.isEmpty else { return "No wake-ups on that day." }
        let time = DateFormatter()
        time.locale = Locale(identifier: "en_US_POSIX")
        time.timeZone = timeZone
        time.dateFormat = "yyyy-MM-dd HH:mm"
        let clock = DateFormatter()
        clock.locale = time.locale
        clock.timeZone = timeZone
        clock.dateFormat = "HH:mm"
        return TextTable.render(
            header: ["TIME", "ROOM", "GUEST", "SOURCE", "STATE", "ATTEMPTS", "ALERT"],
            rows: items.map { item in
                [time.string(from: item.scheduledAt), item.room, item.guest ?? "-", item.groupName.map { "group \($0)" } ?? item.source,
                 item.state + (item.receptionOnly ? " (reception only)" : item.personal ? " (personal call)" : ""), item.attempts.map { "\(clock.string(from: $0.at)) \($0.result)" }.joined(separator: ", "),
                 item.alertID.map { "alert #\($0)" } ?? ""]
            })
    }
}
