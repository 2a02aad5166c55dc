/// `ServiceType` (§2): `PMS` for requests and most events, `BILLING` for CDRs.
public enum ServiceType: String, Hashable, Sendable, CaseIterable {
    case pms = "PMS"
    case billing = "BILLING"
}

/// `Action` (§2).
public enum Action: String, Hashable, Sendable, CaseIterable {
    case userLogin = "UserLogin"
    case userLogout = "UserLogout"
    case set = "Set"
    case callControl = "CallControl"
}

/// `CallMethod` (§2): the operation.
public enum CallMethod: String, Hashable, Sendable, CaseIterable {
    case account = "Account"
    case heartBeat = "HeartBeat"
    case extenLimit = "ExtenLimit"
    case extenName = "ExtenName"
    case extenDND = "ExtenDND"
    case alarmClock = "AlarmClock"
    case cdr = "CDR"
    case callIn = "CallIn"
    case extenStatus = "ExtenStatus"

    /// Whether the PBX sends this method unasked (§5).
    public var isEvent: Bool {
        switch self {
        case .cdr, .callIn, .extenStatus: true
        case .account, .heartBeat, .extenLimit, .extenName, .extenDND, .alarmClock: false
        }
    }
}

/// `Response` in replies (§2).
public enum ResponseKind: String, Hashable, Sendable, CaseIterable {
    case success = "Success"
    case error = "Error"
}
