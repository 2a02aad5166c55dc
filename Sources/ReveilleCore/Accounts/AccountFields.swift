/// The rules of an account's fields (issue "people sign in as themselves"): each check throws an
/// ``InputError`` naming the field, its stable code and the rule, before anything is stored.
public enum AccountFields {
    /// User names: 1 … 32 of `a-z 0-9 . _ -`.
    public static let userNameLength = 1...32
    /// Display names (the person's name, any script): 1 … 64 characters, no control characters.
    public static let displayNameLength = 64
    /// Passwords: 10 … 128 characters, no control characters.
    public static let passwordLength = 10...128
    /// The characters a user name may hold, as the rule names them.
    public static let userNameCharacters = "a-z 0-9 . _ -"

    /// The user name as stored and compared: lower-cased (user names are unique whatever their case),
    /// checked. Throws `empty`, `tooLong` or `notAUserName` for the field `user`.
    public static func userName(_ value: String, field: String = "user") throws(InputError) -> String {
        let name = value.lowercased()
        if name.isEmpty { throw InputError(field: field, code: .empty, rule: "must not be empty") }
        let count = name.unicodeScalars.count
        guard count <= userNameLength.upperBound else {
            throw InputError(
                field: field, code: .tooLong, params: ["maximum": "\(userNameLength.upperBound)", "length": "\(count)"],
                rule: "must be at most \(userNameLength.upperBound) characters (has \(count))")
        }
        guard name.unicodeScalars.allSatisfy(isUserNameScalar) else {
            throw InputError(
                field: field, code: .notAUserName, params: ["allowed": userNameCharacters],
                rule: "may hold only \(userNameCharacters)")
        }
        return name
    }

    /// A person's name: not blank, at most 64 characters, no control characters.
    public static func displayName(_ value: String, field: String = "displayName") throws(InputError) {
        try InputBounds.text(value, field: field, maximum: displayNameLength)
    }

    /// A new password: 10 … 128 characters, no control characters. The password itself is never
    /// part of the error (only its length).
    public static func password(_ value: String, field: String = "password") throws(InputError) {
        try InputBounds.text(value, field: field, maximum: passwordLength.upperBound, required: false)
        let count = value.unicodeScalars.count
        guard count >= passwordLength.lowerBound else {
            throw InputError(
                field: field, code: .tooShort, params: ["minimum": "\(passwordLength.lowerBound)", "length": "\(count)"],
                rule: "must be at least \(passwordLength.lowerBound) characters (has \(count))")
        }
    }

    /// A role's name: `reception`, `housekeeping` or `admin`.
    public static func role(_ value: String, field: String = "role") throws(InputError) -> Role {
        guard let role = Role(rawValue: value) else {
            let allowed = Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw InputError(
                field: field, code: .notOneOf, params: ["value": InputBounds.excerpt(value, scalars: 20), "allowed": allowed],
                rule: "\"\(InputBounds.excerpt(value, scalars: 20))\" is not one of \(allowed)")
        }
        return role
    }

    /// The refusal of a user name that another account has (whatever its case).
    public static func taken(_ userName: String) -> InputError {
        InputError(field: "user", code: .userNameTaken, params: ["user": userName], rule: "an account named \(userName) exists already")
    }

    private static func isUserNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "0"..."9", ".", "_", "-": true
        default: false
        }
    }
}
