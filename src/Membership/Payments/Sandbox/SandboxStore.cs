using System.Text.Json.Nodes;
using Membership.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Membership.Payments.Sandbox;

/// <summary>
/// Where the sandbox keeps Stripe's side: <see cref="SandboxObject"/> rows of the shared database. A change is read,
/// made and saved as one unit; when another instance changed the same object meanwhile, the unit runs again on fresh
/// state, as Stripe itself would serialise the two requests.
/// </summary>
internal sealed class SandboxStore : IDisposable
{
    private const int Attempts = 5;
    private readonly SemaphoreSlim _gate = new(1, 1); // one writer per process: conflicts are then only between instances
    private readonly IDbContextFactory<MembershipDbContext> _main;
    private readonly Lazy<Task<DbContextOptions<MembershipDbContext>?>> _side;

    public SandboxStore(IDbContextFactory<MembershipDbContext> main)
    {
        _main = main;
        _side = new(SideDatabaseAsync);
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The sandbox forgets an object, as when its row is removed (a reset database).</summary>
    public async Task<bool> ForgetAsync(string id, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        return await db.SandboxObjects.Where(o => o.Id == id).ExecuteDeleteAsync(ct) == 1;
    }

    public async Task<JsonObject?> FindAsync(string id, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        var json = await db.SandboxObjects.AsNoTracking().Where(o => o.Id == id).Select(o => o.Json).SingleOrDefaultAsync(ct);
        return json is null ? null : JsonNode.Parse(json)!.AsObject();
    }

    /// <summary>Objects of one type created at or after <paramref name="since"/>, newest first.</summary>
    public async Task<List<JsonObject>> ListAsync(string type, long since, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        var rows = await db.SandboxObjects.AsNoTracking().Where(o => o.Type == type && o.Created >= since)
            .OrderByDescending(o => o.Created).ThenByDescending(o => o.Sequence).Select(o => o.Json).ToListAsync(ct);
        return [.. rows.Select(json => JsonNode.Parse(json)!.AsObject())];
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the current state and saves what it added and changed, all or nothing. Null
    /// when <paramref name="work"/> added an object whose id another request stored first (a repeated idempotency key).
    /// </summary>
    public async Task<T?> WriteAsync<T>(Func<SandboxChanges, Task<T>> work, CancellationToken ct)
        where T : class
    {
        await _gate.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await OpenAsync(ct);
                var changes = new SandboxChanges(db);
                var result = await work(changes);
                try
                {
                    await changes.SaveAsync(ct);
                    return result;
                }
                catch (DbUpdateConcurrencyException) when (attempt < Attempts)
                {
                    // Another instance changed one of these objects first: do it again on what it left.
                }
                catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
                {
                    return null;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<MembershipDbContext> OpenAsync(CancellationToken ct) =>
        await _side.Value is { } side ? new MembershipDbContext(side) : await _main.CreateDbContextAsync(ct);

    /// <summary>
    /// SQLite lets one connection write at a time, and some callers ask Stripe to create something inside their open
    /// transaction: staff refunds of dues and tickets (under the payment's row lock, so two refunds never exceed what was
    /// paid) and the webhook's refund of a ticket payment that came after its seats were gone (see TicketLifecycle). On
    /// SQLite the sandbox therefore keeps its rows in a file of its own beside the database (same schema, migrated on first
    /// use), so it never waits for a caller that is waiting for it. Instances on one machine share that file as they share
    /// the database. (Checkouts no longer need it: both commit their order before they call Stripe.)
    /// </summary>
    private async Task<DbContextOptions<MembershipDbContext>?> SideDatabaseAsync()
    {
        string? connectionString;
        await using (var db = await _main.CreateDbContextAsync())
        {
            connectionString = db.Database.IsSqlite() ? db.Database.GetConnectionString() : null;
        }

        var file = new SqliteConnectionStringBuilder(connectionString ?? string.Empty);
        if (connectionString is null || file.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(file.DataSource) || file.DataSource == ":memory:")
        {
            return null;
        }

        file.DataSource = Path.ChangeExtension(file.DataSource, ".sandbox" + Path.GetExtension(file.DataSource));
        var options = (DbContextOptions<MembershipDbContext>)DatabaseSetup.UseProvider(new DbContextOptionsBuilder<MembershipDbContext>(), DatabaseProvider.Sqlite, file.ToString()).Options;
        await using var side = new MembershipDbContext(options);
        await side.Database.MigrateAsync();
        return options;
    }
}

/// <summary>The objects one change of the sandbox read and added; saved together.</summary>
internal sealed class SandboxChanges(MembershipDbContext db)
{
    private readonly Dictionary<string, (SandboxObject Row, JsonObject Value)> _objects = new(StringComparer.Ordinal);

    /// <summary>The object as stored; changes made to it are saved with the unit.</summary>
    public async Task<JsonObject?> FindAsync(string id)
    {
        if (_objects.TryGetValue(id, out var known))
        {
            return known.Value;
        }

        var row = await db.SandboxObjects.SingleOrDefaultAsync(o => o.Id == id);
        if (row is null)
        {
            return null;
        }

        var value = JsonNode.Parse(row.Json)!.AsObject();
        _objects[id] = (row, value);
        return value;
    }

    /// <summary>A new object, keyed by its "id" and typed by its "object" unless <paramref name="type"/> says otherwise.</summary>
    public JsonObject Add(JsonObject value, string? type = null)
    {
        var id = (string)value["id"]!;
        var row = new SandboxObject { Id = id, Type = type ?? (string)value["object"]!, Created = (long?)value["created"] ?? 0, Json = string.Empty };
        db.SandboxObjects.Add(row);
        _objects[id] = (row, value);
        return value;
    }

    public async Task SaveAsync(CancellationToken ct)
    {
        foreach (var (row, value) in _objects.Values)
        {
            var json = value.ToJsonString();
            if (json != row.Json)
            {
                row.Json = json;
                row.Version++;
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
