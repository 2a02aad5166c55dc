import Foundation
import PBXProtocol

/// A Set command (§4) as the outbox keeps it: plain columns in a JSON object, no password ever
/// (session commands are never stored).
public struct StoredCommand: Codable, Hashable, Sendable {
    public var method: String
    public var phone: String
    /// AlarmClock value, name, or call class digit.
    public var value: String?
    public var use: Bool?
    public var start: String?
    public var end: String?

    public enum Failure: Error, CustomStringConvertible {
        case notStorable(String)
        case unreadable(String)

        public var description: String {
            switch self {
            case .notStorable(let what): "only Set commands are stored, not \(what)"
            case .unreadable(let what): "stored command unreadable: \(what)"
            }
        }
    }

    public init(_ command: PBXCommand) throws(Failure) {
        switch command {
        case .setAlarmClock(let phone, let entries):
            guard let value = try? AlarmClock.compile(entries) else { throw .notStorable("an invalid AlarmClock list") }
            self.init(method: CallMethod.alarmClock.rawValue, phone: phone, value: value)
        case .setName(let phone, let name):
            self.init(method: CallMethod.extenName.rawValue, phone: phone, value: name)
        case .setCallClass(let phone, let callClass):
            self.init(method: CallMethod.extenLimit.rawValue, phone: phone, value: String(callClass.rawValue))
        case .setDND(let phone, .off):
            self.init(method: CallMethod.extenDND.rawValue, phone: phone, use: false)
        case .setDND(let phone, .on(let start, let end)):
            self.init(method: CallMethod.extenDND.rawValue, phone: phone, use: true, start: start.description, end: end.description)
        case .login, .logout, .heartbeat:
            throw .notStorable(command.method.rawValue)
        }
    }

    private init(method: String, phone: String, value: String? = nil, use: Bool? = nil, start: String? = nil, end: String? = nil) {
        self.method = method
        self.phone = phone
        self.value = value
        self.use = use
        self.start = start
        self.end = end
    }

    /// The command again.
    public func command() throws(Failure) -> PBXCommand {
        switch CallMethod(rawValue: method) {
        case .alarmClock:
            guard let entries = try? AlarmClock.parse(value ?? "") else { throw .unreadable("AlarmClock \(value ?? "")") }
            return .setAlarmClock(phone: phone, entries)
        case .extenName:
            return .setName(phone: phone, name: value ?? "")
        case .extenLimit:
            guard let callClass = value.flatMap(Int.init).flatMap(CallClass.init(rawValue:)) else { throw .unreadable("Limit \(value ?? "")") }
            return .setCallClass(phone: phone, callClass)
        case .extenDND:
            guard use == true else { return .setDND(phone: phone, .off) }
            guard let from = start.flatMap(PBXDateTime.init), let to = end.flatMap(PBXDateTime.init) else {
                throw .unreadable("DND window")
            }
            return .setDND(phone: phone, .on(start: from, end: to))
        default:
            throw .unreadable("CallMethod \(method)")
        }
    }
}
