using Dapper;
using Npgsql;

namespace Baseline;

/// <summary>
/// What a verifier is told about a found certificate (the API's CertificateAnswer): a reissued one answers the status of
/// the certificate that carries on, and names it.
/// </summary>
internal sealed record Answer(CertificateRow Certificate, string Status, CertificateRow? ReissuedAs)
{
    public static Answer Of(CertificateRow certificate, CertificateRow? successor, DateTime today) =>
        certificate.ReplacedById is not null && certificate.RevokedAt is null && successor is not null
            ? new(certificate, Graph.CertificateStatus(successor, today), successor)
            : new(certificate, Graph.CertificateStatus(certificate, today), null);
}

internal static class Certificates
{
    private const int MaxGenerations = 20;

    /// <summary>A certificate from its 18 columns starting at <paramref name="offset"/> (the API's column order); null when a left join found none.</summary>
    public static CertificateRow? Read(NpgsqlDataReader reader, int offset)
    {
        if (reader.IsDBNull(offset))
        {
            return null;
        }

        DateTime? Time(int column) => reader.IsDBNull(offset + column) ? null : reader.GetDateTime(offset + column);
        Guid? Key(int column) => reader.IsDBNull(offset + column) ? null : reader.GetGuid(offset + column);
        return new CertificateRow
        {
            Id = reader.GetGuid(offset), CourseId = Key(1), DurationMinutes = reader.IsDBNull(offset + 3) ? null : reader.GetInt32(offset + 3),
            ExpiresOn = Time(4), HolderLastNameKey = reader.GetString(offset + 5), HolderName = reader.GetString(offset + 6), IssuedOn = reader.GetDateTime(offset + 7),
            Kind = reader.GetString(offset + 8), MemberId = reader.GetGuid(offset + 9), Number = reader.GetString(offset + 10), ReplacedById = Key(11),
            RevokedAt = Time(13), SuspendedAt = Time(14), Title = reader.GetString(offset + 16),
        };
    }

    /// <summary>CertificateSuccessors.LoadAsync: for each replaced certificate asked about, its current successor; one query per generation of reissue.</summary>
    public static async Task<Dictionary<Guid, CertificateRow>> SuccessorsAsync(NpgsqlConnection connection, IEnumerable<CertificateRow> asked)
    {
        var known = new Dictionary<Guid, CertificateRow>();
        var replaced = asked.Where(c => c.ReplacedById is not null).ToList();
        var wanted = replaced.Select(c => c.ReplacedById!.Value).Distinct().ToList();
        for (var generation = 0; wanted.Count > 0 && generation < MaxGenerations; generation++)
        {
            foreach (var found in await connection.QueryByKeysAsync<CertificateRow, Guid>(Sql.CertificatesById, [.. wanted]))
            {
                known[found.Id] = found;
            }

            wanted = [.. wanted.Select(id => known.GetValueOrDefault(id)?.ReplacedById).OfType<Guid>().Where(id => !known.ContainsKey(id)).Distinct()];
        }

        var successors = new Dictionary<Guid, CertificateRow>();
        foreach (var certificate in replaced)
        {
            var current = known.GetValueOrDefault(certificate.ReplacedById!.Value);
            for (var step = 0; current?.ReplacedById is { } next && step < MaxGenerations; step++)
            {
                current = known.GetValueOrDefault(next);
            }

            if (current is not null)
            {
                successors[certificate.Id] = current;
            }
        }

        return successors;
    }
}
