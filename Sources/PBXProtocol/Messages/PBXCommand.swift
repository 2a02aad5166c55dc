/// What the PMS side asks of the PBX (§3, §4): the payload of a request, without its `SeqID`.
public enum PBXCommand: Hashable, Sendable {
    /// §3.1: the first message after every connect.
    case login(user: String, password: String)
    /// §3.2: sent on graceful shutdown.
    case logout(user: String, password: String)
    /// §3.3: every 5 s once logged in.
    case heartbeat(user: String)
    /// §4.1 ExtenLimit.
    case setCallClass(phone: String, CallClass)
    /// §4.2 ExtenName (UTF-8).
    case setName(phone: String, name: String)
    /// §4.3 ExtenDND.
    case setDND(phone: String, DNDSetting)
    /// §4.4 AlarmClock: the whole wake-up list of the extension, replacing what the PBX had.
    case setAlarmClock(phone: String, [WakeUpEntry])

    /// The `Action` this command is sent with (§3.3: the heartbeat uses `UserLogin`, sic).
    public var action: Action {
        switch self {
        case .login, .heartbeat: .userLogin
        case .logout: .userLogout
        case .setCallClass, .setName, .setDND, .setAlarmClock: .set
        }
    }

    /// The `CallMethod` this command is sent with.
    public var method: CallMethod {
        switch self {
        case .login, .logout: .account
        case .heartbeat: .heartBeat
        case .setCallClass: .extenLimit
        case .setName: .extenName
        case .setDND: .extenDND
        case .setAlarmClock: .alarmClock
        }
    }

    /// The extension a `Set` targets, `nil` for session commands.
    public var phone: String? {
        switch self {
        case .login, .logout, .heartbeat: nil
        case .setCallClass(let phone, _), .setName(let phone, _), .setDND(let phone, _),
            .setAlarmClock(let phone, _):
            phone
        }
    }

    /// The fields after the header, in the order of the tables of §3–§4.
    /// - Throws: ``MessageError`` naming the field and the rule when a value may not be sent.
    func bodyFields() throws(MessageError) -> [Field] {
        switch self {
        case .login(let user, let password), .logout(let user, let password):
            try Self.check(user: user)
            return [Field(FieldKey.user, user), Field(FieldKey.password, password)]
        case .heartbeat(let user):
            try Self.check(user: user)
            return [Field(FieldKey.user, user)]
        case .setCallClass(let phone, let callClass):
            try Self.check(phone: phone)
            return [Field(FieldKey.phone, phone), Field(FieldKey.limit, String(callClass.rawValue))]
        case .setName(let phone, let name):
            try Self.check(phone: phone)
            return [Field(FieldKey.phone, phone), Field(FieldKey.name, name)]
        case .setDND(let phone, .off):
            try Self.check(phone: phone)
            return [Field(FieldKey.phone, phone), Field(FieldKey.use, "0")]
        case .setDND(let phone, .on(let start, let end)):
            try Self.check(phone: phone)
            guard start < end else {
                throw .invalidField(key: FieldKey.end, value: end.description, rule: "must be after Start \(start) (§4.3)")
            }
            return [
                Field(FieldKey.phone, phone), Field(FieldKey.use, "1"),
                Field(FieldKey.start, start.description), Field(FieldKey.end, end.description),
            ]
        case .setAlarmClock(let phone, let entries):
            try Self.check(phone: phone)
            do {
                return [Field(FieldKey.phone, phone), Field(FieldKey.alarmClock, try AlarmClock.compile(entries))]
            } catch {
                throw .alarmClock(error)
            }
        }
    }

    /// Reads the command of `method`/`action` from a frame's fields (a request, or a reply's echo).
    init(action: Action, method: CallMethod, reader: FieldReader) throws(MessageError) {
        switch (action, method) {
        case (.userLogin, .account):
            self = .login(user: try reader.nonEmpty(FieldKey.user), password: try reader.required(FieldKey.password))
        case (.userLogout, .account):
            self = .logout(user: try reader.nonEmpty(FieldKey.user), password: reader.optional(FieldKey.password) ?? "")
        case (.userLogin, .heartBeat):
            self = .heartbeat(user: try reader.nonEmpty(FieldKey.user))
        case (.set, .extenLimit):
            let phone = try Self.phone(reader)
            let limit = try reader.integer(FieldKey.limit)
            guard let callClass = CallClass(rawValue: limit) else {
                throw .invalidField(key: FieldKey.limit, value: String(limit), rule: "must be 1 to 5 (§4.1)")
            }
            self = .setCallClass(phone: phone, callClass)
        case (.set, .extenName):
            self = .setName(phone: try Self.phone(reader), name: try reader.required(FieldKey.name))
        case (.set, .extenDND):
            let phone = try Self.phone(reader)
            switch try reader.required(FieldKey.use) {
            case "0":
                self = .setDND(phone: phone, .off)
            case "1":
                let start = try reader.dateTime(FieldKey.start)
                let end = try reader.dateTime(FieldKey.end)
                guard start < end else {
                    throw .invalidField(key: FieldKey.end, value: end.description, rule: "must be after Start \(start) (§4.3)")
                }
                self = .setDND(phone: phone, .on(start: start, end: end))
            case let other:
                throw .invalidField(key: FieldKey.use, value: other, rule: "must be 1 (set) or 0 (cancel) (§4.3)")
            }
        case (.set, .alarmClock):
            let phone = try Self.phone(reader)
            let value = try reader.required(FieldKey.alarmClock)
            do {
                self = .setAlarmClock(phone: phone, try AlarmClock.parse(value))
            } catch {
                throw .alarmClock(error)
            }
        default:
            throw .invalidField(
                key: FieldKey.action, value: action.rawValue,
                rule: "is not the action of CallMethod \(method.rawValue) (§3–§4)")
        }
    }

    private static func phone(_ reader: FieldReader) throws(MessageError) -> String {
        let phone = try reader.required(FieldKey.phone)
        try check(phone: phone)
        return phone
    }

    private static func check(phone: String) throws(MessageError) {
        guard !phone.isEmpty, !phone.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 }) else {
            throw .invalidField(key: FieldKey.phone, value: phone, rule: "must be a non-empty extension without spaces")
        }
    }

    private static func check(user: String) throws(MessageError) {
        guard !user.isEmpty else { throw .invalidField(key: FieldKey.user, value: user, rule: "must not be empty") }
    }
}

extension PBXCommand: CustomStringConvertible {
    /// A log-safe summary: passwords never appear.
    public var description: String {
        switch self {
        case .login(let user, _): "login(user: \(user))"
        case .logout(let user, _): "logout(user: \(user))"
        case .heartbeat(let user): "heartbeat(user: \(user))"
        case .setCallClass(let phone, let callClass): "ExtenLimit(\(phone), \(callClass.rawValue))"
        case .setName(let phone, let name): "ExtenName(\(phone), \(name))"
        case .setDND(let phone, .off): "ExtenDND(\(phone), off)"
        case .setDND(let phone, .on(let start, let end)): "ExtenDND(\(phone), \(start) – \(end))"
        case .setAlarmClock(let phone, let entries):
            "AlarmClock(\(phone), \((try? AlarmClock.compile(entries)) ?? "\(entries.count) invalid entries"))"
        }
    }
}
