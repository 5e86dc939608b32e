using System.Text;
using System.Text.Json;
using Membership.Data;
using Npgsql;

namespace Driver;

/// <summary>A workload: its GraphQL document, the baseline's path (null: the API alone), who calls it, and request bodies.</summary>
internal sealed record Workload(string Name, string Title, string? BaselinePath, string? Token, IReadOnlyList<byte[]> Bodies)
{
    /// <summary>The same requests in PostGraphile's schema (bench/workloads/postgraphile/), where it can express them.</summary>
    public IReadOnlyList<byte[]>? PeerBodies { get; init; }
}

/// <summary>Inputs drawn from the generated data, so both sides get the same varied requests.</summary>
internal sealed class Samples(NpgsqlDataSource db, string workloadFolder)
{
    public static readonly string[] SearchFragments = ["garc", "smit", "john", "rodr", "will"];

    /// <summary>Every distinct name must carry the key TextKeys.Normalize gives it, or search measures the wrong thing.</summary>
    public async Task CheckNameKeysAsync()
    {
        var bad = 0;
        foreach (var sql in new[] { """SELECT DISTINCT "LastName", "LastNameKey" FROM "Members" """, """SELECT DISTINCT "FirstName", "FirstNameKey" FROM "Members" """ })
        {
            foreach (var (name, key) in await RowsAsync(sql, r => (r.GetString(0), r.GetString(1))))
            {
                if (TextKeys.Normalize(name) != key)
                {
                    Console.Error.WriteLine($"name key mismatch: '{name}' has '{key}', TextKeys.Normalize gives '{TextKeys.Normalize(name)}'");
                    bad++;
                }
            }
        }

        if (bad > 0)
        {
            throw new InvalidOperationException($"{bad} generated names carry keys the API would not give them");
        }
    }

    public byte[] Body(string file, object? variables = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new { query = File.ReadAllText(Path.Combine(workloadFolder, file)).Trim(), variables = variables ?? new { } });

    public Task<List<Guid>> NodeIdsAsync() =>
        RowsAsync("""SELECT "Id" FROM "Members" WHERE "Number" IN (SELECT 1 + (random() * (SELECT max("Number") - 1 FROM "Members"))::bigint FROM generate_series(1, 200))""", r => r.GetGuid(0));

    public async Task<List<(string Number, string LastName)>> CertificatesAsync(int count) =>
        await RowsAsync($"""
            SELECT c."Number", m."LastName" FROM "Certificates" c JOIN "Members" m ON m."Id" = c."MemberId"
            WHERE c."Number" IN (SELECT 'SRO-' || y || '-' || lpad(n::text, 6, '0') FROM generate_series(2019, {DateTime.UtcNow.Year}) y,
              (SELECT 1 + (random() * (SELECT count(*) - 1 FROM "Certificates"))::int AS n FROM generate_series(1, {count * 2})) s)
            LIMIT {count}
            """, r => (r.GetString(0), r.GetString(1)));

    /// <summary>Deep in the name order: the first member at or after each of these surnames (name keys and number).</summary>
    public async Task<List<(string Last, string First, long Number)>> DeepPageStartsAsync()
    {
        string[] at = ["brown", "davis", "garcia", "hernandez", "johnson", "jones", "lopez", "martinez", "miller", "moore", "nguyen", "rodriguez",
            "smith", "taylor", "thomas", "walker", "white", "williams", "wilson", "young"];
        var starts = new List<(string, string, long)>();
        foreach (var surname in at)
        {
            starts.AddRange(await RowsAsync($"""SELECT "LastNameKey", "FirstNameKey", "Number" FROM "Members" WHERE "LastNameKey" >= '{surname}' ORDER BY "LastNameKey", "FirstNameKey", "Number" LIMIT 1""",
                r => (r.GetString(0), r.GetString(1), r.GetInt64(2))));
        }

        return starts;
    }

    /// <summary>The API's cursor after a member in the name order.</summary>
    public byte[] PageBody((string Last, string First, long Number) start) =>
        Body("page.graphql", new { after = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new object[] { "member:name:asc", start.Last, start.First, start.Number })) });

    public static string GlobalId(string type, Guid id) => Base64Url(Encoding.UTF8.GetBytes($"{type}:{id:N}"));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = db.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
