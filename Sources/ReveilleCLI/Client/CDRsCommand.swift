import ArgumentParser
import Foundation
import ReveilleAPIContract

/// `reveille cdrs`: call detail records by date and room, for billing.
struct CDRsCommand: ClientCommand {
    static let configuration = CommandConfiguration(
        commandName: "cdrs",
        abstract: "List the PBX's call records (§5.1) of a day, optionally of one room.",
        discussion: """
            Examples:
              reveille cdrs --date 2026-11-25 --room 1208
              reveille cdrs --date 2026-11-25 --csv > calls.csv
            """
    )
    static let commandPath = "reveille cdrs"

    @OptionGroup var client: ClientOptions
    @OptionGroup var listing: DayAndRoomOptions

    var request: APIRequest { listing.request(APIPath.api("cdrs")) }

    func execute(_ api: APIClient, output: Output) async throws {
        if listing.csv { return output.write(try await api.send(request).text) }  // CSV as sent: CRLF line ends
        if client.json { return output.block(try await api.send(request).text) }
        let (records, _) = try await api.send(request, as: [API.CDR].self)
        guard !records.isEmpty else { return output.line("No call records.") }
        output.block(TextTable.render(
            header: ["START", "ROOM", "CALLER", "CALLEE", "SECONDS", "DISPOSITION"],
            rows: records.map { [$0.start, $0.room ?? "-", $0.caller, $0.callee, String($0.duration), $0.disposition] },
            alignments: [.left, .left, .left, .left, .right]))
    }
}
