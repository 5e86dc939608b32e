namespace Membership.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the host starts. Null means: on for SQLite in Development, otherwise off.</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>Seconds a single SQL command may run.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Use the provider's compiled EF model (Data/CompiledModels, infra/scripts/compile-model.sh) instead of building
    /// the model from the entity configurations in the first query: the same model, built in a fraction of the time.
    /// </summary>
    public bool UseCompiledModel { get; set; } = true;

    /// <summary>
    /// EF Core's check that no two threads use one context at once. Null means: on in Development and in the tests'
    /// Testing environment, where a resolver that shares a context across threads must fail loudly; off elsewhere,
    /// since the check writes an async-local value twice for every row a query reads (a page of members: hundreds of
    /// allocations per request) and every loader already takes a context of its own.
    /// </summary>
    public bool? ThreadSafetyChecks { get; set; }
}
