import ArgumentParser
import Foundation

extension APIPath {
    /// `path` with the given query parameters (absent values left out), each percent-encoded.
    static func query(_ path: String, _ parameters: [(String, String?)]) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#?")
        let pairs = parameters.compactMap { name, value in
            value.map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0)" }
        }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }
}

/// `--date`, `--room` and `--csv`: the options of the day-and-room listings (`reveille wakeups`, `reveille cdrs`).
struct DayAndRoomOptions: ParsableArguments {
    @Option(help: "The hotel's date, yyyy-MM-dd (default: today).") var date: String?
    @Option(help: "Only this room.") var room: String?
    @Flag(help: "Print CSV instead of a table.") var csv = false

    func validate() throws {
        if let date, date.count != 10 { throw ValidationError("--date must be yyyy-MM-dd, e.g. 2026-11-25") }
    }

    /// A GET of `path` with these options as its query.
    func request(_ path: String) -> APIRequest {
        .get(APIPath.query(path, [("date", date), ("room", room), ("format", csv ? "csv" : nil)]))
    }
}
