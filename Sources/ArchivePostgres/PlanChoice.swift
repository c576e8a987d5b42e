/// How the server plans a prepared statement when it is run.
enum PlanMode: Sendable, Equatable {
    /// Once, for any values (`plan_cache_mode = force_generic_plan`), without Memoize and JIT.
    ///
    /// A generic plan guesses that a bound `LIMIT` keeps a tenth of the rows. Planned for that
    /// many, each Memoize node allocates a hash table as large every time the statement runs
    /// (1–2 ms for a 50-row page of a million chats, three times what the page costs without
    /// it), and a page's cost can pass `jit_above_cost`, where compiling its expressions takes
    /// 20–50 ms a run.
    case generic
    /// Anew for each run's values (`force_custom_plan`), Memoize and JIT as the server has them:
    /// what an unprepared statement gets.
    case custom

    /// The settings that differ between the modes.
    static let settings = ["plan_cache_mode", "enable_memoize", "jit"]

    /// A statement that puts the session in this mode (one round trip for all the settings).
    var statement: String {
        switch self {
        case .generic:
            "SELECT set_config('plan_cache_mode', 'force_generic_plan', false), set_config('enable_memoize', 'off', false), "
                + "set_config('jit', 'off', false)"
        case .custom:
            // The server's own values, as the session started with them (`reset_val`).
            "SELECT set_config(name, CASE name WHEN 'plan_cache_mode' THEN 'force_custom_plan' ELSE reset_val END, false) "
                + "FROM pg_settings WHERE name IN (" + Self.settings.map { "'\($0)'" }.joined(separator: ", ") + ")"
        }
    }
}

/// Whether one prepared statement runs with its generic plan or is planned for each run's
/// values, decided by timing both on the session.
///
/// The statement runs generic first: once to build the plan (not timed), then ``samples`` times;
/// then ``samples`` times custom. It keeps the generic plan unless that ran slower than
/// ``tolerance`` times the custom runs (planning included), which happens where the values
/// matter to the plan: a restriction that keeps few rows of a large table, say. Planning
/// anew costs the server's time for every run, so a tie goes to the generic plan.
struct PlanChoice: Sendable {
    static let samples = 3
    static let tolerance = 1.25

    /// The mode chosen, once both are timed.
    private(set) var decided: PlanMode?
    private var planBuilt = false
    private var generic: [Duration] = []
    private var custom: [Duration] = []

    /// The mode of the statement's next run.
    var next: PlanMode { decided ?? (generic.count < Self.samples ? .generic : .custom) }

    /// Records how long a run in `mode` took (from sending it to its last row).
    mutating func record(_ mode: PlanMode, _ elapsed: Duration) {
        guard decided == nil else { return }
        switch mode {
        case .generic where !planBuilt: planBuilt = true
        case .generic: if generic.count < Self.samples { generic.append(elapsed) }
        case .custom: if custom.count < Self.samples { custom.append(elapsed) }
        }
        guard generic.count == Self.samples, custom.count == Self.samples else { return }
        decided = Self.median(generic) <= Self.median(custom) * Self.tolerance ? .generic : .custom
    }

    private static func median(_ durations: [Duration]) -> Duration { durations.sorted()[durations.count / 2] }
}
