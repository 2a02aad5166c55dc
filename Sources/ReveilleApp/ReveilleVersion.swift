/// The release of Reveille (`reveille --version`, `reveille_build_info`, the first log line).
public enum ReveilleVersion {
    public static let current = "0.3.0"
}
