import Foundation
import Logging
import ReveilleAPIContract
import ReveilleCore
import ReveilleStore

/// Raises alerts (issue 10 §2): stores them (the page's banner and `GET /api/alerts` read them),
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
        let message = Alert.message(
            kind: kind, room: occurrence.room, guest: occurrence.guest, time: time(occurrence.scheduledAt),
            attempts: occurrence.attempts.count)
        let alert = try store.raise(
            kind, room: occurrence.room, guest: occurrence.guest, scheduledAt: occurrence.scheduledAt, message: message,
            occurrence: occurrence, at: now)
        announce(alert, phone: occurrence.phone)
        return alert
    }

    public func unconfirmedSoon(_ wakeUp: UnconfirmedWakeUp, at now: Date) {
        do {
            let snapshot = try store.snapshot(at: now)
            // The guest whose wake-up it is (a shared room holds several).
            let guest = (wakeUp.stayID.flatMap { snapshot.stays[$0] } ?? snapshot.currentStay(in: wakeUp.room, at: now))?.guestName
            let message = Alert.message(kind: .unconfirmedSoon, room: wakeUp.room, guest: guest, time: time(wakeUp.at), attempts: 0)
            let alert = try store.raise(.unconfirmedSoon, room: wakeUp.room, guest: guest, scheduledAt: wakeUp.at, message: message, at: now)
            announce(alert, phone: wakeUp.phone)
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
            let message = Alert.message(kind: .pushFailed, room: room, guest: guest, time: setting, attempts: 0)
                + ": " + InputBounds.excerpt(error, scalars: 200)
            let alert = try store.raise(.pushFailed, room: room, guest: guest, scheduledAt: now, message: message, at: now)
            announce(alert, phone: phone)
        } catch let storeError {
            logger.error("could not store an alert: a push to the PBX failed", metadata: [
                "room": "\(room)", "extension": "\(phone)", "setting": "\(setting)", "error": "\(error)", "store_error": "\(storeError)",
            ])
        }
    }

    private func announce(_ alert: Alert, phone: String) {
        logger.error("\(alert.message)", metadata: [
            "alert": "\(alert.id)", "kind": "\(alert.kind.rawValue)", "room": "\(alert.room)", "extension": "\(phone)",
        ])
        onRaised(alert)
        webhook?.enqueue(alert)
    }

    private func time(_ date: Date) -> String {
        String(calendar.wallClock(date).description.dropFirst(11).prefix(5))
    }
}

extension API.Alert {
    /// The reply and webhook body of an alert.
    public init(_ alert: Alert) {
        self.init(
            id: alert.id, kind: alert.kind.rawValue, room: alert.room, guest: alert.guest, scheduledAt: alert.scheduledAt,
            raisedAt: alert.raisedAt, message: alert.message, acknowledgedAt: alert.acknowledgedAt,
            acknowledgedBy: alert.acknowledgedBy, action: alert.action?.rawValue, note: alert.note)
    }
}
