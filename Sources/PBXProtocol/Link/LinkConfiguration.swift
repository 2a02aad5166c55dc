/// The timings and credentials of the PBX link (§3).
public struct LinkConfiguration: Sendable, CustomStringConvertible {
    /// The account the PBX administrator assigned (§3.1).
    public var user: String
    /// Its password. Never logged: ``description`` leaves it out.
    public var password: String
    /// Time between heartbeats once logged in (§3.3: 5 s).
    public var heartbeatInterval: Duration = .seconds(5)
    /// Unanswered heartbeats in a row that take the link down (§3.3: 3).
    public var missedHeartbeatsBeforeDown = 3
    /// A request without a reply within this time has failed (§2 decisions: 10 s). Also bounds the login.
    public var requestTimeout: Duration = .seconds(10)
    /// Requests outstanding at once (default 1: the vendor does not promise pipelining). Heartbeats
    /// and the logout do not count: they must go out whatever a slow Set is doing.
    public var requestWindow = 1
    /// First reconnect delay; it doubles per failed attempt up to ``maximumBackoff``.
    public var initialBackoff: Duration = .seconds(1)
    public var maximumBackoff: Duration = .seconds(60)
    /// Share of a backoff delay taken off at random (0 = none, 0.5 = the delay lies in [d/2, d]).
    public var backoffJitter = 0.5
    /// Wait after a login Error: a wrong password is not a network fault (§3.1 decisions).
    public var loginRetryDelay: Duration = .seconds(300)
    /// How long a graceful shutdown waits for the logout reply (§3.2).
    public var logoutTimeout: Duration = .seconds(2)

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    public var description: String {
        "LinkConfiguration(user: \(user), password: <redacted>, heartbeat: \(heartbeatInterval), "
            + "missed: \(missedHeartbeatsBeforeDown), timeout: \(requestTimeout), window: \(requestWindow), "
            + "backoff: \(initialBackoff)…\(maximumBackoff), login retry: \(loginRetryDelay))"
    }
}
