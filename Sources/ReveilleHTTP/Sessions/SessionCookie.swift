import Foundation
import Hummingbird

/// The session cookie: `HttpOnly` (no script reads it), `SameSite=Strict` (no other site's page
/// sends it), `Path=/`, and `Secure` when the page is served over TLS (`http.secureCookies`).
enum SessionCookie {
    static let name = "reveille_session"
    /// The header the page sends with every change it makes under the cookie (CSRF).
    static let header = HTTPFields.Element.Name("X-Reveille")!

    static func make(_ id: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: id, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// Tells the browser to forget the cookie.
    static func expired(secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
