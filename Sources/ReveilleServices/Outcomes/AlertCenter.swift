import Foundation
import Logging
import ReveilleAPIContract
import ReveilleCore
import ReveilleStore

/// Raises alerts: stores them (the page's banner and `GET /api/alerts` read them),
/// logs each at error level, tells ``onRaised`` (the metrics) and hands it to the webhook when one
/// is configured. Nothing here waits on the webhook.
public final class AlertCenter: AlertSink {
    private let store: Store
    private let calendar: HotelCalendar
    private let webhook: WebhookSender?
    private let onRaised: @Sendable (Alert) -> Void
    private let logger: Logger

    /// - Parameters:
    ///   - webhook: posts each alert when `alerts.webhook.url` is configured.
    ///   - onRaised: called with each alert raised (the application counts them).
    public init(
        store: Store, timeZone: TimeZone, webhook: WebhookSender? = nil, onRaised: @escaping @Sendable (Alert) -> Void = { _ in },
        logger: Logger
    ) {
        self.store = store
        self.calendar = HotelCalendar(timeZone: timeZone)
        self.webhook = webhook
        self.onRaised = onRaised
        self.logger = logger
    }

    /// Raises the alert a finished occurrence calls for, naming it from the occurrence.
    @discardableResult
    public func raise(_ kind: AlertKind, about occurrence: WakeUpOccurrence, at now: Date) throws -> Alert {
        let params = Alert.params(
            kind: kind, room: occurrence.room, guest: occurrence.guest, time: time(occurrence.scheduledAt), occurrence: occurrence,
            clock: time)
        let message = Alert.message(kind: kind, params: params)
        let alert = try store.raise(
            kind, room: occurrence.room, guest: occurrence.guest, scheduledAt: occurrence.scheduledAt, message: message,
            occurrence: occurrence, at: now)
        announce(alert, phone: occurrence.phone, params: params)
        return alert
    }

    public func unconfirmedSoon(_ wakeUp: UnconfirmedWakeUp, at now: Date) {
        do {
            let snapshot = try store.snapshot(at: now)
            // The guest whose wake-up it is (a shared room holds several).
            let guest = (wakeUp.stayID.flatMap { snapshot.stays[$0] } ?? snapshot.currentStay(in: wakeUp.room, at: now))?.guestName
            let params = Alert.params(kind: .unconfirmedSoon, room: wakeUp.room, guest: guest, time: time(wakeUp.at), occurrence: nil, clock: time)
            let message = Alert.message(kind: .unconfirmedSoon, params: params)
            let alert = try store.raise(.unconfirmedSoon, room: wakeUp.room, guest: guest, scheduledAt: wakeUp.at, message: message, at: now)
            announce(alert, phone: wakeUp.phone, params: params)
        } catch {
            logger.error("could not store an alert: wake-up due within 60 min is not confirmed by the PBX", metadata: [
                "room": "\(wakeUp.room)", "extension": "\(wakeUp.phone)", "error": "\(error)",
            ])
        }
    }

    public func pushFailed(room: String, phone: String, setting: String, error: String, at now: Date) {
        do {
            // A name stored before the bounds may be what failed: quoted cut, never whole.
            let guest = try store.snapshot(at: now).currentStay(in: room, at: now)
                .map { InputBounds.excerpt($0.guestName, scalars: InputBounds.nameLength) }
            // `time` holds the setting for this kind (alarmClock, name, callClass, dnd).
            var params = Alert.params(kind: .pushFailed, room: room, guest: guest, time: setting, occurrence: nil, clock: time)
            params["error"] = InputBounds.excerpt(error, scalars: 200)
            let message = Alert.message(kind: .pushFailed, params: params) + ": " + InputBounds.excerpt(error, scalars: 200)
            let alert = try store.raise(.pushFailed, room: room, guest: guest, scheduledAt: now, message: message, at: now)
            announce(alert, phone: phone, params: params)
        } catch let storeError {
            logger.error("could not store an alert: a push to the PBX failed", metadata: [
                "room": "\(room)", "extension": "\(phone)", "setting": "\(setting)", "error": "\(error)", "store_error": "\(storeError)",
            ])
        }
    }

    private func announce(_ alert: Alert, phone: String, params: [String: String]) {
        logger.error("\(alert.message)", metadata: [
            "alert": "\(alert.id)", "kind": "\(alert.kind.rawValue)", "room": "\(alert.room)", "extension": "\(phone)",
        ])
        onRaised(alert)
        webhook?.enqueue(API.Alert(alert, params: params))
    }

    private func time(_ date: Date) -> String {
        String(calendar.wallClock(date).description.dropFirst(11).prefix(5))
    }
}

extension API.Alert {
    /// The reply and webhook body of an alert, with the values its message names
    /// (``ReveilleCore/Alert/params(time:attempts:)``).
    public init(_ alert: Alert, params: [String: String]) {
        self.init(
            id: alert.id, kind: alert.kind.rawValue, room: alert.room, guest: alert.guest, scheduledAt: alert.scheduledAt,
            raisedAt: alert.raisedAt, message: alert.message, params: params, acknowledgedAt: alert.acknowledgedAt,
            acknowledgedBy: alert.acknowledgedBy, action: alert.action?.rawValue, note: alert.note)
    }
}
