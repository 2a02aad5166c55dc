import Foundation
import PBXProtocol

/// The few fields of an audit row's JSON the timeline names: a wake-up's time, a guest, a room, a
/// pushed command. Anything unreadable is simply not named.
struct AuditFields {
    var time: String?
    var previousTime: String?
    var guest: String?
    var room: String?
    var commandSummary: String?

    init(before: String?, after: String?) {
        let old = Self.object(before)
        let new = Self.object(after)
        time = Self.time(in: new)
        previousTime = Self.time(in: old)
        guest = (new?["guestName"] as? String).map { String($0.prefix(80)) }
        room = new?["room"] as? String
        // A pushed command is stored as a StoredCommand: method, value, DND use/start/end.
        if let method = old?["method"] as? String {
            commandSummary = Self.describe(method: method, value: old?["value"] as? String, use: old?["use"] as? Bool,
                                           start: old?["start"] as? String, end: old?["end"] as? String)
        }
    }

    /// An audit value the store wrote as a JSON string (`"Success (SeqID 2)"`) as plain text; other text as it is.
    static func plain(_ text: String?) -> String {
        guard let text else { return "" }
        guard text.hasPrefix("\""), text.utf8.count < 64 * 1024,
              let decoded = try? JSONDecoder().decode(String.self, from: Data(text.utf8))
        else { return String(text.prefix(500)) }
        return String(decoded.prefix(500))
    }

    static func object(_ json: String?) -> [String: Any]? {
        guard let json, json.utf8.count < 64 * 1024, let data = json.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    static func time(in object: [String: Any]?) -> String? {
        guard let object else { return nil }
        if let time = object["time"] as? String { return time }
        if let time = object["time"] as? [String: Any], let hour = time["hour"] as? Int, let minute = time["minute"] as? Int {
            return String(format: "%02d:%02d", hour, minute)
        }
        return nil
    }

    /// `wake-ups 06:30, 07:00`, `no wake-ups`, `name "张伟"`, `DND on 22:00–06:30`, `call class 4`.
    static func describe(method: String, value: String?, use: Bool?, start: String?, end: String?) -> String {
        switch method {
        case CallMethod.alarmClock.rawValue:
            let starts = (try? AlarmClock.parse(value ?? ""))?.map(\.start.description) ?? []
            return starts.isEmpty ? "no wake-ups (AlarmClock)" : "wake-ups \(starts.joined(separator: ", ")) (AlarmClock)"
        case CallMethod.extenName.rawValue:
            return "name \"\((value ?? "").prefix(40))\""
        case CallMethod.extenDND.rawValue:
            return use == true ? "DND on \(start ?? "?")–\(end ?? "?")" : "DND off"
        case CallMethod.extenLimit.rawValue:
            return "call class \(value ?? "?")"
        default:
            return String(method.prefix(40))
        }
    }
}
